import { Clock, deliverDueMails, type DeliveryReport, type MailOutbox, type MailTransport, type PeriodicWork, type RetryPolicy, startPeriodicWork } from "@spe/core"
import { type Cause, type Duration, Effect, type Layer } from "effect"

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

/** A running outbox worker: `stop` waits for the run in progress, so no mail is left half sent. */
export type MailWorker = PeriodicWork<DeliveryReport>

/**
 * Starts the outbox worker: every `interval`, `deliverDueMails(now, batch)` with the clock's now.
 * Runs never overlap. Several workers (processes) may share one outbox: claims keep them apart.
 *
 * @example
 * const worker = startMailWorker({ interval: "5 seconds", batch: 20, layer: Layer.mergeAll(outbox, nodemailerTransport(smtp), systemClock) })
 * process.on("SIGTERM", () => void worker.stop())
 */
export function startMailWorker<E>(options: MailWorkerOptions<E>): MailWorker {
  return startPeriodicWork({
    work: Effect.flatMap(Clock, (clock) => Effect.flatMap(clock.now, (now) => deliverDueMails(now, options.batch, options.policy))),
    interval: options.interval,
    ...(options.firstRunAfter === undefined ? {} : { firstRunAfter: options.firstRunAfter }),
    layer: options.layer,
    failureMessage: "L'envoi des courriels en attente a échoué ; nouvel essai au prochain passage.",
    ...(options.onReport === undefined ? {} : { onReport: options.onReport }),
    ...(options.onError === undefined ? {} : { onError: options.onError })
  })
}
