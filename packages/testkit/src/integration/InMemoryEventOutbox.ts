import { claimedUntil, EventOutbox, Instant, type IntegrationEventId, newOutboxEvent, OutboxEvent, OutboxEventNotFound } from "@spe/core"
import { Effect, Layer } from "effect"

const byNewest = (a: OutboxEvent, b: OutboxEvent): number =>
  Instant.compare(b.event.occurredAt, a.event.occurredAt) || (a.event.id < b.event.id ? 1 : a.event.id > b.event.id ? -1 : 0)

/** An event outbox in a map; the same layer value shares its events between workers, as a table would. */
export function inMemoryEventOutbox(initial: ReadonlyArray<OutboxEvent> = []): Layer.Layer<EventOutbox> {
  const byId = new Map<IntegrationEventId, OutboxEvent>(initial.map((e) => [e.event.id, e]))
  const update = (id: IntegrationEventId, change: (entry: OutboxEvent) => OutboxEvent) =>
    Effect.suspend(() => {
      const entry = byId.get(id)
      if (entry === undefined) return Effect.fail(new OutboxEventNotFound({ eventId: id }))
      byId.set(id, change(entry))
      return Effect.void
    })
  return Layer.succeed(EventOutbox, {
    append: (event) =>
      Effect.sync(() => {
        if (!byId.has(event.id)) byId.set(event.id, newOutboxEvent(event))
      }),
    claimDue: (now, limit) =>
      Effect.sync(() => {
        const due = [...byId.values()]
          .filter((e) => e.status === "pending" && e.nextAttemptAt <= now)
          .sort(
            (a, b) =>
              Instant.compare(a.nextAttemptAt, b.nextAttemptAt) ||
              Instant.compare(a.event.occurredAt, b.event.occurredAt) ||
              (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0)
          )
          .slice(0, Math.max(0, limit))
        return due.map((e) => {
          const claimed = new OutboxEvent({ ...e, attempts: e.attempts + 1, nextAttemptAt: claimedUntil(now) })
          byId.set(e.event.id, claimed)
          return claimed
        })
      }),
    markDelivered: (id, at, deliveredTo) =>
      update(id, (e) => (e.status === "delivered" ? e : new OutboxEvent({ ...e, status: "delivered", deliveredAt: at, deliveredTo: [...deliveredTo] }))),
    markFailed: (id, error, nextAttemptAt, deliveredTo) =>
      update(id, (e) =>
        e.status === "delivered"
          ? e
          : nextAttemptAt === null
            ? new OutboxEvent({ ...e, status: "failed", lastError: error, deliveredTo: [...deliveredTo] })
            : new OutboxEvent({ ...e, status: "pending", lastError: error, nextAttemptAt, deliveredTo: [...deliveredTo] })
      ),
    list: (filter) =>
      Effect.sync(() =>
        [...byId.values()]
          .filter((e) => (filter.status === undefined || e.status === filter.status) && (filter.type === undefined || e.event.type === filter.type))
          .sort(byNewest)
          .slice(0, filter.limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, filter.limit))
      )
  })
}
