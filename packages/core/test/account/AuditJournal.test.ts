import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { auditChanges } from "../../src/account/AuditJournal.js"
import type { JsonValue } from "../../src/account/AuditRecord.js"

const json: fc.Arbitrary<JsonValue> = fc.jsonValue() as fc.Arbitrary<JsonValue>

describe("the journal's readable changes", () => {
  it("lists the fields that differ, field by field, with their values as text", () => {
    expect(auditChanges(
      { number: "F-2026-000002", status: "partlyPaid", paid: 16188, remaining: 1500, sentToTreasuryOn: null },
      { number: "F-2026-000002", status: "sentToTreasury", paid: 16188, remaining: 1500, sentToTreasuryOn: "2026-11-26", transmission: { sentOn: "2026-11-26", by: "acc-1" } }
    )).toEqual([
      { path: "status", before: "partlyPaid", after: "sentToTreasury" },
      { path: "sentToTreasuryOn", before: "null", after: "2026-11-26" },
      { path: "transmission.sentOn", after: "2026-11-26" },
      { path: "transmission.by", after: "acc-1" }
    ])
  })

  it("makes every field of a creation a change, and every field of a removal", () => {
    expect(auditChanges(null, { month: "2026-11", invoices: 2, numbers: ["F-1", "F-2"] })).toEqual([
      { path: "month", after: "2026-11" },
      { path: "invoices", after: "2" },
      { path: "numbers.0", after: "F-1" },
      { path: "numbers.1", after: "F-2" }
    ])
    expect(auditChanges({ role: "agent", tags: [] }, null)).toEqual([{ path: "role", before: "agent" }, { path: "tags", before: "[]" }])
  })

  test.prop([json])("finds nothing changed between a value and itself", (value) => {
    expect(auditChanges(value, value)).toEqual([])
  })

  const key = fc.string({ minLength: 1 }).filter((k) => !k.includes(".") && k !== "__proto__")
  const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))

  test.prop([fc.dictionary(key, json), key, leaf])("finds the field an action changed, and only under it", (fields, changed, value) => {
    const before: JsonValue = fields
    const after: JsonValue = { ...fields, [changed]: value }
    const changes = auditChanges(before, after)
    if (JSON.stringify(fields[changed]) === JSON.stringify(value)) expect(changes).toEqual([])
    else {
      expect(changes.length).toBeGreaterThan(0)
      for (const change of changes) expect(change.path === changed || change.path.startsWith(`${changed}.`)).toBe(true)
    }
  })
})
