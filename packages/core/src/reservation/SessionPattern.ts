import { Schema } from "effect"
import type { Session } from "../activity/Session.js"
import * as LocalDate from "../shared/LocalDate.js"

/**
 * A repeated booking: the given weekdays between two dates (both included), e.g. "every Monday
 * and Thursday until the holidays", optionally one slot only.
 */
export class SessionPattern extends Schema.Class<SessionPattern>("SessionPattern")({
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: Schema.Array(Schema.Literal(1, 2, 3, 4, 5, 6, 7)),
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
  slot: Schema.optional(Schema.String)
}) {}

/** The sessions of `sessions` that a pattern selects, by date then start time. */
export function expandSessionPattern(sessions: ReadonlyArray<Session>, pattern: SessionPattern): ReadonlyArray<Session> {
  const weekdays = new Set<number>(pattern.weekdays)
  return sessions
    .filter(
      (s) =>
        s.date >= pattern.start &&
        s.date <= pattern.end &&
        weekdays.has(LocalDate.isoWeekday(s.date)) &&
        (pattern.slot === undefined || s.slot === pattern.slot)
    )
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0))
}
