import { Either, Schema } from "effect"
import * as LocalDate from "../shared/LocalDate.js"
import type { Closure, SchoolHolidayPeriod, TownCalendar } from "./TownCalendar.js"

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian computus (Meeus/Jones/Butcher).
 *
 * @example
 * easterSunday(2026) // "2026-04-05"
 */
export function easterSunday(year: number): LocalDate.LocalDate {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const n = h + l - 7 * m + 114
  return LocalDate.of(year, Math.floor(n / 31), (n % 31) + 1)
}

/** A French public holiday (jour férié) on a date. */
export interface PublicHoliday {
  readonly date: LocalDate.LocalDate
  readonly name: string
}

const holidayMemo = new Map<string, ReadonlyArray<PublicHoliday>>()
const holidaySetMemo = new Map<string, ReadonlySet<string>>()

/**
 * The French public holidays of a year, in date order: the 11 national ones, plus Good Friday and
 * Saint Stephen's Day (26 December) where the Alsace-Moselle local law applies. Ascension is
 * Easter + 39 days, Whit Monday Easter + 50.
 */
export function publicHolidays(year: number, alsaceMoselle: boolean): ReadonlyArray<PublicHoliday> {
  const key = `${year}:${alsaceMoselle}`
  const cached = holidayMemo.get(key)
  if (cached !== undefined) return cached
  const easter = easterSunday(year)
  const list: Array<PublicHoliday> = [
    { date: LocalDate.of(year, 1, 1), name: "Jour de l'an" },
    { date: LocalDate.addDays(easter, 1), name: "Lundi de Pâques" },
    { date: LocalDate.of(year, 5, 1), name: "Fête du Travail" },
    { date: LocalDate.of(year, 5, 8), name: "Victoire 1945" },
    { date: LocalDate.addDays(easter, 39), name: "Ascension" },
    { date: LocalDate.addDays(easter, 50), name: "Lundi de Pentecôte" },
    { date: LocalDate.of(year, 7, 14), name: "Fête nationale" },
    { date: LocalDate.of(year, 8, 15), name: "Assomption" },
    { date: LocalDate.of(year, 11, 1), name: "Toussaint" },
    { date: LocalDate.of(year, 11, 11), name: "Armistice 1918" },
    { date: LocalDate.of(year, 12, 25), name: "Noël" }
  ]
  if (alsaceMoselle) {
    list.push({ date: LocalDate.addDays(easter, -2), name: "Vendredi saint" })
    list.push({ date: LocalDate.of(year, 12, 26), name: "Saint-Étienne" })
  }
  const sorted = list.sort((x, y) => LocalDate.compare(x.date, y.date))
  holidayMemo.set(key, sorted)
  return sorted
}

function holidaySet(year: number, alsaceMoselle: boolean): ReadonlySet<string> {
  const key = `${year}:${alsaceMoselle}`
  const cached = holidaySetMemo.get(key)
  if (cached !== undefined) return cached
  const set = new Set<string>(publicHolidays(year, alsaceMoselle).map((h) => h.date))
  holidaySetMemo.set(key, set)
  return set
}

/** The public holiday on a date, if any, for a town (Alsace-Moselle or not). */
export function publicHolidayOn(calendar: TownCalendar, date: LocalDate.LocalDate): PublicHoliday | undefined {
  if (!isPublicHoliday(calendar, date)) return undefined
  return publicHolidays(LocalDate.year(date), calendar.alsaceMoselle).find((h) => h.date === date)
}

/** Whether a date is a public holiday in the town. */
export function isPublicHoliday(calendar: TownCalendar, date: LocalDate.LocalDate): boolean {
  return holidaySet(LocalDate.year(date), calendar.alsaceMoselle).has(date)
}

/** Monday to Friday and not a public holiday (the town's own closures do not change working days). */
export function isWorkingDay(calendar: TownCalendar, date: LocalDate.LocalDate): boolean {
  return LocalDate.isoWeekday(date) <= 5 && !isPublicHoliday(calendar, date)
}

/** The school-holiday period of the town's zone containing a date, if any. */
export function schoolHolidayOn(calendar: TownCalendar, date: LocalDate.LocalDate): SchoolHolidayPeriod | undefined {
  return calendar.schoolHolidays.find((p) => p.start <= date && date <= p.end)
}

/** Whether a date falls in a school-holiday period of the town's zone. */
export function isSchoolHoliday(calendar: TownCalendar, date: LocalDate.LocalDate): boolean {
  return schoolHolidayOn(calendar, date) !== undefined
}

/**
 * The town's closure on a date that applies to an activity kind: a closure without
 * `activityKinds` (or with an empty list) closes everything; one with a list closes those kinds
 * only. Without `activityKind`, only closures of everything are returned.
 */
export function closureOn(calendar: TownCalendar, date: LocalDate.LocalDate, activityKind?: string): Closure | undefined {
  return calendar.closures.find(
    (c) =>
      c.date === date &&
      (c.activityKinds === undefined ||
        c.activityKinds.length === 0 ||
        (activityKind !== undefined && c.activityKinds.includes(activityKind)))
  )
}

/**
 * A day with school in the town: one of its school weekdays, outside school holidays, not a
 * public holiday and not a closure of all services.
 */
export function isSchoolDay(calendar: TownCalendar, date: LocalDate.LocalDate): boolean {
  const weekday = LocalDate.isoWeekday(date)
  return (
    weekday !== 7 &&
    calendar.schoolWeekdays.includes(weekday) &&
    !isSchoolHoliday(calendar, date) &&
    !isPublicHoliday(calendar, date) &&
    closureOn(calendar, date) === undefined
  )
}

/**
 * The school calendar of one or more school years is not known to the town: no official data is
 * shipped for them and the town has not entered them, so no session can be generated.
 */
export class SchoolCalendarUnknown extends Schema.TaggedError<SchoolCalendarUnknown>()("SchoolCalendarUnknown", {
  schoolYears: Schema.Array(Schema.String)
}) {
  override get message(): string {
    const years = this.schoolYears.join(", ")
    const label = this.schoolYears.length > 1 ? "des années scolaires" : "de l'année scolaire"
    return (
      `Le calendrier scolaire ${label} ${years} n'est pas connu : les séances ne peuvent pas être générées. ` +
      `Importez le fichier ICS du ministère de l'Éducation nationale pour la zone de la commune, ` +
      `ou saisissez les périodes de vacances dans les paramètres du calendrier.`
    )
  }
}

/** The school years (`"2025-2026"`) a date range touches, in order. */
export function schoolYearsBetween(start: LocalDate.LocalDate, end: LocalDate.LocalDate): ReadonlyArray<string> {
  if (end < start) return []
  const first = Number(LocalDate.schoolYear(start).slice(0, 4))
  const last = Number(LocalDate.schoolYear(end).slice(0, 4))
  const out: Array<string> = []
  for (let y = first; y <= last; y++) out.push(`${y}-${y + 1}`)
  return out
}

/**
 * Succeeds when the town knows the school calendar (official or entered, placeholder included) of
 * every school year the range `start`–`end` touches; otherwise names the missing years.
 */
export function ensureCalendarKnown(
  calendar: TownCalendar,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate
): Either.Either<void, SchoolCalendarUnknown> {
  const known = new Set(calendar.knownSchoolYears.map((k) => k.schoolYear))
  const missing = schoolYearsBetween(start, end).filter((y) => !known.has(y))
  return missing.length === 0 ? Either.void : Either.left(new SchoolCalendarUnknown({ schoolYears: missing }))
}
