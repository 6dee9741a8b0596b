import { describe, expect, it } from "vitest"
import { Absence } from "../../src/absence/Absence.js"
import { absenceReasonLabel, absenceReasonLabels, absenceSessionBilling } from "../../src/absence/AbsenceBilling.js"
import { AbsenceSessionMark } from "../../src/absence/AbsenceUseCases.js"
import { BillingRules } from "../../src/billing/BillingRules.js"
import { ReservationAbsence, ReservationCancellation } from "../../src/reservation/Reservation.js"
import { AbsenceId, ActivityId, HouseholdId, MemberId, ReservationId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"

const absence = new Absence({
  id: AbsenceId.make("abs-1"),
  childId: MemberId.make("lea"),
  householdId: HouseholdId.make("concerto"),
  start: LocalDate.unsafe("2026-12-03"),
  end: LocalDate.unsafe("2026-12-04"),
  reason: "illness",
  reportedAt: Instant.unsafe("2026-12-03T07:00:00Z")
})

const mark = (justified: boolean, carence: boolean, cancellation?: { late: boolean }) =>
  new AbsenceSessionMark({
    sessionId: SessionId.make("cantine:2026-12-03"),
    activityId: ActivityId.make("cantine"),
    date: LocalDate.unsafe("2026-12-03"),
    reservationId: ReservationId.make("r1"),
    ...(cancellation === undefined ? {} : { cancellation: new ReservationCancellation({ at: Instant.unsafe("2026-12-03T07:00:00Z"), late: cancellation.late }) }),
    mark: new ReservationAbsence({ absenceId: absence.id, justified, carence })
  })

describe("what an absence costs, session by session", () => {
  const rules = BillingRules.make({})

  it("reads the billing table: cancelled in time, justified, carence, not justified", () => {
    const read = (m: AbsenceSessionMark) => {
      const billing = absenceSessionBilling(absence, m, rules)
      return [billing.billed, billing.decision.code]
    }
    expect(read(mark(false, false, { late: false }))).toEqual([false, "cancelled-in-time"])
    expect(read(mark(true, false, { late: true }))).toEqual([false, "absent-justified"])
    expect(read(mark(true, true, { late: true }))).toEqual([true, "carence-day"])
    expect(read(mark(false, false, { late: true }))).toEqual([true, "late-cancellation"])
    expect(read(mark(false, false))).toEqual([true, "absent-unjustified"])
  })

  it("follows the town's billing table", () => {
    const lenient = BillingRules.make({ carenceDay: "nothing", lateCancellation: "nothing" })
    expect(absenceSessionBilling(absence, mark(true, true, { late: true }), lenient).billed).toBe(false)
    expect(absenceSessionBilling(absence, mark(false, false, { late: true }), lenient).billed).toBe(false)
  })

  it("names the reasons in French", () => {
    expect(absenceReasonLabels.map((r) => r.label)).toEqual(["Maladie", "Raison familiale", "Autre motif"])
    expect(absenceReasonLabel("family")).toBe("Raison familiale")
  })
})
