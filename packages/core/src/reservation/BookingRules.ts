import { Either, Schema } from "effect"
import type { Activity, AgeGroupCapacity } from "../activity/Activity.js"
import type { BookingWindow } from "../activity/BookingPolicy.js"
import type { Session } from "../activity/Session.js"
import type { TownCalendar } from "../calendar/TownCalendar.js"
import { SchoolLevel } from "../household/SchoolLevel.js"
import * as Cents from "../shared/Cents.js"
import { HouseholdId, MemberId, type SessionId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import { deadlineInstant, isInTime } from "./BookingDeadlines.js"
import {
  BookingCalendarNotPublished,
  BookingDeadlinePassed,
  BookingWindowClosed,
  BookingWindowNotOpen,
  ChildNotEligible,
  ChildNotEnrolled,
  HouseholdBlockedForUnpaidInvoices,
  PhaseClosedToNonResidents,
  WholeWeekRequired
} from "./BookingRefusals.js"

/** What booking needs to know about a child, given by the caller (the household module owns children). */
export class ChildForBooking extends Schema.Class<ChildForBooking>("ChildForBooking")({
  childId: MemberId,
  householdId: HouseholdId,
  birthDate: LocalDate.LocalDate,
  schoolLevel: Schema.optional(SchoolLevel),
  /** Whether the household lives in the town (resident phases of booking windows). */
  resident: Schema.Boolean
}) {}

/** Everything outside the session's ledger that the booking rules read. */
export interface BookingContext {
  readonly activity: Activity
  readonly calendar: TownCalendar
  /** Whether the child has an accepted enrollment for the session's school year and the activity's family. */
  readonly enrolled: boolean
  /** The household's unpaid invoices past due, on the booking day. */
  readonly pastDueUnpaid: Cents.Cents
}

/** A refusal by one of the rules checked before capacity. */
export type BookingRuleRefusal =
  | ChildNotEnrolled
  | ChildNotEligible
  | HouseholdBlockedForUnpaidInvoices
  | BookingCalendarNotPublished
  | BookingWindowNotOpen
  | BookingWindowClosed
  | PhaseClosedToNonResidents
  | BookingDeadlinePassed

/** The age group of an activity a child belongs to on the session day, if the activity has groups. */
export function ageGroupFor(activity: Activity, birthDate: LocalDate.LocalDate, sessionDate: LocalDate.LocalDate): AgeGroupCapacity | undefined {
  const age = LocalDate.ageOn(birthDate, sessionDate)
  return activity.ageGroups.find((g) => g.minAge <= age && age <= g.maxAge)
}

/** The activity's eligibility: age on the session day within bounds, school level among those allowed. */
export function checkEligibility(activity: Activity, child: ChildForBooking, sessionDate: LocalDate.LocalDate): Either.Either<void, ChildNotEligible> {
  const { minAge, maxAge, schoolLevels } = activity.eligibility
  const age = LocalDate.ageOn(child.birthDate, sessionDate)
  const refuse = (rule: ChildNotEligible["rule"], required: string, actual: string) =>
    Either.left(new ChildNotEligible({ childId: child.childId, activityName: activity.name, sessionDate, rule, required, actual }))
  if (minAge !== undefined && age < minAge) return refuse("minAge", String(minAge), String(age))
  if (maxAge !== undefined && age > maxAge) return refuse("maxAge", String(maxAge), String(age))
  if (schoolLevels !== undefined && schoolLevels.length > 0) {
    if (child.schoolLevel === undefined || !schoolLevels.includes(child.schoolLevel)) {
      return refuse("schoolLevel", schoolLevels.join(", "), child.schoolLevel ?? "non renseigné")
    }
  }
  return Either.void
}

/** The booking window of an activity covering a date, if any. */
export const bookingWindowFor = (activity: Activity, date: LocalDate.LocalDate): BookingWindow | undefined =>
  activity.bookingPolicy.windows.find((w) => w.periodStart <= date && date <= w.periodEnd)

/**
 * Holiday booking windows: the session's date must be in a published window, open at `now`
 * (from its first phase's opening, before its closing), and the current phase must be open to the
 * household (residents-only phases refuse non-residents, naming when everyone may book).
 * Activities without windows pass.
 */
export function checkBookingWindow(
  session: Session,
  activity: Activity,
  resident: boolean,
  now: Instant
): Either.Either<void, BookingCalendarNotPublished | BookingWindowNotOpen | BookingWindowClosed | PhaseClosedToNonResidents> {
  if (activity.bookingPolicy.windows.length === 0) return Either.void
  const where = { sessionId: session.id, sessionDate: session.date }
  const window = bookingWindowFor(activity, session.date)
  if (window === undefined) return Either.left(new BookingCalendarNotPublished(where))
  const phases = [...window.phases].sort((a, b) => (a.opensAt < b.opensAt ? -1 : a.opensAt > b.opensAt ? 1 : 0))
  const first = phases[0]
  if (first !== undefined && now < first.opensAt) {
    return Either.left(new BookingWindowNotOpen({ ...where, windowLabel: window.label, opensAt: first.opensAt }))
  }
  if (now >= window.closesAt) {
    return Either.left(new BookingWindowClosed({ ...where, windowLabel: window.label, closedAt: window.closesAt }))
  }
  const current = phases.filter((p) => p.opensAt <= now).at(-1)
  if (current?.audience === "residents" && !resident) {
    const everyone = phases.find((p) => p.audience === "everyone" && p.opensAt > now)
    return Either.left(
      new PhaseClosedToNonResidents({
        ...where,
        windowLabel: window.label,
        ...(everyone === undefined ? {} : { opensToEveryoneAt: everyone.opensAt })
      })
    )
  }
  return Either.void
}

/** The instant until which a session can be booked. */
export const bookingDeadlineFor = (session: Session, activity: Activity, calendar: TownCalendar): Instant =>
  deadlineInstant(activity.bookingPolicy.bookingDeadline, session.date, calendar)

/** The instant until which a reservation can be cancelled free of charge. */
export const cancellationDeadlineFor = (session: Session, activity: Activity, calendar: TownCalendar): Instant =>
  deadlineInstant(activity.bookingPolicy.cancellationDeadline, session.date, calendar)

/**
 * Every rule checked before capacity, in this order: enrollment, eligibility, unpaid invoices,
 * booking window and phase, booking deadline. The first that refuses is returned.
 */
export function checkBookingRules(
  session: Session,
  child: ChildForBooking,
  context: BookingContext,
  now: Instant
): Either.Either<void, BookingRuleRefusal> {
  const { activity, calendar } = context
  if (!context.enrolled) {
    return Either.left(
      new ChildNotEnrolled({
        childId: child.childId,
        schoolYear: LocalDate.schoolYear(session.date),
        enrollmentFamily: activity.enrollmentFamily
      })
    )
  }
  const eligible = checkEligibility(activity, child, session.date)
  if (Either.isLeft(eligible)) return eligible
  const threshold = activity.bookingPolicy.unpaidBlockThresholdCents
  if (threshold !== undefined && context.pastDueUnpaid > threshold) {
    return Either.left(
      new HouseholdBlockedForUnpaidInvoices({
        householdId: child.householdId,
        unpaid: context.pastDueUnpaid,
        threshold: Cents.cents(threshold)
      })
    )
  }
  const window = checkBookingWindow(session, activity, child.resident, now)
  if (Either.isLeft(window)) return window
  const deadline = bookingDeadlineFor(session, activity, calendar)
  if (!isInTime(now, deadline)) {
    return Either.left(new BookingDeadlinePassed({ sessionId: session.id, sessionDate: session.date, deadline }))
  }
  return Either.void
}

/**
 * Whole-week booking: for an activity booked by whole weeks, every requested session whose
 * Monday–Friday week is not requested entirely (all the activity's sessions of that week, as
 * `activitySessions` lists them) is refused, naming the missing days. Returns the refusals by
 * session id; activities without the rule give none.
 */
export function wholeWeekRefusals(
  activity: Activity,
  requested: ReadonlyArray<Session>,
  activitySessions: ReadonlyArray<Session>
): ReadonlyMap<SessionId, WholeWeekRequired> {
  const out = new Map<SessionId, WholeWeekRequired>()
  if (!activity.bookingPolicy.wholeWeekOnly) return out
  const requestedIds = new Set<string>(requested.map((s) => s.id))
  for (const session of requested) {
    if (session.activityId !== activity.id) continue
    const weekOf = LocalDate.mondayOf(session.date)
    const friday = LocalDate.addDays(weekOf, 4)
    const missing = activitySessions
      .filter((s) => s.activityId === activity.id && s.date >= weekOf && s.date <= friday && !requestedIds.has(s.id))
      .map((s) => s.date)
    if (missing.length > 0) {
      const missingDates = [...new Set(missing)].sort()
      out.set(session.id, new WholeWeekRequired({ sessionId: session.id, activityName: activity.name, weekOf, missingDates }))
    }
  }
  return out
}
