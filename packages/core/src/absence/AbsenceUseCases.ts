import { Effect, Either, Schema } from "effect"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import { TownCalendarSource } from "../calendar/TownCalendarSource.js"
import { sessionStartInstant } from "../reservation/BookingDeadlines.js"
import { ReservationAbsence, ReservationCancellation } from "../reservation/Reservation.js"
import { activeReservationOf, applyAbsenceMarks, decideCancellation, type SessionLedger, waitlistPositionOf } from "../reservation/SessionLedger.js"
import { SessionLedgerRepository } from "../reservation/SessionLedgerRepository.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AbsenceId, ActivityId, DocumentId, HouseholdId, MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { Transactions } from "../shared/Transactions.js"
import {
  Absence,
  type AbsenceAffectedReservation,
  AbsenceJustification,
  absenceJustification,
  type AbsenceJustificationRules,
  absenceMarks,
  AbsenceReason,
  checkCertificateTiming,
  isValidAbsencePeriod,
  MedicalCertificate
} from "./Absence.js"
import { AbsenceAlreadyReported, AbsenceNotFound, AbsencePeriodInvalid } from "./AbsenceErrors.js"
import { AbsenceRepository } from "./AbsenceRepository.js"

/** What a family reports (signaler une absence). */
export class AbsenceReport extends Schema.Class<AbsenceReport>("AbsenceReport")({
  childId: MemberId,
  householdId: HouseholdId,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
  reason: AbsenceReason,
  comment: Schema.optional(Schema.String),
  /** A medical certificate already stored as a supporting document. */
  certificate: Schema.optional(DocumentId)
}) {}

/** How an absence bears on one reservation of the child. */
export class AbsenceSessionMark extends Schema.Class<AbsenceSessionMark>("AbsenceSessionMark")({
  sessionId: SessionId,
  activityId: ActivityId,
  date: LocalDate.LocalDate,
  reservationId: ReservationId,
  cancellation: Schema.optional(ReservationCancellation),
  mark: ReservationAbsence
}) {}

/** The answer to a reported absence or an attached certificate: the absence, whether it is justified, and each reservation it marks. */
export class AbsenceReceipt extends Schema.Class<AbsenceReceipt>("AbsenceReceipt")({
  absence: Absence,
  justification: AbsenceJustification,
  sessions: Schema.Array(AbsenceSessionMark)
}) {}

const affectedBy = (absence: Absence, ledger: SessionLedger) =>
  ledger.reservations.filter(
    (r) =>
      r.childId === absence.childId &&
      (r.isActive || r.cancellation?.late === true || r.cancellation?.absenceId === absence.id)
  )

/**
 * Re-reads the child's reservations over the absence's period and sets on each the mark billing
 * reads (justified, carence), one session per transaction.
 */
const markReservations = (absence: Absence, rules: AbsenceJustificationRules) =>
  Effect.gen(function* () {
    const ledgers = yield* SessionLedgerRepository
    const transactions = yield* Transactions
    const snapshot = yield* ledgers.forChild(absence.childId, absence.start, absence.end)
    const affected: Array<AbsenceAffectedReservation> = snapshot.flatMap((ledger) =>
      affectedBy(absence, ledger).map((r) => ({ reservationId: r.id, date: ledger.session.date, billable: r.isActive || r.cancellation?.late === true }))
    )
    const marks = absenceMarks(absence, rules, affected)
    const sessions: Array<AbsenceSessionMark> = []
    for (const ledger of snapshot) {
      const mine = new Map<ReservationId, ReservationAbsence>()
      for (const r of ledger.reservations) {
        const mark = marks.get(r.id)
        if (mark !== undefined) mine.set(r.id, mark)
      }
      if (mine.size === 0) continue
      const saved = yield* transactions.withTransaction(
        Effect.gen(function* () {
          const decision = applyAbsenceMarks(yield* ledgers.loadForUpdate(ledger.session.id), mine)
          yield* ledgers.save(decision.ledger)
          return decision.ledger
        })
      )
      for (const r of saved.reservations) {
        const mark = mine.get(r.id)
        if (mark === undefined) continue
        sessions.push(
          new AbsenceSessionMark({
            sessionId: saved.session.id,
            activityId: saved.session.activityId,
            date: saved.session.date,
            reservationId: r.id,
            ...(r.cancellation === undefined ? {} : { cancellation: r.cancellation }),
            mark
          })
        )
      }
    }
    sessions.sort((a, b) => LocalDate.compare(a.date, b.date))
    return new AbsenceReceipt({ absence, justification: absenceJustification(absence, rules), sessions })
  }).pipe(Effect.catchTag("SessionNotFound", (e) => Effect.die(e)))

