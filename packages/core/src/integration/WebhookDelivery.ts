import { Effect, Either } from "effect"
import { defaultRetryPolicy, nextAttemptAfterFailure, type RetryPolicy } from "../notification/RetryPolicy.js"
import { Clock } from "../shared/Clock.js"
import type { Instant } from "../shared/Instant.js"
import { EventOutbox, type OutboxEvent } from "./EventOutbox.js"
import { integrationEventBody, type IntegrationEventId } from "./IntegrationEvent.js"
import { signWebhook, unixSeconds, webhookHeaders } from "./WebhookSignature.js"
import { wantsEvent, type WebhookSubscription, type WebhookSubscriptionId } from "./WebhookSubscription.js"
import { WebhookSubscriptionRepository } from "./WebhookSubscriptionRepository.js"
import { WebhookTransport } from "./WebhookTransport.js"

/** What one run of the webhook worker did: events delivered, to be tried again (and when), given up. */
export interface WebhookDeliveryReport {
  readonly delivered: ReadonlyArray<IntegrationEventId>
  readonly retrying: ReadonlyArray<{ readonly id: IntegrationEventId; readonly at: Instant; readonly error: string }>
  readonly failed: ReadonlyArray<{ readonly id: IntegrationEventId; readonly error: string }>
}

/** Events delivered at once by one run of the worker. */
const concurrentEvents = 4

/** Longest error kept on an event. */
const maxErrorLength = 1000

type EventOutcome =
  | { readonly _tag: "Delivered"; readonly id: IntegrationEventId }
  | { readonly _tag: "Retrying"; readonly id: IntegrationEventId; readonly at: Instant; readonly error: string }
  | { readonly _tag: "Failed"; readonly id: IntegrationEventId; readonly error: string }

const describeDefect = (defect: unknown): string => (defect instanceof Error ? defect.message : String(defect))

/** Posts the event to one subscription: `undefined` when it answered 2xx, else why not. */
const postTo = (subscription: WebhookSubscription, entry: OutboxEvent, body: string) =>
  Effect.gen(function* () {
    const timestamp = unixSeconds(yield* (yield* Clock).now)
    const signature = yield* signWebhook(subscription.secret, timestamp, body)
    const outcome = yield* Effect.either(
      (yield* WebhookTransport)
        .post({ url: subscription.url, body, headers: webhookHeaders(entry.event, signature) })
        .pipe(Effect.catchAllDefect((defect) => Effect.fail({ reason: describeDefect(defect) })))
    )
    if (Either.isLeft(outcome)) return `${subscription.url} : ${outcome.left.reason}`
    const status = outcome.right.status
    return status >= 200 && status < 300 ? undefined : `${subscription.url} : réponse HTTP ${status}`
  })

/**
 * The webhook worker's step: claims at most `limit` events due at `now`; each goes, signed, to
 * every active subscription that wants its type and did not acknowledge it yet (a 2xx answer).
 * An event is delivered when every such subscription acknowledged it; otherwise it is tried again
 * after `policy`'s backoff for the others only, and failed for good after the last attempt. One
 * failure does not stop the others. Delivery is at least once (a crash after a POST and before the
 * mark sends it again, with the same `id`), in no global order.
 */
export const deliverEvents = (now: Instant, limit: number, policy: RetryPolicy = defaultRetryPolicy) =>
  Effect.gen(function* () {
    const outbox = yield* EventOutbox
    const claimed = yield* outbox.claimDue(now, limit)
    if (claimed.length === 0) return { delivered: [], retrying: [], failed: [] } satisfies WebhookDeliveryReport
    const active = (yield* (yield* WebhookSubscriptionRepository).list).filter((s) => s.active)
    const deliverOne = (entry: OutboxEvent) =>
      Effect.gen(function* () {
        const body = integrationEventBody(entry.event)
        const served = new Set<WebhookSubscriptionId>(entry.deliveredTo)
        const errors: Array<string> = []
        for (const subscription of active) {
          if (!wantsEvent(subscription, entry.event.type) || served.has(subscription.id)) continue
          const problem = yield* postTo(subscription, entry, body)
          if (problem === undefined) served.add(subscription.id)
          else errors.push(problem)
        }
        const id = entry.event.id
        if (errors.length === 0) {
          yield* Effect.ignore(outbox.markDelivered(id, now, [...served]))
          return { _tag: "Delivered", id } satisfies EventOutcome
        }
        const error = errors.join(" ; ").slice(0, maxErrorLength)
        const at = nextAttemptAfterFailure(policy, entry.attempts, now)
        yield* Effect.ignore(outbox.markFailed(id, error, at, [...served]))
        return (at === null ? { _tag: "Failed", id, error } : { _tag: "Retrying", id, at, error }) satisfies EventOutcome
      })
    const outcomes: ReadonlyArray<EventOutcome> = yield* Effect.forEach(claimed, deliverOne, { concurrency: concurrentEvents })
    return {
      delivered: outcomes.flatMap((o) => (o._tag === "Delivered" ? [o.id] : [])),
      retrying: outcomes.flatMap((o) => (o._tag === "Retrying" ? [{ id: o.id, at: o.at, error: o.error }] : [])),
      failed: outcomes.flatMap((o) => (o._tag === "Failed" ? [{ id: o.id, error: o.error }] : []))
    } satisfies WebhookDeliveryReport
  })
