import { Clock, deliverDueMails, type DeliveryReport, type MailOutbox, type MailTransport, type RetryPolicy } from "@spe/core"
import { type Cause, Duration, Effect, Fiber, type Layer, ManagedRuntime } from "effect"

/** How the outbox worker runs. */
export interface MailWorkerOptions<E> {
  /** Pause between two runs, e.g. `"5 seconds"` or a number of milliseconds. */
  readonly interval: Duration.DurationInput
  /** Pause before the first run (none by default). */
  readonly firstRunAfter?: Duration.DurationInput
  /** At most this many mails claimed per run. */
  readonly batch: number
  /** The outbox, the transport and the clock; built once for the worker's life. */
  readonly layer: Layer.Layer<MailOutbox | MailTransport | Clock, E>
  readonly policy?: RetryPolicy
  readonly onReport?: (report: DeliveryReport) => void
  /** Called when a run fails (the outbox unreachable); the worker goes on at the next interval. */
  readonly onError?: (cause: Cause.Cause<unknown>) => void
}

/** A running outbox worker. */
export interface MailWorker {
  /** One run now, in turn with the periodic ones. */
  readonly runOnce: () => Promise<DeliveryReport>
  /** Stops after the run in progress (no mail is left half sent), then releases the layer. */
  readonly stop: () => Promise<void>
}

/**
 * Starts the outbox worker: every `interval`, `deliverDueMails(now, batch)` with the clock's now.
 * Runs never overlap. Several workers (processes) may share one outbox: claims keep them apart.
 *
 * @example
 * const worker = startMailWorker({ interval: "5 seconds", batch: 20, layer: Layer.mergeAll(outbox, nodemailerTransport(smtp), systemClock) })
 * process.on("SIGTERM", () => void worker.stop())
 */
export function startMailWorker<E>(options: MailWorkerOptions<E>): MailWorker {
  const runtime = ManagedRuntime.make(options.layer)
  const lock = Effect.unsafeMakeSemaphore(1)
  const run = lock.withPermits(1)(
    Effect.uninterruptible(
      Effect.gen(function* () {
        const now = yield* (yield* Clock).now
        const report = yield* deliverDueMails(now, options.batch, options.policy)
        options.onReport?.(report)
        return report
      })
    )
  )
  const loop = Effect.forever(
    Effect.zipRight(
      run.pipe(
        Effect.catchAllCause((cause) =>
          Effect.zipRight(
            Effect.logError("L'envoi des courriels en attente a échoué ; nouvel essai au prochain passage.", cause),
            Effect.sync(() => options.onError?.(cause))
          )
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
