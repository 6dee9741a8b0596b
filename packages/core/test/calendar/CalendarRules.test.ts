import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as LocalDate from "../../src/shared/LocalDate.js"
import {
  closureOn,
  easterSunday,
  ensureCalendarKnown,
  isPublicHoliday,
  isSchoolDay,
  isSchoolHoliday,
  isWorkingDay,
  publicHolidays,
  schoolHolidayOn,
  SchoolCalendarUnknown
} from "../../src/calendar/CalendarRules.js"
import { townCalendarFromOfficialData } from "../../src/calendar/OfficialSchoolCalendar.js"
import { Closure, TownCalendar } from "../../src/calendar/TownCalendar.js"

/** Published Easter Sundays (Gregorian), 1990–2040. */
const PUBLISHED_EASTER: ReadonlyArray<readonly [number, string]> = [
  [1990, "04-15"], [1991, "03-31"], [1992, "04-19"], [1993, "04-11"], [1994, "04-03"], [1995, "04-16"],
  [1996, "04-07"], [1997, "03-30"], [1998, "04-12"], [1999, "04-04"], [2000, "04-23"], [2001, "04-15"],
  [2002, "03-31"], [2003, "04-20"], [2004, "04-11"], [2005, "03-27"], [2006, "04-16"], [2007, "04-08"],
  [2008, "03-23"], [2009, "04-12"], [2010, "04-04"], [2011, "04-24"], [2012, "04-08"], [2013, "03-31"],
  [2014, "04-20"], [2015, "04-05"], [2016, "03-27"], [2017, "04-16"], [2018, "04-01"], [2019, "04-21"],
  [2020, "04-12"], [2021, "04-04"], [2022, "04-17"], [2023, "04-09"], [2024, "03-31"], [2025, "04-20"],
  [2026, "04-05"], [2027, "03-28"], [2028, "04-16"], [2029, "04-01"], [2030, "04-21"], [2031, "04-13"],
  [2032, "03-28"], [2033, "04-17"], [2034, "04-09"], [2035, "03-25"], [2036, "04-13"], [2037, "04-05"],
  [2038, "04-25"], [2039, "04-10"], [2040, "04-01"]
]

/** Gauss's Easter algorithm with the Lilius–Clavius corrections: independent of the Meeus computus. */
function gaussEaster(year: number): string {
  const a = year % 19
  const b = year % 4
  const c = year % 7
  const k = Math.floor(year / 100)
  const p = Math.floor((13 + 8 * k) / 25)
  const q = Math.floor(k / 4)
  const M = (15 - p + k - q) % 30
  const N = (4 + k - q) % 7
  const d = (19 * a + M) % 30
  const e = (2 * b + 4 * c + 6 * d + N) % 7
  let month = 3
  let day = 22 + d + e
  if (day > 31) {
    month = 4
    day = d + e - 9
  }
  if (month === 4 && d === 29 && e === 6) day = 19
  if (month === 4 && d === 28 && e === 6 && (11 * M + 11) % 30 < 19) day = 18
  return LocalDate.of(year, month, day)
}

const calendarB = townCalendarFromOfficialData("B")
const gregorianYear = fc.integer({ min: 1583, max: 9999 })

describe("Easter", () => {
  it.each(PUBLISHED_EASTER)("Easter %i is on the published date", (year, monthDay) => {
    expect(easterSunday(year)).toBe(`${year}-${monthDay}`)
    expect(gaussEaster(year)).toBe(`${year}-${monthDay}`)
  })

  test.prop([gregorianYear])("Meeus computus and Gauss algorithm agree on every Gregorian year", (year) => {
    expect(easterSunday(year)).toBe(gaussEaster(year))
  })

  test.prop([gregorianYear])("Easter is a Sunday between 22 March and 25 April", (year) => {
    const easter = easterSunday(year)
    expect(LocalDate.isoWeekday(easter)).toBe(7)
    expect(easter >= LocalDate.of(year, 3, 22) && easter <= LocalDate.of(year, 4, 25)).toBe(true)
  })
})

