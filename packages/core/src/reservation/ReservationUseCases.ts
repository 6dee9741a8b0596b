import { Effect, Either, Schema } from "effect"
import type { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import { generateSessionsForPeriod } from "../activity/GenerateSessionsForPeriod.js"
import type { Session } from "../activity/Session.js"
import { TownCalendarSource } from "../calendar/TownCalendarSource.js"
import { EnrollmentRepository } from "../enrollment/EnrollmentRepository.js"
import { publishIntegrationEvents, reservationDrafts } from "../integration/IntegrationPublishing.js"
import * as Cents from "../shared/Cents.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { type ActivityId, HouseholdId, MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { BatchOutcome, CancellationBatchOutcome, SessionBookingOutcome, SessionCancellationOutcome } from "./BatchOutcome.js"
import { type BookingRefusal, SessionNotFound } from "./BookingRefusals.js"
import { ChildForBooking, wholeWeekRefusals } from "./BookingRules.js"
import { decideBooking, decideCancellation, decideOfferAcceptance, decideOfferDecline, decideOfferExpiry, type LedgerDecision, type SessionLedger } from "./SessionLedger.js"
import type { SessionLedgerEvent } from "./SessionLedgerEvent.js"
import { SessionLedgerRepository } from "./SessionLedgerRepository.js"
import { expandSessionPattern, type SessionPattern } from "./SessionPattern.js"
import { SessionRepository } from "./SessionRepository.js"
import { UnpaidBalances } from "./UnpaidBalances.js"

/** A family books one child on several sessions at once (a month of canteen days, a holiday week…). */
export class BookSessionsCommand extends Schema.Class<BookSessionsCommand>("BookSessionsCommand")({
  child: ChildForBooking,
  sessionIds: Schema.Array(SessionId)
}) {}

/** A family cancels one child's places (reservations or waiting-list entries) on several sessions. */
export class CancelReservationsCommand extends Schema.Class<CancelReservationsCommand>("CancelReservationsCommand")({
  childId: MemberId,
  householdId: HouseholdId,
  sessionIds: Schema.Array(SessionId)
}) {}

/** A family answers a place offered from the waiting list. */
export class WaitlistOfferAnswer extends Schema.Class<WaitlistOfferAnswer>("WaitlistOfferAnswer")({
  sessionId: SessionId,
  reservationId: ReservationId,
  householdId: HouseholdId
}) {}

const unique = <A>(items: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set(items)]

const loadSessions = (sessionIds: ReadonlyArray<SessionId>) =>
  Effect.gen(function* () {
    const sessions = yield* SessionRepository
    const found = new Map<SessionId, Either.Either<Session, SessionNotFound>>()
    for (const id of sessionIds) found.set(id, yield* Effect.either(sessions.get(id)))
    return found
  })

const loadActivities = (sessions: Iterable<Session>) =>
  Effect.gen(function* () {
    const catalogue = yield* ActivityCatalogue
    const activities = new Map<ActivityId, Activity>()
    for (const session of sessions) {
      if (!activities.has(session.activityId)) activities.set(session.activityId, yield* catalogue.byId(session.activityId))
    }
    return activities
  })

const foundSessions = (found: ReadonlyMap<SessionId, Either.Either<Session, SessionNotFound>>): ReadonlyArray<Session> =>
  [...found.values()].flatMap((e) => (Either.isRight(e) ? [e.right] : []))

const activityOf = (activities: ReadonlyMap<ActivityId, Activity>, session: Session): Activity => {
  const activity = activities.get(session.activityId)
  if (activity === undefined) throw new Error(`Activity ${session.activityId} not loaded`)
  return activity
}

/**
 * Decides on one session's ledger inside its own transaction, the ledger locked for the decision,
 * and saves it when the rule allows, with its `reservation.changed` events in the outbox: the
 * outcome, or the refusal (including an unknown session).
 */
const decideOnLockedLedger = <O, E>(
  sessionId: SessionId,
  decide: (ledger: SessionLedger) => Either.Either<LedgerDecision<O>, E>
) =>
  Effect.gen(function* () {
    const ledgers = yield* SessionLedgerRepository
    const decided = yield* Effect.either(
      (yield* Transactions).withTransaction(
        Effect.gen(function* () {
          const ledger = yield* ledgers.loadForUpdate(sessionId)
          const decision = decide(ledger)
          if (Either.isRight(decision)) {
            yield* ledgers.save(decision.right.ledger)
            yield* publishIntegrationEvents(reservationDrafts(ledger, decision.right))
          }
          return decision
        })
      )
    )
    const refused = (refusal: E | SessionNotFound) => ({ _tag: "Refused", refusal }) as const
    return Either.match(decided, {
      onLeft: refused,
      onRight: Either.match({ onLeft: refused, onRight: (decision) => decision.outcome })
    })
  })

/**
 * Books a child on several sessions. Everything the rules read (sessions, activities, calendar,
 * enrollments, unpaid balance, whole weeks) is loaded first; then each session is decided in its
 * own transaction on its locked ledger. The answer lists every requested session exactly once (a
 * repeated id counts once), in the order asked: booked, waitlisted at a position, or refused with
 * the rule that refused it.
 */
export const bookSessions = (command: BookSessionsCommand) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const ids = yield* IdGenerator
    const sessionStore = yield* SessionRepository
    const enrollments = yield* EnrollmentRepository
    const { child } = command
    const requested = unique(command.sessionIds)
    const found = yield* loadSessions(requested)
    const sessions = foundSessions(found)
    const activities = yield* loadActivities(sessions)
    const calendar = yield* (yield* TownCalendarSource).get

    const enrolled = new Map<string, boolean>()
    for (const session of sessions) {
      const activity = activityOf(activities, session)
      const key = `${LocalDate.schoolYear(session.date)}\u0000${activity.enrollmentFamily}`
      if (!enrolled.has(key)) {
        const accepted = yield* enrollments.findAccepted(child.childId, LocalDate.schoolYear(session.date), activity.enrollmentFamily)
        enrolled.set(key, accepted._tag === "Some")
      }
    }

    const blocking = [...activities.values()].some((a) => a.bookingPolicy.unpaidBlockThresholdCents !== undefined)
    const pastDueUnpaid = blocking
      ? yield* (yield* UnpaidBalances).pastDueUnpaid(child.householdId, ParisTime.dateAt(now))
      : Cents.zero

    const weekRefusals = new Map<SessionId, BookingRefusal>()
    for (const activity of activities.values()) {
      if (!activity.bookingPolicy.wholeWeekOnly) continue
      const mine = sessions.filter((s) => s.activityId === activity.id)
      const dates = mine.map((s) => s.date).sort()
      const first = dates[0]
      const last = dates.at(-1)
      if (first === undefined || last === undefined) continue
      const around = yield* sessionStore.listByActivity(activity.id, LocalDate.mondayOf(first), LocalDate.addDays(LocalDate.mondayOf(last), 6))
      for (const [id, refusal] of wholeWeekRefusals(activity, mine, around)) weekRefusals.set(id, refusal)
    }

    const outcomes: Array<SessionBookingOutcome> = []
    for (const sessionId of requested) {
      const loaded = found.get(sessionId) ?? Either.left(new SessionNotFound({ sessionId }))
      if (Either.isLeft(loaded)) {
        outcomes.push(new SessionBookingOutcome({ sessionId, result: { _tag: "Refused", refusal: loaded.left } }))
        continue
      }
      const session = loaded.right
      const weekRefusal = weekRefusals.get(sessionId)
      if (weekRefusal !== undefined) {
        outcomes.push(new SessionBookingOutcome({ sessionId, date: session.date, result: { _tag: "Refused", refusal: weekRefusal } }))
        continue
      }
      const activity = activityOf(activities, session)
      const context = {
        activity,
        calendar,
        enrolled: enrolled.get(`${LocalDate.schoolYear(session.date)}\u0000${activity.enrollmentFamily}`) ?? false,
        pastDueUnpaid
      }
      const reservationId = ReservationId.make(yield* ids.next("res"))
      const result = yield* decideOnLockedLedger(sessionId, (ledger) => decideBooking(ledger, { reservationId, child }, context, now))
      outcomes.push(new SessionBookingOutcome({ sessionId, date: session.date, result }))
    }
    return new BatchOutcome({ childId: child.childId, outcomes })
  })

