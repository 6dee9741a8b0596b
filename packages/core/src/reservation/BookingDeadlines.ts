import type { Deadline } from "../activity/BookingPolicy.js"
import type { Session } from "../activity/Session.js"
import { isWorkingDay } from "../calendar/CalendarRules.js"
import type { TownCalendar } from "../calendar/TownCalendar.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"

/**
 * Booking and cancellation deadlines.
 *
 * A deadline is a town setting per activity, `{ daysBefore: N, counting, at: "HH:MM" }`, read as
 * "until N days before the session, at HH:MM, Paris time":
 * - `counting: "calendar"`: the deadline date is the session date minus N calendar days;
 * - `counting: "working"`: the deadline date is the N-th working day strictly before the session
 *   date, a working day being Monday to Friday and not a public holiday (see `isWorkingDay`);
 * - N = 0: the session date itself, whatever the counting.
 * The deadline is the instant Paris clocks show `at` on that date (`ParisTime.toInstant`, which
 * handles the changes to and from summer time). Booking or cancelling is in time up to and
 * including that instant; a cancellation after it is late (allowed, billed unless justified); a
 * booking after it is refused (`BookingDeadlinePassed`).
 *
 * @example
 * // The seed's canteen: 2 calendar days before at 11:45.
 * deadlineInstant({ daysBefore: 2, counting: "calendar", at: "11:45" }, "2026-03-05", calendar)
 * // "2026-03-03T10:45:00.000Z": Tuesday 3 March 2026 at 11:45 in Paris (UTC+1)
 */
export function deadlineDate(deadline: Deadline, sessionDate: LocalDate.LocalDate, calendar: TownCalendar): LocalDate.LocalDate {
  if (deadline.daysBefore === 0) return sessionDate
  if (deadline.counting === "calendar") return LocalDate.addDays(sessionDate, -deadline.daysBefore)
  let date = sessionDate
  let counted = 0
  while (counted < deadline.daysBefore) {
    date = LocalDate.addDays(date, -1)
    if (isWorkingDay(calendar, date)) counted++
  }
  return date
}

/** The instant a deadline falls for a session on `sessionDate` (see the module's rules above). */
export function deadlineInstant(deadline: Deadline, sessionDate: LocalDate.LocalDate, calendar: TownCalendar): Instant {
  return ParisTime.toInstant(deadlineDate(deadline, sessionDate, calendar), deadline.at)
}

/** Whether `now` is still in time for a deadline: up to and including the deadline instant. */
export const isInTime = (now: Instant, deadline: Instant): boolean => now <= deadline

/** The instant a session starts, Paris time. */
export const sessionStartInstant = (session: Session): Instant => ParisTime.toInstant(session.date, session.startsAt)
