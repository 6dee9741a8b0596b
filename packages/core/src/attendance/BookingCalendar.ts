import { Effect, Either } from "effect"
import type { Activity, Slot } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { BookingWindow } from "../activity/BookingPolicy.js"
import type { Session } from "../activity/Session.js"
import type { TownCalendar } from "../calendar/TownCalendar.js"
import { TownCalendarSource } from "../calendar/TownCalendarSource.js"
import { EnrollmentRepository } from "../enrollment/EnrollmentRepository.js"
import type { Household } from "../household/Household.js"
import { sessionStartInstant } from "../reservation/BookingDeadlines.js"
import {
  ageGroupFor,
  type BookingContext,
  type BookingRuleRefusal,
  bookingDeadlineFor,
  bookingWindowFor,
  cancellationDeadlineFor,
  checkBookingRules,
  checkEligibility,
  ChildForBooking
} from "../reservation/BookingRules.js"
import { fillFreePlaces, hasRoomFor, type SessionLedger } from "../reservation/SessionLedger.js"
import { SessionLedgerRepository } from "../reservation/SessionLedgerRepository.js"
import { SessionRepository } from "../reservation/SessionRepository.js"
import { UnpaidBalances } from "../reservation/UnpaidBalances.js"
import * as Cents from "../shared/Cents.js"
import { Clock } from "../shared/Clock.js"
import type { MemberId, ReservationId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import type { AgendaEntry, AgendaStatus } from "./Agenda.js"
import { agendaOfChild } from "./AttendanceUseCases.js"

/**
 * What a family can do now about a child's place on a session:
 * - `Book`: the rules allow it; `full` when the request would join the waiting list;
 * - `Cancel`: the child holds a place (or waits for one, `leavesWaitlist`); `late` when the free
 *   cancellation deadline (`freeUntil`) has passed (allowed, billed unless justified);
 * - `AnswerOffer`: a place is offered from the waiting list until `expiresAt`;
 * - `BookWholeWeek`: the rules allow it, but the activity is booked by whole weeks;
 * - `Unavailable`: a booking rule refuses it (deadline, window, enrollment…), with its refusal;
 * - `Started`: the session has started, nothing can change any more.
 */
export type SessionAction =
  | { readonly _tag: "Book"; readonly full: boolean; readonly deadline: Instant }
  | { readonly _tag: "Cancel"; readonly late: boolean; readonly freeUntil: Instant; readonly leavesWaitlist: boolean }
  | { readonly _tag: "AnswerOffer"; readonly reservationId: ReservationId; readonly expiresAt: Instant }
  | { readonly _tag: "BookWholeWeek" }
  | { readonly _tag: "Unavailable"; readonly refusal: BookingRuleRefusal }
  | { readonly _tag: "Started" }

/** One session of a child's booking calendar: the session, its activity (and slot), where the child stands, what can be done. */
export interface BookingCalendarEntry {
  readonly session: Session
  readonly activity: Activity
  readonly slot: Slot | undefined
  /** The child's line of the agenda on this session, when the child has one. */
  readonly agenda: AgendaEntry | undefined
  /** The agenda's status, `not-booked` when the child has nothing on the session. */
  readonly status: AgendaStatus
  readonly action: SessionAction
}

/** A child of a household as booking reads it (birth date, level, residency); undefined for a child of another household. */
export function childForBookingOf(household: Household, childId: MemberId): ChildForBooking | undefined {
  const child = household.child(childId)
  if (child === undefined) return undefined
  return new ChildForBooking({
    childId: child.id,
    householdId: household.id,
    birthDate: child.birthDate,
    ...(child.schoolLevel === undefined ? {} : { schoolLevel: child.schoolLevel }),
    resident: household.residency === "resident"
  })
}

/** The slot of an activity a session belongs to, if the activity has slots. */
export const slotOf = (activity: Activity, session: Session): Slot | undefined =>
  session.slot === undefined ? undefined : activity.slots.find((s) => s.code === session.slot)

/**
 * What the family can do on a session now (see `SessionAction`): nothing once it has started; a
 * place held can be cancelled (late after the cancellation deadline); an offer answered; otherwise
 * the booking rules decide (`checkBookingRules`), whole-week activities are booked by the week,
 * and `full` says whether a request would wait (the snapshot `ledger` read as `decideBooking`
 * does: free places go to the waiting list first). Without a ledger the session is taken as free.
 */
export function sessionAction(
  session: Session,
  child: ChildForBooking,
  agenda: AgendaEntry | undefined,
  context: BookingContext,
  ledger: SessionLedger | undefined,
  now: Instant
): SessionAction {
  if (now >= sessionStartInstant(session)) return { _tag: "Started" }
  const { activity, calendar } = context
  const booking = agenda?.booking
  if (booking?._tag === "Booked") {
    const freeUntil = cancellationDeadlineFor(session, activity, calendar)
    return { _tag: "Cancel", late: now > freeUntil, freeUntil, leavesWaitlist: false }
  }
  if (booking?._tag === "Waitlisted") {
    return { _tag: "Cancel", late: false, freeUntil: cancellationDeadlineFor(session, activity, calendar), leavesWaitlist: true }
  }
  if (booking?._tag === "Offered") return { _tag: "AnswerOffer", reservationId: booking.reservationId, expiresAt: booking.expiresAt }
  const rules = checkBookingRules(session, child, context, now)
  if (Either.isLeft(rules)) return { _tag: "Unavailable", refusal: rules.left }
  if (activity.bookingPolicy.wholeWeekOnly) return { _tag: "BookWholeWeek" }
  const group = ageGroupFor(activity, child.birthDate, session.date)?.label
  const full = ledger !== undefined && !hasRoomFor(fillFreePlaces(ledger, activity, now).ledger, activity, group)
  return { _tag: "Book", full, deadline: bookingDeadlineFor(session, activity, calendar) }
}

/** Everything `assembleBookingCalendar` reads, loaded by `bookingCalendarOfChild`. */
export interface BookingCalendarInput {
  readonly child: ChildForBooking
  /** The activities, in the order the calendar lists them on a day. */
  readonly activities: ReadonlyArray<Activity>
  /** The sessions of the period, every activity. */
  readonly sessions: ReadonlyArray<Session>
  /** The child's agenda over the period (`agendaOfChild`). */
  readonly agenda: ReadonlyArray<AgendaEntry>
  readonly calendar: TownCalendar
  /** Whether the child has an accepted enrollment for a school year and an activity family. */
  readonly enrolled: (schoolYear: string, enrollmentFamily: string) => boolean
  readonly pastDueUnpaid: Cents.Cents
  /** Snapshots of sessions' ledgers, for the places left; sessions without one are taken as free. */
  readonly ledgers: ReadonlyMap<string, SessionLedger>
  readonly now: Instant
}

/**
 * A child's booking calendar: every session of the period on which the child has a line of the
 * agenda or is eligible (age, school level), with where the child stands and what the family can
 * do, by date, then start time, then the activities' order.
 */
export function assembleBookingCalendar(input: BookingCalendarInput): ReadonlyArray<BookingCalendarEntry> {
  const agendaBySession = new Map<string, AgendaEntry>(input.agenda.map((e) => [e.sessionId, e]))
  const order = new Map<string, number>(input.activities.map((a, index) => [a.id, index]))
  const activities = new Map<string, Activity>(input.activities.map((a) => [a.id, a]))
  const entries: Array<BookingCalendarEntry> = []
  for (const session of input.sessions) {
    const activity = activities.get(session.activityId)
    if (activity === undefined) continue
    const agenda = agendaBySession.get(session.id)
    if (agenda === undefined && Either.isLeft(checkEligibility(activity, input.child, session.date))) continue
    const context: BookingContext = {
      activity,
      calendar: input.calendar,
      enrolled: input.enrolled(LocalDate.schoolYear(session.date), activity.enrollmentFamily),
      pastDueUnpaid: input.pastDueUnpaid
    }
    entries.push({
      session,
      activity,
      slot: slotOf(activity, session),
      agenda,
      status: agenda?.status ?? "not-booked",
      action: sessionAction(session, input.child, agenda, context, input.ledgers.get(session.id), input.now)
    })
  }
  return entries.sort(
    (a, b) =>
      LocalDate.compare(a.session.date, b.session.date) ||
      (a.session.startsAt < b.session.startsAt ? -1 : a.session.startsAt > b.session.startsAt ? 1 : 0) ||
      (order.get(a.activity.id) ?? 0) - (order.get(b.activity.id) ?? 0)
  )
}

const enrollmentKey = (schoolYear: string, family: string) => `${schoolYear}\u0000${family}`

/** Loads the accepted enrollments the rules read for these sessions. */
const enrollmentsFor = (child: ChildForBooking, sessions: ReadonlyArray<Session>, activities: ReadonlyMap<string, Activity>) =>
  Effect.gen(function* () {
    const repository = yield* EnrollmentRepository
    const accepted = new Set<string>()
    const asked = new Set<string>()
    for (const session of sessions) {
      const activity = activities.get(session.activityId)
      if (activity === undefined) continue
      const key = enrollmentKey(LocalDate.schoolYear(session.date), activity.enrollmentFamily)
      if (asked.has(key)) continue
      asked.add(key)
      const found = yield* repository.findAccepted(child.childId, LocalDate.schoolYear(session.date), activity.enrollmentFamily)
      if (found._tag === "Some") accepted.add(key)
    }
    return (schoolYear: string, family: string) => accepted.has(enrollmentKey(schoolYear, family))
  })

const pastDueUnpaidOf = (child: ChildForBooking, activities: ReadonlyArray<Activity>, now: Instant) =>
  activities.some((a) => a.bookingPolicy.unpaidBlockThresholdCents !== undefined)
    ? Effect.flatMap(UnpaidBalances, (u) => u.pastDueUnpaid(child.householdId, ParisTime.dateAt(now)))
    : Effect.succeed(Cents.zero)

/**
 * A child's booking calendar from `start` to `end` (both included): the sessions of every activity
 * of the catalogue the child can attend or has a line on, each with where the child stands
 * (booked, waiting list and position, offer and its expiry, absent, present, cancelled) and what
 * the family can do now (`SessionAction`), the booking rules read exactly as `bookSessions` reads
 * them. The places left are read for the sessions the child could book.
 */
export const bookingCalendarOfChild = (child: ChildForBooking, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const activities = yield* (yield* ActivityCatalogue).list
    const sessionStore = yield* SessionRepository
    const sessions: Array<Session> = []
    for (const activity of activities) sessions.push(...(yield* sessionStore.listByActivity(activity.id, start, end)))
    const byId = new Map<string, Activity>(activities.map((a) => [a.id, a]))
    const agenda = yield* agendaOfChild(child.childId, start, end)
    const calendar = yield* (yield* TownCalendarSource).get
    const enrolled = yield* enrollmentsFor(child, sessions, byId)
    const pastDueUnpaid = yield* pastDueUnpaidOf(child, activities, now)
    const base: BookingCalendarInput = { child, activities, sessions, agenda, calendar, enrolled, pastDueUnpaid, ledgers: new Map(), now }
    const ledgerStore = yield* SessionLedgerRepository
    const ledgers = new Map<string, SessionLedger>()
    for (const entry of assembleBookingCalendar(base)) {
      if (entry.action._tag !== "Book") continue
      const ledger = yield* Effect.option(ledgerStore.get(entry.session.id))
      if (ledger._tag === "Some") ledgers.set(entry.session.id, ledger.value)
    }
    return assembleBookingCalendar({ ...base, ledgers })
  })