describe("public holidays", () => {
  it("2026: Easter 5 April, Easter Monday 6 April, Ascension 14 May, Whit Monday 25 May", () => {
    expect(easterSunday(2026)).toBe("2026-04-05")
    const byName = new Map(publicHolidays(2026, false).map((h) => [h.name, h.date]))
    expect(byName.get("Lundi de Pâques")).toBe("2026-04-06")
    expect(byName.get("Ascension")).toBe("2026-05-14")
    expect(byName.get("Lundi de Pentecôte")).toBe("2026-05-25")
    expect(byName.get("Armistice 1918")).toBe("2026-11-11")
  })

  it("Alsace-Moselle adds Good Friday and Saint Stephen's Day", () => {
    const names = publicHolidays(2026, true).map((h) => `${h.date} ${h.name}`)
    expect(names).toContain("2026-04-03 Vendredi saint")
    expect(names).toContain("2026-12-26 Saint-Étienne")
    expect(publicHolidays(2026, false).map((h) => h.name)).not.toContain("Vendredi saint")
  })

  test.prop([gregorianYear, fc.boolean()])(
    "a year has 11 public holidays (13 in Alsace-Moselle) within the year, on distinct dates unless Ascension falls on 1 or 8 May",
    (year, alsaceMoselle) => {
      const holidays = publicHolidays(year, alsaceMoselle)
      expect(holidays).toHaveLength(alsaceMoselle ? 13 : 11)
      expect(new Set(holidays.map((h) => h.name)).size).toBe(holidays.length)
      const ascension = LocalDate.addDays(easterSunday(year), 39)
      const shared = ascension === LocalDate.of(year, 5, 1) || ascension === LocalDate.of(year, 5, 8) ? 1 : 0
      expect(new Set(holidays.map((h) => h.date)).size).toBe(holidays.length - shared)
      expect(holidays.every((h) => LocalDate.year(h.date) === year)).toBe(true)
      expect(holidays.map((h) => h.date)).toEqual([...holidays.map((h) => h.date)].sort())
    }
  )

  it("2008: Ascension fell on 1 May, so the year had 10 public-holiday dates", () => {
    const holidays = publicHolidays(2008, false)
    expect(holidays.filter((h) => h.date === "2008-05-01").map((h) => h.name).sort()).toEqual(["Ascension", "Fête du Travail"])
    expect(new Set(holidays.map((h) => h.date)).size).toBe(10)
  })

  test.prop([gregorianYear])("Ascension is a Thursday, Easter and Whit Mondays are Mondays", (year) => {
    const byName = new Map(publicHolidays(year, false).map((h) => [h.name, h.date]))
    expect(LocalDate.isoWeekday(byName.get("Ascension") ?? LocalDate.of(year, 1, 1))).toBe(4)
    expect(LocalDate.isoWeekday(byName.get("Lundi de Pâques") ?? LocalDate.of(year, 1, 1))).toBe(1)
    expect(LocalDate.isoWeekday(byName.get("Lundi de Pentecôte") ?? LocalDate.of(year, 1, 1))).toBe(1)
  })

  const dateArb = fc.integer({ min: LocalDate.toEpochDay(LocalDate.of(2000, 1, 1)), max: LocalDate.toEpochDay(LocalDate.of(2040, 12, 31)) }).map(LocalDate.fromEpochDay)

  test.prop([dateArb])("a working day is a Monday–Friday that is not a public holiday", (date) => {
    const expected = LocalDate.isoWeekday(date) <= 5 && !publicHolidays(LocalDate.year(date), false).some((h) => h.date === date)
    expect(isWorkingDay(calendarB, date)).toBe(expected)
    expect(isPublicHoliday(calendarB, date)).toBe(publicHolidays(LocalDate.year(date), false).some((h) => h.date === date))
  })

  it("Ascension 2026 is not a working day, the Friday after is", () => {
    expect(isWorkingDay(calendarB, LocalDate.unsafe("2026-05-14"))).toBe(false)
    expect(isWorkingDay(calendarB, LocalDate.unsafe("2026-05-15"))).toBe(true)
    expect(isWorkingDay(calendarB, LocalDate.unsafe("2026-05-16"))).toBe(false)
  })
})

