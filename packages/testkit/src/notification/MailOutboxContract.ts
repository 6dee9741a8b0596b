import { claimedUntil, Instant, MailOutbox, OutgoingMailId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aMail } from "./MailFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<MailOutbox>> | Layer.Layer<MailOutbox>

const at = (iso: string): Instant.Instant => Instant.unsafe(iso)

/**
 * The behaviour every `MailOutbox` adapter must have, starting from an empty outbox: an enqueued
 * mail read back equal; enqueue idempotent by id; claims of due mails only, earliest due first,
 * bounded, counted and held until `claimedUntil(now)`, then due again (a worker that died);
 * sent for good; retried at the time given or failed for good; a missing id named in the error;
 * the list filtered and newest first.
 */
export function mailOutboxContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, MailOutbox>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`MailOutbox contract: ${name}`, () => {
    it("gives back an enqueued mail equal to what was enqueued, pending", async () => {
      const mail = aMail({ id: "mail-1", subject: "Réservation confirmée : été « Noé » & co", to: "durand@example.fr" })
      const listed = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(mail)
        return yield* outbox.list({})
      }))
      expect(listed).toEqual([mail])
    })

    it("keeps the first mail when the same id is enqueued twice", async () => {
      const listed = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-1", subject: "Premier" }))
        yield* outbox.enqueue(aMail({ id: "mail-1", subject: "Second" }))
        return yield* outbox.list({})
      }))
      expect(listed.map((m) => m.subject)).toEqual(["Premier"])
    })

    it("claims only due mails, earliest due first, at most the limit, and counts an attempt", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-late", createdAt: "2026-03-27T09:00:00Z" }))
        yield* outbox.enqueue(aMail({ id: "mail-b", createdAt: "2026-03-27T08:02:00Z" }))
        yield* outbox.enqueue(aMail({ id: "mail-a", createdAt: "2026-03-27T08:01:00Z" }))
        yield* outbox.enqueue(aMail({ id: "mail-c", createdAt: "2026-03-27T08:03:00Z" }))
        const now = at("2026-03-27T08:30:00Z")
        const first = yield* outbox.claimDue(now, 2)
        const second = yield* outbox.claimDue(now, 10)
        const third = yield* outbox.claimDue(now, 10)
        return { first, second, third, now }
      }))
      expect(result.first.map((m) => m.id)).toEqual(["mail-a", "mail-b"])
      expect(result.first.map((m) => [m.attempts, m.status, m.nextAttemptAt])).toEqual([
        [1, "pending", claimedUntil(result.now)],
        [1, "pending", claimedUntil(result.now)]
      ])
      expect(result.second.map((m) => m.id)).toEqual(["mail-c"])
      expect(result.third).toEqual([])
    })

    it("gives a claimed mail again once the claim ends, as when a worker died", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-1" }))
        const now = at("2026-03-27T08:00:00Z")
        yield* outbox.claimDue(now, 10)
        const during = yield* outbox.claimDue(Instant.plusMillis(claimedUntil(now), -1), 10)
        const after = yield* outbox.claimDue(claimedUntil(now), 10)
        return { during, after }
      }))
      expect(result.during).toEqual([])
      expect(result.after.map((m) => [m.id, m.attempts])).toEqual([["mail-1", 2]])
    })

    it("never claims a sent mail again, and keeps the first sending time", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-1" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 10)
        yield* outbox.markSent(OutgoingMailId.make("mail-1"), at("2026-03-27T08:00:05Z"))
        yield* outbox.markSent(OutgoingMailId.make("mail-1"), at("2026-03-27T08:20:00Z"))
        yield* outbox.markFailed(OutgoingMailId.make("mail-1"), "trop tard", at("2026-03-27T08:30:00Z"))
        const claimed = yield* outbox.claimDue(at("2026-03-28T08:00:00Z"), 10)
        return { claimed, listed: yield* outbox.list({}) }
      }))
      expect(result.claimed).toEqual([])
      expect(result.listed.map((m) => [m.status, m.sentAt, m.attempts])).toEqual([["sent", "2026-03-27T08:00:05.000Z", 1]])
    })

    it("makes a failed mail due again at the time given, with its error", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-1" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 10)
        yield* outbox.markFailed(OutgoingMailId.make("mail-1"), "451 Réessayez plus tard", at("2026-03-27T08:01:00Z"))
        const before = yield* outbox.claimDue(at("2026-03-27T08:00:59Z"), 10)
        const listed = yield* outbox.list({})
        const after = yield* outbox.claimDue(at("2026-03-27T08:01:00Z"), 10)
        return { before, listed, after }
      }))
      expect(result.before).toEqual([])
      expect(result.listed.map((m) => [m.status, m.lastError, m.nextAttemptAt, m.attempts])).toEqual([
        ["pending", "451 Réessayez plus tard", "2026-03-27T08:01:00.000Z", 1]
      ])
      expect(result.after.map((m) => m.attempts)).toEqual([2])
    })

    it("gives up a mail failed without a next attempt, for good", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-1" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 10)
        yield* outbox.markFailed(OutgoingMailId.make("mail-1"), "550 Boîte inconnue", null)
        const claimed = yield* outbox.claimDue(at("2027-01-01T00:00:00Z"), 10)
        return { claimed, failed: yield* outbox.list({ status: "failed" }) }
      }))
      expect(result.claimed).toEqual([])
      expect(result.failed.map((m) => [m.id, m.status, m.lastError])).toEqual([["mail-1", "failed", "550 Boîte inconnue"]])
    })

    it("says which mail is missing", async () => {
      const errors = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        const missing = OutgoingMailId.make("nope")
        return [yield* Effect.flip(outbox.markSent(missing, at("2026-03-27T08:00:00Z"))), yield* Effect.flip(outbox.markFailed(missing, "x", null))]
      }))
      expect(errors.map((e) => [e._tag, e.mailId])).toEqual([["OutgoingMailNotFound", "nope"], ["OutgoingMailNotFound", "nope"]])
    })

    it("lists mails newest first, filtered by status, kind and recipient, up to a limit", async () => {
      const result = await run(Effect.gen(function* () {
        const outbox = yield* MailOutbox
        yield* outbox.enqueue(aMail({ id: "mail-1", createdAt: "2026-03-27T08:00:00Z", kind: "activation", to: "a@example.fr" }))
        yield* outbox.enqueue(aMail({ id: "mail-2", createdAt: "2026-03-27T09:00:00Z", kind: "invoice-issued", to: "b@example.fr" }))
        yield* outbox.enqueue(aMail({ id: "mail-3", createdAt: "2026-03-27T10:00:00Z", kind: "invoice-issued", to: "a@example.fr" }))
        yield* outbox.claimDue(at("2026-03-27T08:00:00Z"), 1)
        yield* outbox.markSent(OutgoingMailId.make("mail-1"), at("2026-03-27T08:00:01Z"))
        const ids = (filter: Parameters<typeof outbox.list>[0]) => Effect.map(outbox.list(filter), (ms) => ms.map((m) => m.id))
        return {
          all: yield* ids({}),
          pending: yield* ids({ status: "pending" }),
          sent: yield* ids({ status: "sent" }),
          invoices: yield* ids({ kind: "invoice-issued" }),
          toA: yield* ids({ to: "a@example.fr" }),
          pendingToA: yield* ids({ to: "a@example.fr", status: "pending" }),
          latest: yield* ids({ limit: 2 })
        }
      }))
      expect(result).toEqual({
        all: ["mail-3", "mail-2", "mail-1"],
        pending: ["mail-3", "mail-2"],
        sent: ["mail-1"],
        invoices: ["mail-3", "mail-2"],
        toA: ["mail-3", "mail-1"],
        pendingToA: ["mail-3"],
        latest: ["mail-3", "mail-2"]
      })
    })
  })
}