/** A week of a whole-week activity (holiday centre) in a booking window, as the family may book it. */
export interface HolidayWeek {
  readonly activity: Activity
  readonly window: BookingWindow
  /** The Monday of the week. */
  readonly weekOf: LocalDate.LocalDate
  /** The activity's sessions that week, by date. */
  readonly sessions: ReadonlyArray<Session>
  /** How many of them the child holds a place on (booked, or waiting for a place). */
  readonly held: number
  /** The rule that refuses booking the week now (on its first session), if any. */
  readonly refusal: BookingRuleRefusal | undefined
}

/**
 * The weeks a child may book whole, pure: for each activity booked by whole weeks, each week of
 * its booking windows with sessions on or after `today`, with the sessions the child already holds
 * and the booking rule that refuses it now (window not open yet, closed, deadline…), if any.
 */
export function assembleHolidayWeeks(
  input: Omit<BookingCalendarInput, "ledgers"> & { readonly today: LocalDate.LocalDate }
): ReadonlyArray<HolidayWeek> {
  const held = new Set<string>(
    input.agenda.filter((e) => e.booking._tag === "Booked" || e.booking._tag === "Waitlisted" || e.booking._tag === "Offered").map((e) => e.sessionId)
  )
  const weeks: Array<HolidayWeek> = []
  for (const activity of input.activities) {
    if (!activity.bookingPolicy.wholeWeekOnly) continue
    const mine = input.sessions.filter((s) => s.activityId === activity.id && s.date >= input.today).sort((a, b) => LocalDate.compare(a.date, b.date))
    const byWeek = new Map<string, Array<Session>>()
    for (const session of mine) {
      const monday = LocalDate.mondayOf(session.date)
      byWeek.set(monday, [...(byWeek.get(monday) ?? []), session])
    }
    for (const [monday, sessions] of byWeek) {
      const first = sessions[0]
      if (first === undefined) continue
      const window = bookingWindowFor(activity, first.date)
      if (window === undefined) continue
      if (Either.isLeft(checkEligibility(activity, input.child, first.date))) continue
      const context: BookingContext = {
        activity,
        calendar: input.calendar,
        enrolled: input.enrolled(LocalDate.schoolYear(first.date), activity.enrollmentFamily),
        pastDueUnpaid: input.pastDueUnpaid
      }
      const rules = checkBookingRules(first, input.child, context, input.now)
      weeks.push({
        activity,
        window,
        weekOf: LocalDate.unsafe(monday),
        sessions,
        held: sessions.filter((s) => held.has(s.id)).length,
        refusal: Either.isLeft(rules) ? rules.left : undefined
      })
    }
  }
  return weeks.sort((a, b) => LocalDate.compare(a.weekOf, b.weekOf))
}