/**
 * Cancels a child's places on several sessions, each in its own transaction: a reservation is
 * cancelled (late after the cancellation deadline: allowed, billed unless justified), a
 * waiting-list entry is withdrawn; each freed place goes to the waiting list. The answer lists
 * every requested session exactly once.
 */
export const cancelReservations = (command: CancelReservationsCommand) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const requested = unique(command.sessionIds)
    const found = yield* loadSessions(requested)
    const activities = yield* loadActivities(foundSessions(found))
    const calendar = yield* (yield* TownCalendarSource).get
    const outcomes: Array<SessionCancellationOutcome> = []
    for (const sessionId of requested) {
      const loaded = found.get(sessionId) ?? Either.left(new SessionNotFound({ sessionId }))
      if (Either.isLeft(loaded)) {
        outcomes.push(new SessionCancellationOutcome({ sessionId, result: { _tag: "Refused", refusal: loaded.left } }))
        continue
      }
      const session = loaded.right
      const activity = activityOf(activities, session)
      const result = yield* decideOnLockedLedger(sessionId, (ledger) =>
        decideCancellation(ledger, { childId: command.childId, householdId: command.householdId }, { activity, calendar }, now)
      )
      outcomes.push(new SessionCancellationOutcome({ sessionId, date: session.date, result }))
    }
    return new CancellationBatchOutcome({ childId: command.childId, outcomes })
  })

