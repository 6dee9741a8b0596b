import { claimedUntil, EventOutbox, Instant, IntegrationEventId, newOutboxEvent, WebhookSubscriptionId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anIntegrationEvent } from "./IntegrationFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<EventOutbox>> | Layer.Layer<EventOutbox>

const at = (iso: string): Instant.Instant => Instant.unsafe(iso)
const eventId = (id: string) => IntegrationEventId.make(id)
const subscriptions = (...ids: ReadonlyArray<string>) => ids.map((id) => WebhookSubscriptionId.make(id))

/**
 * The behaviour every `EventOutbox` adapter must have, starting from an empty outbox: an appended
 * event read back equal, pending; append idempotent by id; claims of due events only, earliest
 * due first, bounded, counted and held until `claimedUntil(now)`, then due again (a worker that
 * died); delivered for good with the subscriptions served; retried at the time given with the
 * subscriptions already served, or failed for good; a missing id named in the error; the list
 * filtered and newest first.
 */
export function eventOutboxContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, EventOutbox>): Promise<A> => Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`EventOutbox contract: ${name}`, () => {
    it("gives back an appended event equal to what was appended, pending and due at once", async () => {
      const event = anIntegrationEvent({ id: "evt-1", type: "request.status_changed" })
      const listed = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(event)
        return yield* outbox.list({})
      }))
      expect(listed).toEqual([newOutboxEvent(event)])
      expect(listed[0]?.event).toEqual(event)
    })

    it("keeps the first event when the same id is appended twice", async () => {
      const listed = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-1", type: "invoice.issued" }))
        yield* outbox.append(anIntegrationEvent({ id: "evt-1", type: "request.status_changed" }))
        return yield* outbox.list({})
      }))
      expect(listed.map((e) => e.event.type)).toEqual(["invoice.issued"])
    })

    it("claims only due events, earliest due first, at most the limit, and counts an attempt", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-late", occurredAt: "2026-03-27T09:00:00Z" }))
        yield* outbox.append(anIntegrationEvent({ id: "evt-b", occurredAt: "2026-03-27T08:02:00Z" }))
        yield* outbox.append(anIntegrationEvent({ id: "evt-a", occurredAt: "2026-03-27T08:01:00Z" }))
        yield* outbox.append(anIntegrationEvent({ id: "evt-c", occurredAt: "2026-03-27T08:03:00Z" }))
        const now = at("2026-03-27T08:30:00Z")
        const first = yield* outbox.claimDue(now, 2)
        const second = yield* outbox.claimDue(now, 10)
        const third = yield* outbox.claimDue(now, 10)
        return { first, second, third, now }
      }))
      expect(result.first.map((e) => e.event.id)).toEqual(["evt-a", "evt-b"])
      expect(result.first.map((e) => [e.attempts, e.status, e.nextAttemptAt])).toEqual([
        [1, "pending", claimedUntil(result.now)],
        [1, "pending", claimedUntil(result.now)]
      ])
      expect(result.second.map((e) => e.event.id)).toEqual(["evt-c"])
      expect(result.third).toEqual([])
    })

    it("gives a claimed event again once the claim ends, as when a worker died", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-1" }))
        const now = at("2026-03-27T08:00:00Z")
        yield* outbox.claimDue(now, 10)
        const during = yield* outbox.claimDue(Instant.plusMillis(claimedUntil(now), -1), 10)
        const after = yield* outbox.claimDue(claimedUntil(now), 10)
        return { during, after }
      }))
      expect(result.during).toEqual([])
      expect(result.after.map((e) => [e.event.id, e.attempts])).toEqual([["evt-1", 2]])
    })

    it("never claims a delivered event again, and keeps its first delivery", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-1" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 10)
        yield* outbox.markDelivered(eventId("evt-1"), at("2026-03-27T08:00:05Z"), subscriptions("whk-1", "whk-2"))
        yield* outbox.markDelivered(eventId("evt-1"), at("2026-03-27T08:20:00Z"), [])
        yield* outbox.markFailed(eventId("evt-1"), "trop tard", at("2026-03-27T08:30:00Z"), [])
        const claimed = yield* outbox.claimDue(at("2026-03-28T08:00:00Z"), 10)
        return { claimed, listed: yield* outbox.list({}) }
      }))
      expect(result.claimed).toEqual([])
      expect(result.listed.map((e) => [e.status, e.deliveredAt, e.attempts, e.deliveredTo])).toEqual([
        ["delivered", "2026-03-27T08:00:05.000Z", 1, ["whk-1", "whk-2"]]
      ])
    })

    it("makes a failed event due again at the time given, with its error and the subscriptions already served", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-1" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 10)
        yield* outbox.markFailed(eventId("evt-1"), "https://b.example.fr : réponse HTTP 503", at("2026-03-27T08:01:00Z"), subscriptions("whk-a"))
        const before = yield* outbox.claimDue(at("2026-03-27T08:00:59Z"), 10)
        const listed = yield* outbox.list({})
        const after = yield* outbox.claimDue(at("2026-03-27T08:01:00Z"), 10)
        return { before, listed, after }
      }))
      expect(result.before).toEqual([])
      expect(result.listed.map((e) => [e.status, e.lastError, e.nextAttemptAt, e.attempts, e.deliveredTo])).toEqual([
        ["pending", "https://b.example.fr : réponse HTTP 503", "2026-03-27T08:01:00.000Z", 1, ["whk-a"]]
      ])
      expect(result.after.map((e) => [e.attempts, e.deliveredTo])).toEqual([[2, ["whk-a"]]])
    })

    it("gives up an event failed without a next attempt, for good", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-1" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 10)
        yield* outbox.markFailed(eventId("evt-1"), "connexion refusée", null, [])
        const claimed = yield* outbox.claimDue(at("2027-01-01T00:00:00Z"), 10)
        return { claimed, failed: yield* outbox.list({ status: "failed" }) }
      }))
      expect(result.claimed).toEqual([])
      expect(result.failed.map((e) => [e.event.id, e.status, e.lastError])).toEqual([["evt-1", "failed", "connexion refusée"]])
    })

    it("says which event is missing", async () => {
      const errors = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        const missing = eventId("nope")
        return [yield* Effect.flip(outbox.markDelivered(missing, at("2026-03-27T08:00:00Z"), [])), yield* Effect.flip(outbox.markFailed(missing, "x", null, []))]
      }))
      expect(errors.map((e) => [e._tag, e.eventId])).toEqual([["OutboxEventNotFound", "nope"], ["OutboxEventNotFound", "nope"]])
    })

    it("lists events newest first, filtered by status and type, up to a limit", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* EventOutbox
        yield* outbox.append(anIntegrationEvent({ id: "evt-1", occurredAt: "2026-03-27T08:00:00Z", type: "request.status_changed" }))
        yield* outbox.append(anIntegrationEvent({ id: "evt-2", occurredAt: "2026-03-27T09:00:00Z" }))
        yield* outbox.append(anIntegrationEvent({ id: "evt-3", occurredAt: "2026-03-27T10:00:00Z" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 1)
        yield* outbox.markDelivered(eventId("evt-1"), at("2026-03-27T08:00:01Z"), [])
        const ids = (filter: Parameters<typeof outbox.list>[0]) => Effect.map(outbox.list(filter), (es) => es.map((e) => e.event.id))
        return {
          all: yield* ids({}),
          pending: yield* ids({ status: "pending" }),
          delivered: yield* ids({ status: "delivered" }),
          invoices: yield* ids({ type: "invoice.issued" }),
          pendingRequests: yield* ids({ type: "request.status_changed", status: "pending" }),
          latest: yield* ids({ limit: 2 })
        }
      }))
      expect(result).toEqual({
        all: ["evt-3", "evt-2", "evt-1"],
        pending: ["evt-3", "evt-2"],
        delivered: ["evt-1"],
        invoices: ["evt-3", "evt-2"],
        pendingRequests: [],
        latest: ["evt-3", "evt-2"]
      })
    })
  })
}