/**
 * The holiday weeks a child may book whole (activities booked by whole weeks), from today to the
 * end of their published booking windows: each with its sessions, those the child holds, and the
 * rule that refuses booking it now, if any (`assembleHolidayWeeks`).
 */
export const holidayWeeksOfChild = (child: ChildForBooking) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const today = ParisTime.dateAt(now)
    const activities = (yield* (yield* ActivityCatalogue).list).filter((a) => a.bookingPolicy.wholeWeekOnly)
    const windows = activities.flatMap((a) => a.bookingPolicy.windows).filter((w) => w.periodEnd >= today)
    if (windows.length === 0) return []
    const start = LocalDate.max(today, windows.map((w) => w.periodStart).reduce(LocalDate.min))
    const end = windows.map((w) => w.periodEnd).reduce(LocalDate.max)
    const sessionStore = yield* SessionRepository
    const sessions: Array<Session> = []
    for (const activity of activities) sessions.push(...(yield* sessionStore.listByActivity(activity.id, start, end)))
    const byId = new Map<string, Activity>(activities.map((a) => [a.id, a]))
    const agenda = yield* agendaOfChild(child.childId, start, end)
    const calendar = yield* (yield* TownCalendarSource).get
    const enrolled = yield* enrollmentsFor(child, sessions, byId)
    const pastDueUnpaid = yield* pastDueUnpaidOf(child, activities, now)
    return assembleHolidayWeeks({ child, activities, sessions, agenda, calendar, enrolled, pastDueUnpaid, now, today })
  })
