import { createHmac } from "node:crypto"
import {
  Clock,
  deliverEvents,
  type EventOutbox,
  type RetryPolicy,
  type WebhookDeliveryReport,
  WebhookSigner,
  type WebhookSubscriptionRepository,
  WebhookTransport,
  WebhookTransportFailed,
  type PeriodicWork,
  startPeriodicWork
} from "@spe/core"
import { type Cause, type Duration, Effect, Layer } from "effect"

/** The `WebhookSigner` port with node:crypto: hex HMAC-SHA256, key and message as UTF-8. */
export const nodeWebhookSigner: Layer.Layer<WebhookSigner> = Layer.succeed(WebhookSigner, {
  hmacSha256Hex: (key, message) => Effect.sync(() => createHmac("sha256", key).update(message, "utf8").digest("hex"))
})

/** How long a receiver has to answer a webhook by default. */
export const defaultWebhookTimeoutMs = 10_000

const reasonOf = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `pas de réponse en ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`
  const cause = error instanceof Error ? (error.cause as { readonly code?: unknown; readonly message?: unknown } | undefined) : undefined
  if (typeof cause?.code === "string") return `connexion impossible (${cause.code})`
  if (typeof cause?.message === "string") return `connexion impossible (${cause.message})`
  return error instanceof Error ? error.message : String(error)
}

/**
 * The `WebhookTransport` port with node's fetch: a POST of the body and headers as given, no
 * redirect followed (a 3xx is the receiver's answer), at most `timeoutMs` to answer. The answer's
 * body is not read.
 */
export function fetchWebhookTransport(options: { readonly timeoutMs?: number } = {}): Layer.Layer<WebhookTransport> {
  const timeoutMs = options.timeoutMs ?? defaultWebhookTimeoutMs
  return Layer.succeed(WebhookTransport, {
    post: (request) =>
      Effect.tryPromise({
        try: async (signal) => {
          const response = await fetch(request.url, {
            method: "POST",
            body: request.body,
            headers: { ...request.headers },
            redirect: "manual",
            signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
          })
          await response.body?.cancel()
          return { status: response.status }
        },
        catch: (error) => new WebhookTransportFailed({ url: request.url, reason: reasonOf(error, timeoutMs) })
      })
  })
}

/** How the webhook worker runs. */
export interface WebhookWorkerOptions<E> {
  /** Pause between two runs, e.g. `"5 seconds"`. */
  readonly interval: Duration.DurationInput
  /** At most this many events claimed per run. */
  readonly batch: number
  /** The outbox, the subscriptions, the transport, the signer and the clock; built once for the worker's life. */
  readonly layer: Layer.Layer<EventOutbox | WebhookSubscriptionRepository | WebhookTransport | WebhookSigner | Clock, E>
  readonly policy?: RetryPolicy
  readonly onReport?: (report: WebhookDeliveryReport) => void
  /** Called when a run fails (the database unreachable); the worker goes on at the next interval. */
  readonly onError?: (cause: Cause.Cause<unknown>) => void
}

/** A running webhook worker. */
export type WebhookWorker = PeriodicWork<WebhookDeliveryReport>

/**
 * Starts the webhook worker: every `interval`, `deliverEvents(now, batch)` with the clock's now.
 * Runs never overlap; several processes may share one outbox (claims keep them apart).
 */
export function startWebhookWorker<E>(options: WebhookWorkerOptions<E>): WebhookWorker {
  return startPeriodicWork({
    work: Effect.flatMap(Clock, (clock) => Effect.flatMap(clock.now, (now) => deliverEvents(now, options.batch, options.policy))),
    interval: options.interval,
    layer: options.layer,
    failureMessage: "L'envoi des webhooks en attente a échoué ; nouvel essai au prochain passage.",
    ...(options.onReport === undefined ? {} : { onReport: options.onReport }),
    ...(options.onError === undefined ? {} : { onError: options.onError })
  })
}
