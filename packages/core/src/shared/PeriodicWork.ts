import { type Cause, Duration, Effect, Fiber, type Layer, ManagedRuntime } from "effect"

/** How a periodic work runs: its program, its pause, the ports it runs on, what to do with failures. */
export interface PeriodicWorkOptions<A, R, E> {
  /** One run of the work (e.g. deliver the due mails); it is never interrupted halfway. */
  readonly work: Effect.Effect<A, unknown, R>
  /** Pause between two runs, e.g. `"5 seconds"`. */
  readonly interval: Duration.DurationInput
  /** Pause before the first run (none by default). */
  readonly firstRunAfter?: Duration.DurationInput
  /** The ports the work runs on; built once for the worker's life. */
  readonly layer: Layer.Layer<R, E>
  /** Logged (in French) when a run fails; the worker goes on at the next interval. */
  readonly failureMessage: string
  readonly onReport?: (report: A) => void
  readonly onError?: (cause: Cause.Cause<unknown>) => void
}

/** A running periodic work. */
export interface PeriodicWork<A> {
  /** One run now, in turn with the periodic ones. */
  readonly runOnce: () => Promise<A>
  /** Stops after the run in progress, then releases the layer. */
  readonly stop: () => Promise<void>
}

/**
 * Runs a work every `interval` on the ports of `layer` (the outboxes' delivery workers): runs never
 * overlap and are never cut halfway; a failed run is logged and reported, and the next one comes.
 *
 * @example
 * const worker = startPeriodicWork({ work: deliverNow, interval: "5 seconds", layer, failureMessage: "L'envoi a échoué." })
 * // on shutdown: await worker.stop()
 */
export function startPeriodicWork<A, R, E>(options: PeriodicWorkOptions<A, R, E>): PeriodicWork<A> {
  const runtime = ManagedRuntime.make(options.layer)
  const lock = Effect.unsafeMakeSemaphore(1)
  const run = lock.withPermits(1)(Effect.uninterruptible(Effect.tap(options.work, (report) => Effect.sync(() => options.onReport?.(report)))))
  const loop = Effect.forever(
    Effect.zipRight(
      run.pipe(
        Effect.catchAllCause((cause) =>
          Effect.zipRight(Effect.logError(options.failureMessage, cause), Effect.sync(() => options.onError?.(cause)))
        )
      ),
      Effect.sleep(Duration.decode(options.interval))
    )
  )
  const fiber = runtime.runFork(Effect.zipRight(Effect.sleep(Duration.decode(options.firstRunAfter ?? 0)), loop))
  let stopping: Promise<void> | undefined
  return {
    runOnce: () => runtime.runPromise(run),
    stop: () => {
      stopping ??= runtime.runPromise(Fiber.interrupt(fiber)).then(() => runtime.dispose())
      return stopping
    }
  }
}
