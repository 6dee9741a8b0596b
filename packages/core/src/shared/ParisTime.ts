import { Schema } from "effect"
import * as Instant from "./Instant.js"
import * as LocalDate from "./LocalDate.js"

/**
 * Wall-clock time in the town's zone, Europe/Paris: CET (UTC+1) in winter, CEST (UTC+2) from the
 * last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (the EU rule in force
 * since 1996). Computed here so that the core needs no time-zone database.
 */
export const TimeOfDay = Schema.String.pipe(
  Schema.pattern(/^([01]\d|2[0-3]):[0-5]\d$/, {
    message: () => "L'heure doit être écrite sous la forme HH:MM (par exemple 18:00)."
  }),
  Schema.brand("TimeOfDay"),
  Schema.annotations({ identifier: "TimeOfDay" })
)
export type TimeOfDay = typeof TimeOfDay.Type

export const timeOfDay = (input: string): TimeOfDay => Schema.decodeUnknownSync(TimeOfDay)(input)

const MINUTE = 60_000

function lastSundayOf(year: number, month: number): LocalDate.LocalDate {
  const last = LocalDate.of(year, month, LocalDate.daysInMonth(year, month))
  return LocalDate.addDays(last, -(LocalDate.isoWeekday(last) % 7))
}

function utcMillisAt(date: LocalDate.LocalDate, hours: number, minutes: number): number {
  return (LocalDate.toEpochDay(date) * 1440 + hours * 60 + minutes) * MINUTE
}

/** Offset of Paris from UTC, in minutes (60 or 120), at an instant. */
export function offsetMinutesAt(instant: Instant.Instant): 60 | 120 {
  const millis = Instant.toEpochMillis(instant)
  const year = Number(instant.slice(0, 4))
  const summerStart = utcMillisAt(lastSundayOf(year, 3), 1, 0)
  const summerEnd = utcMillisAt(lastSundayOf(year, 10), 1, 0)
  return millis >= summerStart && millis < summerEnd ? 120 : 60
}

/**
 * The instant at which Paris clocks show `time` on `date`.
 * In the spring gap (02:00–02:59 on the last Sunday of March) the time is moved forward by the
 * gap, as clocks do; in the autumn overlap (02:00–02:59 twice) the first occurrence is taken.
 */
export function toInstant(date: LocalDate.LocalDate, time: TimeOfDay): Instant.Instant {
  const wall = utcMillisAt(date, Number(time.slice(0, 2)), Number(time.slice(3, 5)))
  const summer = Instant.fromEpochMillis(wall - 120 * MINUTE)
  if (offsetMinutesAt(summer) === 120) return summer
  return Instant.fromEpochMillis(wall - 60 * MINUTE)
}

/** What Paris clocks show at an instant. */
export function fromInstant(instant: Instant.Instant): { readonly date: LocalDate.LocalDate; readonly time: TimeOfDay } {
  const local = Instant.fromEpochMillis(Instant.toEpochMillis(instant) + offsetMinutesAt(instant) * MINUTE)
  return { date: LocalDate.unsafe(local.slice(0, 10)), time: local.slice(11, 16) as TimeOfDay }
}

/** The Paris calendar date at an instant ("today" for the town). */
export const dateAt = (instant: Instant.Instant): LocalDate.LocalDate => fromInstant(instant).date

/** French form of an instant in Paris time, e.g. "vendredi 27 mars 2026 à 18:00". */
export function formatFr(instant: Instant.Instant): string {
  const { date, time } = fromInstant(instant)
  return `${LocalDate.formatFr(date)} à ${time}`
}