describe("school days, holidays and closures (zone B)", () => {
  const bridge = new Closure({ date: LocalDate.unsafe("2026-05-15"), reason: "Pont de l'Ascension" })
  const canteenStrike = new Closure({ date: LocalDate.unsafe("2026-03-10"), reason: "Grève", activityKinds: ["canteen"] })
  const calendar = townCalendarFromOfficialData("B", { closures: [bridge, canteenStrike] })

  it("Toussaint 2025 runs from Saturday 18 October to Sunday 2 November", () => {
    expect(schoolHolidayOn(calendar, LocalDate.unsafe("2025-10-18"))?.name).toBe("Vacances de la Toussaint")
    expect(isSchoolHoliday(calendar, LocalDate.unsafe("2025-11-02"))).toBe(true)
    expect(isSchoolHoliday(calendar, LocalDate.unsafe("2025-10-17"))).toBe(false)
    expect(isSchoolDay(calendar, LocalDate.unsafe("2025-10-17"))).toBe(true)
    expect(isSchoolDay(calendar, LocalDate.unsafe("2025-11-03"))).toBe(true)
  })

  it("a Wednesday, a public holiday and a closure of everything are not school days", () => {
    expect(isSchoolDay(calendar, LocalDate.unsafe("2025-11-05"))).toBe(false)
    expect(isSchoolDay(calendar, LocalDate.unsafe("2025-11-11"))).toBe(false)
    expect(isSchoolDay(calendar, LocalDate.unsafe("2026-05-15"))).toBe(false)
  })

  it("a closure for some kinds closes those kinds only", () => {
    const day = LocalDate.unsafe("2026-03-10")
    expect(closureOn(calendar, day, "canteen")?.reason).toBe("Grève")
    expect(closureOn(calendar, day, "evening")).toBeUndefined()
    expect(closureOn(calendar, day)).toBeUndefined()
    expect(isSchoolDay(calendar, day)).toBe(true)
    expect(closureOn(calendar, LocalDate.unsafe("2026-05-15"), "holiday")?.reason).toBe("Pont de l'Ascension")
  })
})

describe("known school calendar", () => {
  const shipped = fc
    .integer({ min: LocalDate.toEpochDay(LocalDate.of(2015, 9, 1)), max: LocalDate.toEpochDay(LocalDate.of(2026, 8, 31)) })
    .map(LocalDate.fromEpochDay)

  test.prop([shipped, shipped])("a range within the shipped school years is known", (a, b) => {
    const [start, end] = a <= b ? [a, b] : [b, a]
    expect(Either.isRight(ensureCalendarKnown(calendarB, start, end))).toBe(true)
  })

  test.prop([shipped, fc.integer({ min: 0, max: 800 })])(
    "a range touching a school year after 2025-2026 is refused, naming the missing years",
    (start, extraDays) => {
      const end = LocalDate.addDays(LocalDate.of(2026, 9, 1), extraDays)
      const result = ensureCalendarKnown(calendarB, start, end)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) {
        expect(result.left).toBeInstanceOf(SchoolCalendarUnknown)
        expect(result.left.schoolYears[0]).toBe("2026-2027")
        expect(result.left.schoolYears.at(-1)).toBe(LocalDate.schoolYear(end))
      }
    }
  )

  it("says in French which year is unknown and what to do", () => {
    const result = ensureCalendarKnown(calendarB, LocalDate.unsafe("2026-09-01"), LocalDate.unsafe("2026-09-30"))
    expect(Either.isLeft(result) && result.left.message).toMatch(
      /calendrier scolaire de l'année scolaire 2026-2027 n'est pas connu.*fichier ICS.*paramètres/
    )
  })

  it("a year before the shipped data is unknown too", () => {
    const empty = new TownCalendar({ ...calendarB, knownSchoolYears: [] })
    const result = ensureCalendarKnown(empty, LocalDate.unsafe("2025-10-01"), LocalDate.unsafe("2025-10-31"))
    expect(Either.isLeft(result) && result.left.schoolYears).toEqual(["2025-2026"])
  })
})
