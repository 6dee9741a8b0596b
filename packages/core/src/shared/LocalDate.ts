import { Either, Schema } from "effect"

/**
 * A calendar date without time or zone, as `YYYY-MM-DD`. All arithmetic is done on the
 * proleptic Gregorian calendar with integer day numbers: no `Date` object is involved.
 *
 * @example
 * const d = LocalDate.unsafe("2026-03-27")
 * LocalDate.addDays(d, 3) // "2026-03-30"
 * LocalDate.isoWeekday(d) // 5 (Friday)
 */
export const LocalDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, {
    message: () => "La date doit être écrite sous la forme AAAA-MM-JJ (par exemple 2026-09-01)."
  }),
  Schema.filter((s) => isValidCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), {
    message: (issue) => `Cette date n'existe pas dans le calendrier : ${String(issue.actual)}.`
  }),
  Schema.brand("LocalDate"),
  Schema.annotations({ identifier: "LocalDate", description: "A calendar date, YYYY-MM-DD" })
)
export type LocalDate = typeof LocalDate.Type

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7

const pad = (n: number, width: number): string => String(n).padStart(width, "0")

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Number of days of a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isValidCivil(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && year >= 1 && year <= 9999 &&
    Number.isInteger(month) && month >= 1 && month <= 12 &&
    Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month)
  )
}

/** Days since 1970-01-01 of a civil date (Gregorian). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date (year, month, day) of a day number since 1970-01-01. */
export function civilOfEpochDay(epochDay: number): { readonly year: number; readonly month: number; readonly day: number } {
  const z = epochDay + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp + (mp < 10 ? 3 : -9)
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

const decode = Schema.decodeUnknownEither(LocalDate)

/** Parses `YYYY-MM-DD`; the error message says, in French, what is wrong. */
export function parse(input: unknown): Either.Either<LocalDate, string> {
  return Either.mapLeft(decode(input), (e) => e.message.split("\n").at(-1)?.trim() ?? e.message)
}

/** A date from a literal known to be valid (tests, settings written in code); throws otherwise. */
export function unsafe(input: string): LocalDate {
  return Schema.decodeUnknownSync(LocalDate)(input)
}

/** A date from its parts; throws when the parts are not a real date. */
export function of(year: number, month: number, day: number): LocalDate {
  if (!isValidCivil(year, month, day)) throw new RangeError(`Not a date: ${year}-${month}-${day}`)
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate
}

export function year(date: LocalDate): number {
  return Number(date.slice(0, 4))
}

export function month(date: LocalDate): number {
  return Number(date.slice(5, 7))
}

export function dayOfMonth(date: LocalDate): number {
  return Number(date.slice(8, 10))
}

export function toEpochDay(date: LocalDate): number {
  return epochDayOf(year(date), month(date), dayOfMonth(date))
}

export function fromEpochDay(epochDay: number): LocalDate {
  const c = civilOfEpochDay(epochDay)
  return of(c.year, c.month, c.day)
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from)
}

/** -1, 0 or 1; ISO strings compare in calendar order. */
export function compare(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0
}

export const isBefore = (a: LocalDate, b: LocalDate): boolean => a < b
export const isAfter = (a: LocalDate, b: LocalDate): boolean => a > b
export const min = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)
export const max = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): IsoWeekday {
  return ((((toEpochDay(date) % 7) + 7 + 3) % 7) + 1) as IsoWeekday
}

export function firstOfMonth(date: LocalDate): LocalDate {
  return of(year(date), month(date), 1)
}

export function lastOfMonth(date: LocalDate): LocalDate {
  return of(year(date), month(date), daysInMonth(year(date), month(date)))
}

/** The Monday of the ISO week containing the date. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date))
}

/** `YYYY-MM` of a date, the billing month key. */
export function yearMonth(date: LocalDate): string {
  return date.slice(0, 7)
}

/**
 * The school year a date belongs to, named by its two calendar years (`"2025-2026"`).
 * A school year runs from 1 September to 31 August.
 */
export function schoolYear(date: LocalDate): string {
  const y = year(date)
  const start = month(date) >= 9 ? y : y - 1
  return `${start}-${start + 1}`
}

/** First and last day (1 September – 31 August) of a school year named `"2025-2026"`. */
export function schoolYearBounds(name: string): { readonly start: LocalDate; readonly end: LocalDate } {
  const start = Number(name.slice(0, 4))
  return { start: of(start, 9, 1), end: of(start + 1, 8, 31) }
}

/** Every date from `start` to `end`, both included. */
export function range(start: LocalDate, end: LocalDate): ReadonlyArray<LocalDate> {
  const out: Array<LocalDate> = []
  for (let d = toEpochDay(start), last = toEpochDay(end); d <= last; d++) out.push(fromEpochDay(d))
  return out
}

/** Age in whole years on a date, as a birthday counts (born 29 Feb: a year older on 1 March). */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const years = year(on) - year(birthDate)
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years
}

/** French long form, e.g. "vendredi 27 mars 2026", "vendredi 1er mai 2026". */
export function formatFr(date: LocalDate): string {
  const days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
  const months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
  const day = dayOfMonth(date) === 1 ? "1er" : String(dayOfMonth(date))
  return `${days[isoWeekday(date) - 1]} ${day} ${months[month(date) - 1]} ${year(date)}`
}
