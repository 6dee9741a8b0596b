import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { ActivityId, HouseholdId, MemberId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { BillableAbsence, BillableCancellation, BillableFact } from "../../src/billing/BillableFact.js"
import { BillingRules, decideBilling } from "../../src/billing/BillingRules.js"

const situation = fc.record({
  booked: fc.boolean(),
  cancelled: fc.option(fc.boolean(), { nil: undefined }),
  attendance: fc.constantFrom("present" as const, "absent" as const, "unrecorded" as const),
  absence: fc.option(fc.record({ justified: fc.boolean(), carence: fc.boolean() }), { nil: undefined })
})

const factOf = (s: typeof situation extends fc.Arbitrary<infer A> ? A : never): BillableFact =>
  BillableFact.make({
    householdId: HouseholdId.make("hh-1"),
    childId: MemberId.make("child-lea"),
    childName: "Léa",
    activityId: ActivityId.make("canteen"),
    activityName: "Restauration scolaire",
    sessionId: SessionId.make("canteen-2026-03-04"),
    date: LocalDate.unsafe("2026-03-04"),
    booked: s.booked,
    ...(s.cancelled === undefined ? {} : { cancelled: BillableCancellation.make({ at: Instant.unsafe("2026-03-01T10:00:00Z"), late: s.cancelled }) }),
    attendance: s.attendance,
    ...(s.absence === undefined ? {} : { absence: BillableAbsence.make(s.absence) })
  })

const rules = BillingRules.make({})
const decide = (s: Parameters<typeof factOf>[0]) => decideBilling(factOf(s), rules)

describe("the billing table", () => {
  it("bills each row of the default table as the town's rules say", () => {
    expect(decide({ booked: true, cancelled: undefined, attendance: "present", absence: undefined })).toMatchObject({ code: "booked-present", charge: "unit-price" })
    expect(decide({ booked: true, cancelled: false, attendance: "absent", absence: undefined })).toMatchObject({ code: "cancelled-in-time", charge: "nothing" })
    expect(decide({ booked: true, cancelled: true, attendance: "absent", absence: undefined })).toMatchObject({ code: "late-cancellation", charge: "unit-price" })
    expect(decide({ booked: true, cancelled: undefined, attendance: "absent", absence: undefined })).toMatchObject({ code: "absent-unjustified", charge: "unit-price" })
    expect(decide({ booked: true, cancelled: true, attendance: "absent", absence: { justified: true, carence: false } })).toMatchObject({ code: "absent-justified", charge: "nothing" })
    expect(decide({ booked: true, cancelled: undefined, attendance: "absent", absence: { justified: true, carence: true } })).toMatchObject({ code: "carence-day", charge: "unit-price" })
    expect(decide({ booked: false, cancelled: undefined, attendance: "present", absence: undefined })).toMatchObject({ code: "unreserved-presence", charge: "unreserved-price" })
    expect(decide({ booked: true, cancelled: undefined, attendance: "unrecorded", absence: undefined })).toMatchObject({ code: "booked-unrecorded", charge: "unit-price" })
    expect(decide({ booked: false, cancelled: undefined, attendance: "absent", absence: undefined })).toMatchObject({ code: "not-booked", charge: "nothing" })
  })

  it("labels each rule in French for the invoice", () => {
    expect(decide({ booked: true, cancelled: true, attendance: "absent", absence: undefined }).label).toBe(
      "Réservation annulée hors délai, absence non justifiée"
    )
  })

  it("follows the town's settings: a town that waits for the register, a town that does not bill carence days", () => {
    const town = BillingRules.make({ bookedUnrecorded: "wait", carenceDay: "nothing" })
    expect(decideBilling(factOf({ booked: true, cancelled: undefined, attendance: "unrecorded", absence: undefined }), town).charge).toBe("wait")
    expect(decideBilling(factOf({ booked: true, cancelled: undefined, attendance: "absent", absence: { justified: true, carence: true } }), town).charge).toBe("nothing")
  })

  test.prop([situation])("a justified absence and a cancellation in time are never billed, unless the child came after all", (s) => {
    const decision = decide(s)
    const cancelledInTime = s.booked && s.cancelled === false
    const justifiedNotCarence = s.booked && s.absence?.justified === true && !s.absence.carence
    if (s.attendance !== "present" && (cancelledInTime || justifiedNotCarence)) expect(decision.charge).toBe("nothing")
    if (!s.booked && s.attendance !== "present") expect(decision.charge).toBe("nothing")
  })

  test.prop([situation])("a child present is always billed, at the unreserved price when no booking stood", (s) => {
    fc.pre(s.attendance === "present")
    const standing = s.booked && s.cancelled !== false
    expect(decide(s).charge).toBe(standing ? "unit-price" : "unreserved-price")
  })
})
