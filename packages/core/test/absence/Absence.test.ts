import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { AbsenceId, DocumentId, HouseholdId, MemberId, ReservationId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { Absence, AbsenceJustificationRules, absenceJustification, absenceMarks, type AbsenceReason, checkCertificateTiming, MedicalCertificate } from "../../src/absence/Absence.js"

const d = LocalDate.unsafe
const i = Instant.unsafe
const rules = new AbsenceJustificationRules({})

const illness = (start: string, end: string, certificateAt?: string, reason: AbsenceReason = "illness") =>
  new Absence({
    id: AbsenceId.make("abs-1"),
    childId: MemberId.make("lucie"),
    householdId: HouseholdId.make("martin"),
    start: d(start),
    end: d(end),
    reason,
    reportedAt: i("2026-03-09T07:00:00Z"),
    ...(certificateAt === undefined ? {} : { certificate: new MedicalCertificate({ documentId: DocumentId.make("doc-1"), providedAt: i(certificateAt) }) })
  })

describe("absence justification", () => {
  it("has the town's defaults: 72 h for the certificate, no carence, refused after 10 days", () => {
    expect({ ...rules }).toEqual({ certificateWithinHours: 72, carenceDays: 0, certificateRefusedAfterDays: 10 })
  })

  it("justifies an illness with a certificate given within 72 h of the end of the first day", () => {
    const inTime = absenceJustification(illness("2026-03-09", "2026-03-11", "2026-03-12T22:59:00Z"), rules)
    expect(inTime.justified).toBe(true)
    expect(inTime.certificateDeadline).toBe("2026-03-12T23:00:00.000Z")
    const late = absenceJustification(illness("2026-03-09", "2026-03-11", "2026-03-13T08:00:00Z"), rules)
    expect([late.justified, late.basis]).toEqual([false, "certificate-late"])
    expect(absenceJustification(illness("2026-03-09", "2026-03-11"), rules).explanationFr).toBe(
      "Absence pour maladie sans certificat médical : joignez-le au plus tard le jeudi 12 mars 2026 à 23:59 pour qu'elle soit justifiée."
    )
    expect(absenceJustification(illness("2026-03-09", "2026-03-11", "2026-03-09T08:00:00Z", "family"), rules).basis).toBe("reason-not-justifying")
  })

  it("refuses a certificate given more than 10 days after, with a message", () => {
    expect(Either.isRight(checkCertificateTiming({ start: d("2026-03-09") }, i("2026-03-19T23:00:00Z"), rules))).toBe(true)
    const refused = checkCertificateTiming({ start: d("2026-03-09") }, i("2026-03-20T08:00:00Z"), rules)
    expect(Either.isLeft(refused) && refused.left.message).toBe(
      "Le certificat médical pour l'absence commencée le lundi 9 mars 2026 est transmis le vendredi 20 mars 2026 à 09:00, " +
        "plus de 10 jours après : la commune ne peut plus l'accepter et l'absence reste facturée selon le règlement. " +
        "Contactez le Service à la Population en cas de circonstance particulière."
    )
  })

  it("bills the first carence day of an illness and justifies the others", () => {
    const absence = illness("2026-03-09", "2026-03-13", "2026-03-10T08:00:00Z")
    const affected = [
      { reservationId: ReservationId.make("cantine-10"), date: d("2026-03-10"), billable: true },
      { reservationId: ReservationId.make("cantine-09"), date: d("2026-03-09"), billable: true },
      { reservationId: ReservationId.make("soir-09"), date: d("2026-03-09"), billable: true },
      { reservationId: ReservationId.make("cantine-12"), date: d("2026-03-12"), billable: false }
    ]
    const marks = absenceMarks(absence, new AbsenceJustificationRules({ carenceDays: 1 }), affected)
    expect([...marks].map(([id, m]) => [id, m.justified, m.carence])).toEqual([
      ["cantine-10", true, false],
      ["cantine-09", true, true],
      ["soir-09", true, true],
      ["cantine-12", true, false]
    ])
  })

  const day = fc.integer({ min: 0, max: 20 })
  test.prop([
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 10 }),
    fc.array(fc.record({ offset: day, billable: fc.boolean() }), { maxLength: 25 }),
    fc.integer({ min: 0, max: 72 * 60 })
  ])("a justified absence day outside carence is marked justified, and carence covers at most N billable days", (carenceDays, length, reservations, minutesAfterFirstDay) => {
    const start = d("2026-03-09")
    const end = LocalDate.addDays(start, length)
    const certificateAt = Instant.plusMinutes(i("2026-03-09T23:00:00Z"), minutesAfterFirstDay)
    const absence = illness(start, end, certificateAt)
    const dayRules = new AbsenceJustificationRules({ carenceDays })
    const affected = reservations.map((r, n) => ({ reservationId: ReservationId.make(`r${n}`), date: LocalDate.addDays(start, r.offset), billable: r.billable }))
    const marks = absenceMarks(absence, dayRules, affected)
    const carenceDates = new Set<string>()
    for (const r of affected) {
      const mark = marks.get(r.reservationId)
      if (r.date > end) {
        expect(mark).toBeUndefined()
        continue
      }
      expect(mark?.justified).toBe(true)
      if (mark?.carence === true) carenceDates.add(r.date)
      else expect(mark?.justified === true && mark.carence === false).toBe(true)
    }
    expect(carenceDates.size).toBeLessThanOrEqual(carenceDays)
  })
})
