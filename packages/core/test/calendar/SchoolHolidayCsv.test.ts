import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { schoolHolidaysFromDailyCsv, schoolYearOfHolidayPeriod } from "../../src/calendar/SchoolHolidayCsv.js"

const HEADER = "date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances"
const NAMES = ["Vacances de la Toussaint", "Vacances de Noël", "Vacances d'hiver", "Pont de l'Ascension"]

/** Random zone-B runs: (gap, length, name) triples laid out one after the other from 2020-01-01. */
const runsArb = fc.array(
  fc.record({ gap: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 20 }), name: fc.constantFrom(...NAMES) }),
  { maxLength: 8 }
)

describe("schoolHolidaysFromDailyCsv", () => {
  test.prop([runsArb])("a period is a contiguous run of holiday days with the same name, read back from the daily rows", (runs) => {
    const expected: Array<{ name: string; start: string; end: string }> = []
    let day = LocalDate.toEpochDay(LocalDate.of(2020, 1, 1))
    for (const run of runs) {
      day += run.gap
      const previous = expected.at(-1)
      const start = LocalDate.fromEpochDay(day)
      const end = LocalDate.fromEpochDay(day + run.length - 1)
      if (previous !== undefined && previous.name === run.name && LocalDate.daysBetween(LocalDate.unsafe(previous.end), start) === 1) {
        previous.end = end
      } else expected.push({ name: run.name, start, end })
      day += run.length
    }
    const rows: Array<string> = [HEADER]
    for (let d = LocalDate.toEpochDay(LocalDate.of(2020, 1, 1)) - 1; d <= day + 1; d++) {
      const date = LocalDate.fromEpochDay(d)
      const period = expected.find((p) => p.start <= date && date <= p.end)
      rows.push(period === undefined ? `${date},False,False,False,` : `${date},False,True,False,${period.name}`)
    }
    const parsed = schoolHolidaysFromDailyCsv(rows.join("\n"))
    expect(Either.isRight(parsed)).toBe(true)
    if (Either.isRight(parsed)) {
      expect(parsed.right.A).toEqual([])
      expect(parsed.right.B.map((p) => ({ name: p.name, start: p.start, end: p.end }))).toEqual(expected)
      expect(parsed.right.B.every((p) => p.schoolYear === LocalDate.schoolYear(p.start))).toBe(true)
    }
  })

  it("keeps the weekends the file marks, per zone, and splits on a change of name", () => {
    const csv = [
      HEADER,
      "2025-10-17,False,False,False,",
      "2025-10-18,True,True,False,Vacances de la Toussaint",
      "2025-10-19,True,True,False,Vacances de la Toussaint",
      "2025-10-20,False,True,True,Vacances de la Toussaint",
      "2025-10-21,False,True,True,Autres vacances",
      ""
    ].join("\r\n")
    const parsed = Either.getOrThrow(schoolHolidaysFromDailyCsv(csv))
    expect(parsed.A.map((p) => [p.name, p.start, p.end])).toEqual([["Vacances de la Toussaint", "2025-10-18", "2025-10-19"]])
    expect(parsed.B.map((p) => [p.name, p.start, p.end])).toEqual([
      ["Vacances de la Toussaint", "2025-10-18", "2025-10-20"],
      ["Autres vacances", "2025-10-21", "2025-10-21"]
    ])
    expect(parsed.C.map((p) => [p.start, p.end])).toEqual([["2025-10-20", "2025-10-20"], ["2025-10-21", "2025-10-21"]])
  })

  it("summer belongs to the school year it starts in, even when it ends in September", () => {
    expect(schoolYearOfHolidayPeriod(LocalDate.unsafe("2019-07-06"))).toBe("2018-2019")
    expect(schoolYearOfHolidayPeriod(LocalDate.unsafe("2025-10-18"))).toBe("2025-2026")
  })

  it("names the line of a malformed row", () => {
    const bad = schoolHolidaysFromDailyCsv([HEADER, "2025-10-17,False,False,False,", "2025-10-18,Oui,True,True,Vacances"].join("\n"))
    expect(Either.isLeft(bad) && bad.left.line).toBe(3)
    const date = schoolHolidaysFromDailyCsv([HEADER, "2025-02-30,False,False,False,"].join("\n"))
    expect(Either.isLeft(date) && date.left.message).toMatch(/ligne 2.*n'existe pas/)
    const header = schoolHolidaysFromDailyCsv("date,zone_a\n")
    expect(Either.isLeft(header) && header.left.line).toBe(1)
  })
})