/** A family accepts a place offered from the waiting list, before the offer expires: the child is booked. */
export const acceptOffer = (answer: WaitlistOfferAnswer) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const ledgers = yield* SessionLedgerRepository
    return yield* (yield* Transactions).withTransaction(
      Effect.gen(function* () {
        const ledger = yield* ledgers.loadForUpdate(answer.sessionId)
        const decision = yield* decideOfferAcceptance(ledger, answer, now)
        yield* ledgers.save(decision.ledger)
        yield* publishIntegrationEvents(reservationDrafts(ledger, decision, answer.reservationId))
        return decision.outcome
      })
    )
  })

/** A family declines a place offered from the waiting list: it passes to the next in line. */
export const declineOffer = (answer: WaitlistOfferAnswer) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const ledgers = yield* SessionLedgerRepository
    const session = yield* (yield* SessionRepository).get(answer.sessionId)
    const activity = yield* (yield* ActivityCatalogue).byId(session.activityId)
    return yield* (yield* Transactions).withTransaction(
      Effect.gen(function* () {
        const ledger = yield* ledgers.loadForUpdate(answer.sessionId)
        const decision = yield* decideOfferDecline(ledger, answer, activity, now)
        yield* ledgers.save(decision.ledger)
        yield* publishIntegrationEvents(reservationDrafts(ledger, decision))
        return decision.events
      })
    )
  })

/**
 * Withdraws every place offer expired at `now` and passes each place to the next in line, one
 * session per transaction. Run it regularly (a scheduled job); returns what happened, so new
 * offers can be announced to the families.
 */
export const expireOffers = (now: Instant) =>
  Effect.gen(function* () {
    const ledgers = yield* SessionLedgerRepository
    const sessionStore = yield* SessionRepository
    const catalogue = yield* ActivityCatalogue
    const transactions = yield* Transactions
    const events: Array<SessionLedgerEvent> = []
    for (const sessionId of yield* ledgers.withOffersExpiringBy(now)) {
      const session = yield* sessionStore.get(sessionId)
      const activity = yield* catalogue.byId(session.activityId)
      const decided = yield* transactions.withTransaction(
        Effect.gen(function* () {
          const ledger = yield* ledgers.loadForUpdate(sessionId)
          const decision = decideOfferExpiry(ledger, activity, now)
          yield* ledgers.save(decision.ledger)
          yield* publishIntegrationEvents(reservationDrafts(ledger, decision))
          return decision.events
        })
      )
      events.push(...decided)
    }
    return events
  })

/** The sessions of an activity a repeated booking pattern selects ("every Monday and Thursday until the holidays"). */
export const sessionsForPattern = (activityId: ActivityId, pattern: SessionPattern) =>
  Effect.map(
    Effect.flatMap(SessionRepository, (s) => s.listByActivity(activityId, pattern.start, pattern.end)),
    (sessions) => expandSessionPattern(sessions, pattern)
  )

/** Generates an activity's sessions for a period from the town's calendar and stores them (idempotent). */
export const publishSessions = (activityId: ActivityId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const sessions = yield* generateSessionsForPeriod(activityId, start, end)
    yield* (yield* SessionRepository).saveMany(sessions)
    return sessions
  })
