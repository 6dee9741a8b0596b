import { AccountId, AuditLog, AuditRecord, AuditRecordId, AuditTarget, auditJournalChoices, Instant, loadAuditJournal } from "@spe/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryAuditLog } from "./InMemoryAuditLog.js"

const record = (n: number, overrides: Partial<ConstructorParameters<typeof AuditRecord>[0]> = {}) =>
  new AuditRecord({
    id: AuditRecordId.make(`audit-${n}`),
    at: Instant.unsafe(`2026-11-${String(10 + n).padStart(2, "0")}T09:00:00Z`),
    actorAccountId: AccountId.make("acc-regie"),
    actorName: "Marc LEROY",
    actorRole: "billing",
    action: "payments.record",
    permission: "payments.record",
    target: new AuditTarget({ kind: "invoice", id: `inv-${n}` }),
    outcome: "done",
    before: { remaining: 1500 },
    after: { remaining: 0 },
    ...overrides
  })

describe("the agents' journal, a page at a time", () => {
  it("gives the newest records first with their changes, pages through them, and offers the agents and actions it names", async () => {
    const result = await Effect.runPromise(Effect.provide(Effect.gen(function* () {
      const log = yield* AuditLog
      for (const n of [1, 2, 3]) yield* log.append(record(n))
      yield* log.append(record(4, { actorAccountId: AccountId.make("acc-admin"), actorName: "Alice ADMIN", actorRole: "admin", action: "billing.issue", outcome: "denied", before: null, after: null }))
      return {
        first: yield* loadAuditJournal({}, { page: 1, pageSize: 2 }),
        second: yield* loadAuditJournal({}, { page: 2, pageSize: 2 }),
        payments: yield* loadAuditJournal({ action: "payments.record", from: Instant.unsafe("2026-11-12T00:00:00Z") }, { page: 1, pageSize: 10 }),
        choices: yield* auditJournalChoices()
      }
    }), inMemoryAuditLog()))
    expect([result.first.records.map((r) => r.record.id), result.first.hasNext]).toEqual([["audit-4", "audit-3"], true])
    expect([result.second.records.map((r) => r.record.id), result.second.hasNext, result.second.page]).toEqual([["audit-2", "audit-1"], false, 2])
    expect(result.first.records[1]?.changes).toEqual([{ path: "remaining", before: "1500", after: "0" }])
    expect(result.first.records[0]?.changes).toEqual([])
    expect(result.payments.records.map((r) => r.record.id)).toEqual(["audit-3", "audit-2"])
    expect(result.choices).toEqual({
      agents: [{ accountId: "acc-admin", name: "Alice ADMIN", role: "admin" }, { accountId: "acc-regie", name: "Marc LEROY", role: "billing" }],
      actions: ["billing.issue", "payments.record"]
    })
  })
})
