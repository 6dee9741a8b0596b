import { Context, type Effect, Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { IntegrationEvent, IntegrationEventId, type IntegrationEventType } from "./IntegrationEvent.js"
import { WebhookSubscriptionId } from "./WebhookSubscription.js"

/**
 * Where an event stands: waiting to be delivered (first time or retry), delivered to every
 * subscription that wanted it, or given up after the retry policy's last attempt.
 */
export const OutboxEventStatus = Schema.Literal("pending", "delivered", "failed").annotations({ identifier: "OutboxEventStatus" })
export type OutboxEventStatus = typeof OutboxEventStatus.Type

/**
 * An event in the outbox. It is appended in the same transaction as the change it tells, then
 * delivered by the webhook worker: `attempts` counts the times it was claimed, `nextAttemptAt` is
 * when it may be claimed again while `pending`, `deliveredTo` the subscriptions that already
 * acknowledged it (a retry goes only to the others), `lastError` why the last attempt failed.
 */
export class OutboxEvent extends Schema.Class<OutboxEvent>("OutboxEvent")({
  event: IntegrationEvent,
  status: OutboxEventStatus,
  attempts: Schema.Int.pipe(Schema.nonNegative()),
  nextAttemptAt: Instant,
  deliveredTo: Schema.Array(WebhookSubscriptionId),
  lastError: Schema.optional(Schema.String),
  deliveredAt: Schema.optional(Instant)
}) {}

/** A new pending event, due at once. */
export const newOutboxEvent = (event: IntegrationEvent): OutboxEvent =>
  new OutboxEvent({ event, status: "pending", attempts: 0, nextAttemptAt: event.occurredAt, deliveredTo: [] })

/** Which events the back office lists; every criterion is optional. */
export interface OutboxEventFilter {
  readonly status?: OutboxEventStatus
  readonly type?: IntegrationEventType
  /** At most this many events, newest first. */
  readonly limit?: number
}

/** No event with this id is in the outbox. */
export class OutboxEventNotFound extends Schema.TaggedError<OutboxEventNotFound>()("OutboxEventNotFound", {
  eventId: IntegrationEventId
}) {
  override get message(): string {
    return `L'événement ${this.eventId} n'est pas dans la file des webhooks.`
  }
}

/**
 * The transactional outbox of events for the town's software. The use cases `append` inside the
 * transaction of the change an event tells, so an event exists if and only if its change was saved.
 *
 * - `append` stores a pending event; appending an id already stored changes nothing.
 * - `claimDue(now, limit)` takes at most `limit` pending events with `nextAttemptAt <= now`, the
 *   earliest due first, counts one more attempt on each and holds them until `claimedUntil(now)`
 *   (their new `nextAttemptAt`): two workers never claim the same event at once.
 * - `markDelivered(id, at, deliveredTo)` makes the event delivered for good; it changes nothing on
 *   a delivered event.
 * - `markFailed(id, error, nextAttemptAt, deliveredTo)` records the error and the subscriptions
 *   already served, and makes the event due again at `nextAttemptAt`, or failed for good when it is
 *   `null`; it changes nothing on a delivered event.
 * - `list(filter)` gives events newest first (occurred at, then id), for the back office.
 *
 * Any adapter must pass `eventOutboxContract` of @spe/testkit.
 */
export class EventOutbox extends Context.Tag("@spe/core/EventOutbox")<
  EventOutbox,
  {
    readonly append: (event: IntegrationEvent) => Effect.Effect<void>
    readonly claimDue: (now: Instant, limit: number) => Effect.Effect<ReadonlyArray<OutboxEvent>>
    readonly markDelivered: (
      id: IntegrationEventId,
      at: Instant,
      deliveredTo: ReadonlyArray<WebhookSubscriptionId>
    ) => Effect.Effect<void, OutboxEventNotFound>
    readonly markFailed: (
      id: IntegrationEventId,
      error: string,
      nextAttemptAt: Instant | null,
      deliveredTo: ReadonlyArray<WebhookSubscriptionId>
    ) => Effect.Effect<void, OutboxEventNotFound>
    readonly list: (filter: OutboxEventFilter) => Effect.Effect<ReadonlyArray<OutboxEvent>>
  }
>() {}