/**
 * A family reports an absence: the child's places on sessions of the period that have not started
 * are cancelled (free before the cancellation deadline, late after it), waiting-list entries are
 * withdrawn, the freed places go to the waiting lists, and every reservation of the period gets
 * the mark billing reads (justified or not, carence). A certificate given with the report is
 * checked like one attached later.
 */
export const reportAbsence = (report: AbsenceReport, rules: AbsenceJustificationRules) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const absences = yield* AbsenceRepository
    const ledgers = yield* SessionLedgerRepository
    const transactions = yield* Transactions
    const catalogue = yield* ActivityCatalogue
    if (!isValidAbsencePeriod(report.start, report.end)) {
      return yield* Effect.fail(new AbsencePeriodInvalid({ start: report.start, end: report.end }))
    }
    const overlapping = (yield* absences.forChild(report.childId, report.start, report.end))[0]
    if (overlapping !== undefined) {
      return yield* Effect.fail(new AbsenceAlreadyReported({ absenceId: overlapping.id, start: overlapping.start, end: overlapping.end }))
    }
    if (report.certificate !== undefined) yield* checkCertificateTiming(report, now, rules)
    const calendar = yield* (yield* TownCalendarSource).get
    const absence = new Absence({
      id: AbsenceId.make(yield* (yield* IdGenerator).next("abs")),
      childId: report.childId,
      householdId: report.householdId,
      start: report.start,
      end: report.end,
      reason: report.reason,
      ...(report.comment === undefined ? {} : { comment: report.comment }),
      reportedAt: now,
      ...(report.certificate === undefined ? {} : { certificate: new MedicalCertificate({ documentId: report.certificate, providedAt: now }) })
    })
    yield* absences.save(absence)
    for (const ledger of yield* ledgers.forChild(report.childId, report.start, report.end)) {
      if (sessionStartInstant(ledger.session) <= now) continue
      const holds = activeReservationOf(ledger, report.childId) !== undefined || waitlistPositionOf(ledger, report.childId) !== undefined
      if (!holds) continue
      const activity = yield* catalogue.byId(ledger.session.activityId)
      yield* transactions.withTransaction(
        Effect.gen(function* () {
          const locked = yield* ledgers.loadForUpdate(ledger.session.id)
          const decision = decideCancellation(
            locked,
            { childId: report.childId, householdId: report.householdId, absenceId: absence.id },
            { activity, calendar },
            now
          )
          if (Either.isRight(decision)) yield* ledgers.save(decision.right.ledger)
        })
      )
    }
    return yield* markReservations(absence, rules)
  }).pipe(Effect.catchTag("SessionNotFound", (e) => Effect.die(e)))

/**
 * A family attaches a medical certificate to an absence already reported (it replaces any
 * earlier one): refused when given too late, otherwise the absence's justification and the marks
 * of its reservations are evaluated again.
 */
export const attachMedicalCertificate = (
  command: { readonly absenceId: AbsenceId; readonly householdId: HouseholdId; readonly documentId: DocumentId },
  rules: AbsenceJustificationRules
) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const absences = yield* AbsenceRepository
    const absence = yield* absences.get(command.absenceId)
    if (absence.householdId !== command.householdId) return yield* Effect.fail(new AbsenceNotFound({ absenceId: command.absenceId }))
    yield* checkCertificateTiming(absence, now, rules)
    const updated = new Absence({ ...absence, certificate: new MedicalCertificate({ documentId: command.documentId, providedAt: now }) })
    yield* absences.save(updated)
    return yield* markReservations(updated, rules)
  })

/** The absences of a household's children overlapping a period. */
export const absencesOfHousehold = (householdId: HouseholdId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
  Effect.flatMap(AbsenceRepository, (r) => r.forHousehold(householdId, start, end))
