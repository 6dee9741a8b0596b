import { Either, Schema } from "effect"
import { ReservationAbsence } from "../reservation/Reservation.js"
import { AbsenceId, DocumentId, HouseholdId, MemberId, type ReservationId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { MedicalCertificateTooLate } from "./AbsenceErrors.js"

/** Why a child is absent: illness (justifiable with a medical certificate), a family reason, or another. */
export const AbsenceReason = Schema.Literal("illness", "family", "other").annotations({ identifier: "AbsenceReason" })
export type AbsenceReason = typeof AbsenceReason.Type

/** A medical certificate (a stored supporting document) and when the family gave it. */
export class MedicalCertificate extends Schema.Class<MedicalCertificate>("MedicalCertificate")({
  documentId: DocumentId,
  providedAt: Instant.Instant
}) {}

/** An absence reported by the family (signaler une absence): a child, a period (both days included), a reason. */
export class Absence extends Schema.Class<Absence>("Absence")({
  id: AbsenceId,
  childId: MemberId,
  householdId: HouseholdId,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
  reason: AbsenceReason,
  comment: Schema.optional(Schema.String),
  reportedAt: Instant.Instant,
  certificate: Schema.optional(MedicalCertificate)
}) {}

/**
 * The town's justification rules, each a setting: an illness is justified by a medical certificate
 * given within `certificateWithinHours` of the end of the first day of absence (default 72 h);
 * the first `carenceDays` booked days of an illness are still billed (default 0); a certificate
 * given more than `certificateRefusedAfterDays` days after the end of the first day is refused
 * (default 10). Between the two limits a certificate is kept but does not justify the absence.
 */
export class AbsenceJustificationRules extends Schema.Class<AbsenceJustificationRules>("AbsenceJustificationRules")({
  certificateWithinHours: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { default: () => 72 }),
  carenceDays: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { default: () => 0 }),
  certificateRefusedAfterDays: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { default: () => 10 })
}) {}

/** Why an absence is, or is not, justified. */
export const JustificationBasis = Schema.Literal("certificate-in-time", "certificate-late", "no-certificate", "reason-not-justifying")
export type JustificationBasis = typeof JustificationBasis.Type

/** Whether an absence is justified, and why, in words the family reads. */
export class AbsenceJustification extends Schema.Class<AbsenceJustification>("AbsenceJustification")({
  justified: Schema.Boolean,
  basis: JustificationBasis,
  /** The last instant a certificate justifies the absence. */
  certificateDeadline: Instant.Instant
}) {
  get explanationFr(): string {
    const until = ParisTime.formatFr(Instant.plusMinutes(this.certificateDeadline, -1))
    switch (this.basis) {
      case "certificate-in-time":
        return "Absence justifiée par un certificat médical transmis dans le délai : elle n'est pas facturée (hors jours de carence)."
      case "certificate-late":
        return `Le certificat médical a été transmis après le ${until}, fin du délai : l'absence n'est pas justifiée et reste facturée si la réservation n'a pas été annulée à temps.`
      case "no-certificate":
        return `Absence pour maladie sans certificat médical : joignez-le au plus tard le ${until} pour qu'elle soit justifiée.`
      case "reason-not-justifying":
        return "Seule une maladie avec certificat médical justifie une absence : les jours non annulés à temps restent facturés."
    }
  }
}

/** The end of the first day of absence (midnight after it, Paris time), from which certificate delays count. */
export const firstAbsentDayEnd = (absence: Pick<Absence, "start">): Instant.Instant =>
  ParisTime.toInstant(LocalDate.addDays(absence.start, 1), ParisTime.timeOfDay("00:00"))

/** Refuses a certificate given more than `certificateRefusedAfterDays` days after the end of the first day of absence. */
export function checkCertificateTiming(
  absence: Pick<Absence, "start">,
  providedAt: Instant.Instant,
  rules: AbsenceJustificationRules
): Either.Either<void, MedicalCertificateTooLate> {
  const limit = Instant.plusHours(firstAbsentDayEnd(absence), rules.certificateRefusedAfterDays * 24)
  return providedAt > limit
    ? Either.left(new MedicalCertificateTooLate({ firstDay: absence.start, providedAt, refusedAfterDays: rules.certificateRefusedAfterDays }))
    : Either.void
}

/** Whether an absence is justified under the town's rules: an illness with a certificate given in time. */
export function absenceJustification(absence: Absence, rules: AbsenceJustificationRules): AbsenceJustification {
  const certificateDeadline = Instant.plusHours(firstAbsentDayEnd(absence), rules.certificateWithinHours)
  const basis: JustificationBasis =
    absence.reason !== "illness"
      ? "reason-not-justifying"
      : absence.certificate === undefined
        ? "no-certificate"
        : absence.certificate.providedAt <= certificateDeadline
          ? "certificate-in-time"
          : "certificate-late"
  return new AbsenceJustification({ justified: basis === "certificate-in-time", basis, certificateDeadline })
}

/**
 * A reservation an absence bears on: on a date of the absence, and `billable` unless it was
 * cancelled in time (a reservation cancelled in time is not billed whatever the absence).
 */
export interface AbsenceAffectedReservation {
  readonly reservationId: ReservationId
  readonly date: LocalDate.LocalDate
  readonly billable: boolean
}

/**
 * The marks billing reads, one per affected reservation: `justified` as the absence is, and
 * `carence` on the reservations of the first `carenceDays` distinct billable dates of an illness.
 * Reservations outside the absence's period are left out.
 */
export function absenceMarks(
  absence: Absence,
  rules: AbsenceJustificationRules,
  affected: ReadonlyArray<AbsenceAffectedReservation>
): ReadonlyMap<ReservationId, ReservationAbsence> {
  const { justified } = absenceJustification(absence, rules)
  const inPeriod = affected.filter((r) => r.date >= absence.start && r.date <= absence.end)
  const billableDates = [...new Set(inPeriod.filter((r) => r.billable).map((r) => r.date))].sort()
  const carenceDates = new Set(absence.reason === "illness" ? billableDates.slice(0, rules.carenceDays) : [])
  const marks = new Map<ReservationId, ReservationAbsence>()
  for (const r of inPeriod) {
    marks.set(r.reservationId, new ReservationAbsence({ absenceId: absence.id, justified, carence: r.billable && carenceDates.has(r.date) }))
  }
  return marks
}

/** Refuses a period that ends before it starts or spans more than 366 days. */
export const isValidAbsencePeriod = (start: LocalDate.LocalDate, end: LocalDate.LocalDate): boolean =>
  end >= start && LocalDate.daysBetween(start, end) <= 366
