import * as LocalDate from "../shared/LocalDate.js"
import { officialSchoolHolidayRows, officialSchoolYears } from "./data/schoolHolidays.js"
import { type Closure, SchoolHolidayPeriod, TownCalendar, type SchoolZone } from "./TownCalendar.js"

/** The school years (`"2015-2016"` … `"2025-2026"`) whose holidays ship with the core. */
export const officialSchoolYearsShipped: ReadonlyArray<string> = officialSchoolYears

const memo = new Map<SchoolZone, ReadonlyArray<SchoolHolidayPeriod>>()

/**
 * The shipped official school-holiday periods of a zone, in date order (source: the ministry's
 * calendar via AntoineAugusti/vacances-scolaires, Licence Ouverte; see packages/core/data/README.md).
 */
export function officialSchoolHolidays(zone: SchoolZone): ReadonlyArray<SchoolHolidayPeriod> {
  const cached = memo.get(zone)
  if (cached !== undefined) return cached
  const periods = officialSchoolHolidayRows[zone].map(
    ([schoolYear, name, start, end]) =>
      new SchoolHolidayPeriod({ schoolYear, name, start: LocalDate.unsafe(start), end: LocalDate.unsafe(end) })
  )
  memo.set(zone, periods)
  return periods
}

/** What a town adds to the official data: its settings and closures. */
export interface TownCalendarOptions {
  /** Alsace-Moselle public holidays (Good Friday, 26 December); default false. */
  readonly alsaceMoselle?: boolean
  /** ISO weekdays with school; default Monday, Tuesday, Thursday, Friday. */
  readonly schoolWeekdays?: ReadonlyArray<1 | 2 | 3 | 4 | 5 | 6>
  /** The town's own closures (bridge days…). */
  readonly closures?: ReadonlyArray<Closure>
}

/**
 * A town's calendar built from the shipped official school holidays of its zone (2015-2016 to
 * 2025-2026, all marked confirmed) plus the town's settings and closures. Later years are added
 * with `addSchoolYear` or `importSchoolCalendarIcs`.
 *
 * @example
 * const calendar = townCalendarFromOfficialData("B", { closures: [bridgeDay] })
 */
export function townCalendarFromOfficialData(zone: SchoolZone, options: TownCalendarOptions = {}): TownCalendar {
  return new TownCalendar({
    zone,
    alsaceMoselle: options.alsaceMoselle ?? false,
    schoolWeekdays: [...(options.schoolWeekdays ?? [1, 2, 4, 5])],
    knownSchoolYears: officialSchoolYears.map((schoolYear) => ({ schoolYear, placeholder: false })),
    schoolHolidays: officialSchoolHolidays(zone),
    closures: [...(options.closures ?? [])]
  })
}
