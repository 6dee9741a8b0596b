import { AccountId, AuditLog, AuditRecord, AuditRecordId, AuditTarget, Instant, type AuditOutcome } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<AuditLog>> | Layer.Layer<AuditLog>

const record = (n: number, at: string, overrides: Partial<{ actor: string; action: string; targetId: string; outcome: AuditOutcome }> = {}) =>
  new AuditRecord({
    id: AuditRecordId.make(`audit-${n}`),
    at: Instant.unsafe(at),
    actorAccountId: AccountId.make(overrides.actor ?? "acc-claire"),
    actorName: "Claire Agent",
    actorRole: "agent",
    action: overrides.action ?? "requests.accept",
    permission: "requests.decide",
    target: new AuditTarget({ kind: "request", id: overrides.targetId ?? "req-1" }),
    outcome: overrides.outcome ?? "done",
    before: { status: "inReview", attachments: ["doc-1"], amount: 1250, nested: { ok: true, none: null } },
    after: { status: "accepted" }
  })

/**
 * The behaviour every `AuditLog` adapter must have: records kept unchanged (JSON data included),
 * listed newest first, filtered by actor, action, target, outcome and period, limited.
 */
export function auditLogContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, AuditLog>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const r1 = record(1, "2026-03-02T08:00:00Z")
  const r2 = record(2, "2026-03-02T09:00:00Z", { actor: "acc-marc", action: "documents.review", targetId: "doc-7" })
  const r3 = record(3, "2026-03-03T10:00:00Z", { outcome: "denied", targetId: "req-2" })
  const r4 = record(4, "2026-03-04T11:00:00Z", { outcome: "refused", targetId: "req-1" })

  describe(`AuditLog contract: ${name}`, () => {
    it("keeps records unchanged and lists them newest first", async () => {
      const listed = await run(Effect.gen(function* () {
        const log = yield* AuditLog
        for (const r of [r2, r1, r4, r3]) yield* log.append(r)
        return yield* log.list({})
      }))
      expect(listed).toEqual([r4, r3, r2, r1])
    })

    it("filters by actor, action, target, outcome and period, and limits to the newest", async () => {
      const result = await run(Effect.gen(function* () {
        const log = yield* AuditLog
        for (const r of [r1, r2, r3, r4]) yield* log.append(r)
        return {
          byActor: yield* log.list({ actorAccountId: AccountId.make("acc-marc") }),
          byAction: yield* log.list({ action: "requests.accept" }),
          byTarget: yield* log.list({ targetKind: "request", targetId: "req-1" }),
          denied: yield* log.list({ outcome: "denied" }),
          period: yield* log.list({ from: Instant.unsafe("2026-03-02T09:00:00Z"), until: Instant.unsafe("2026-03-04T11:00:00Z") }),
          limited: yield* log.list({ limit: 2 })
        }
      }))
      const ids = (rs: ReadonlyArray<AuditRecord>) => rs.map((r) => r.id)
      expect(ids(result.byActor)).toEqual(["audit-2"])
      expect(ids(result.byAction)).toEqual(["audit-4", "audit-3", "audit-1"])
      expect(ids(result.byTarget)).toEqual(["audit-4", "audit-1"])
      expect(ids(result.denied)).toEqual(["audit-3"])
      expect(ids(result.period)).toEqual(["audit-3", "audit-2"])
      expect(ids(result.limited)).toEqual(["audit-4", "audit-3"])
    })
  })
}
