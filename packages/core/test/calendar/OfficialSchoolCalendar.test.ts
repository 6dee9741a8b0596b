import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { officialSchoolHolidays, officialSchoolYearsShipped, townCalendarFromOfficialData } from "../../src/calendar/OfficialSchoolCalendar.js"
import { Closure } from "../../src/calendar/TownCalendar.js"

const zoneArb = fc.constantFrom("A" as const, "B" as const, "C" as const)

describe("official school holidays", () => {
  it("zone B 2025-2026 from the data: Toussaint 18 Oct–2 Nov, Noël 20 Dec–4 Jan, hiver 14 Feb–1 Mar, printemps 11–26 Apr, été from 4 Jul", () => {
    const periods = officialSchoolHolidays("B").filter((p) => p.schoolYear === "2025-2026")
    expect(periods.map((p) => [p.name, p.start, p.end])).toEqual([
      ["Vacances de la Toussaint", "2025-10-18", "2025-11-02"],
      ["Vacances de Noël", "2025-12-20", "2026-01-04"],
      ["Vacances d'hiver", "2026-02-14", "2026-03-01"],
      ["Vacances de printemps", "2026-04-11", "2026-04-26"],
      ["Vacances d'été", "2026-07-04", "2026-08-30"]
    ])
  })

  it("ships 2015-2016 to 2025-2026 and nothing after", () => {
    expect(officialSchoolYearsShipped[0]).toBe("2015-2016")
    expect(officialSchoolYearsShipped.at(-1)).toBe("2025-2026")
    expect(officialSchoolYearsShipped).toHaveLength(11)
    for (const zone of ["A", "B", "C"] as const) {
      expect(officialSchoolHolidays(zone).every((p) => p.start < "2026-09-01")).toBe(true)
    }
  })

  test.prop([zoneArb])("every shipped period starts in its school year, ends after it starts, and overlaps no other of its zone", (zone) => {
    const periods = officialSchoolHolidays(zone)
    periods.forEach((p, i) => {
      expect(LocalDate.schoolYear(p.start)).toBe(p.schoolYear)
      expect(p.end >= p.start).toBe(true)
      const next = periods[i + 1]
      if (next !== undefined) expect(next.start > p.end).toBe(true)
    })
  })

  test.prop([zoneArb, fc.constantFrom(...officialSchoolYearsShipped)])(
    "every shipped school year has Toussaint, Noël, hiver, printemps and été in every zone",
    (zone, year) => {
      const names = officialSchoolHolidays(zone).filter((p) => p.schoolYear === year).map((p) => p.name)
      expect(names).toEqual(expect.arrayContaining([
        "Vacances de la Toussaint", "Vacances de Noël", "Vacances d'hiver", "Vacances de printemps", "Vacances d'été"
      ]))
    }
  )

  it("builds a town calendar with the town's settings, all shipped years confirmed", () => {
    const closure = new Closure({ date: LocalDate.unsafe("2026-05-15"), reason: "Pont" })
    const calendar = townCalendarFromOfficialData("B", { alsaceMoselle: true, schoolWeekdays: [1, 2, 3, 4, 5], closures: [closure] })
    expect(calendar.zone).toBe("B")
    expect(calendar.alsaceMoselle).toBe(true)
    expect(calendar.schoolWeekdays).toEqual([1, 2, 3, 4, 5])
    expect(calendar.closures).toEqual([closure])
    expect(calendar.knownSchoolYears.every((k) => !k.placeholder)).toBe(true)
    expect(townCalendarFromOfficialData("A").schoolWeekdays).toEqual([1, 2, 4, 5])
  })
})
