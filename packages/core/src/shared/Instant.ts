import { Schema } from "effect"
import * as LocalDate from "./LocalDate.js"

/**
 * A point in time, as an ISO-8601 UTC string with milliseconds (`2026-03-27T17:00:00.000Z`).
 * The core never reads a clock: instants come from the `Clock` port or as arguments.
 */
export const Instant = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, {
    message: () => "Un instant s'écrit en UTC sous la forme AAAA-MM-JJTHH:MM:SS.sssZ."
  }),
  Schema.brand("Instant"),
  Schema.annotations({ identifier: "Instant" })
)
export type Instant = typeof Instant.Type

const MS_PER_DAY = 86_400_000
const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/** Milliseconds since 1970-01-01T00:00:00Z. */
export function toEpochMillis(instant: Instant): number {
  const date = LocalDate.unsafe(instant.slice(0, 10))
  const h = Number(instant.slice(11, 13))
  const m = Number(instant.slice(14, 16))
  const s = Number(instant.slice(17, 19))
  const ms = Number(instant.slice(20, 23))
  return LocalDate.toEpochDay(date) * MS_PER_DAY + ((h * 60 + m) * 60 + s) * 1000 + ms
}

export function fromEpochMillis(millis: number): Instant {
  const day = Math.floor(millis / MS_PER_DAY)
  let rest = millis - day * MS_PER_DAY
  const h = Math.floor(rest / 3_600_000)
  rest -= h * 3_600_000
  const m = Math.floor(rest / 60_000)
  rest -= m * 60_000
  const s = Math.floor(rest / 1000)
  const ms = rest - s * 1000
  return `${LocalDate.fromEpochDay(day)}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z` as Instant
}

/** Parses an instant, also accepting the ISO forms without milliseconds or with an offset-free `Z`. */
export function unsafe(input: string): Instant {
  const normalized = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(input) ? `${input.slice(0, 19)}.000Z` : input
  return Schema.decodeUnknownSync(Instant)(normalized)
}

export const plusMillis = (instant: Instant, millis: number): Instant => fromEpochMillis(toEpochMillis(instant) + millis)
export const plusMinutes = (instant: Instant, minutes: number): Instant => plusMillis(instant, minutes * 60_000)
export const plusHours = (instant: Instant, hours: number): Instant => plusMillis(instant, hours * 3_600_000)

export const compare = (a: Instant, b: Instant): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)
export const isBefore = (a: Instant, b: Instant): boolean => a < b
export const isAfter = (a: Instant, b: Instant): boolean => a > b
