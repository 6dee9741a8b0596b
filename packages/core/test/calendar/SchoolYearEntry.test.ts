import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { ensureCalendarKnown, isSchoolHoliday } from "../../src/calendar/CalendarRules.js"
import { townCalendarFromOfficialData } from "../../src/calendar/OfficialSchoolCalendar.js"
import { addSchoolYear } from "../../src/calendar/SchoolYearEntry.js"

const calendar = townCalendarFromOfficialData("B")
const d = LocalDate.unsafe

/** A demo's estimate of 2026-2027 zone B: NOT official dates, hence `placeholder: true`. */
const estimate2026 = [
  { name: "Vacances de la Toussaint (estimation)", start: d("2026-10-17"), end: d("2026-11-01") },
  { name: "Vacances de Noël (estimation)", start: d("2026-12-19"), end: d("2027-01-03") }
]

describe("addSchoolYear", () => {
  it("a placeholder year makes the year known, flagged as an estimate", () => {
    const result = Either.getOrThrow(addSchoolYear(calendar, "2026-2027", estimate2026, { placeholder: true }))
    expect(result.knownSchoolYears.at(-1)).toEqual({ schoolYear: "2026-2027", placeholder: true })
    expect(Either.isRight(ensureCalendarKnown(result, d("2026-09-01"), d("2026-12-31")))).toBe(true)
    expect(isSchoolHoliday(result, d("2026-10-20"))).toBe(true)
    expect(result.schoolHolidays.filter((p) => p.schoolYear === "2026-2027")).toHaveLength(2)
  })

  it("replaces a placeholder year by a confirmed one, never the reverse", () => {
    const withEstimate = Either.getOrThrow(addSchoolYear(calendar, "2026-2027", estimate2026, { placeholder: true }))
    const confirmed = Either.getOrThrow(addSchoolYear(withEstimate, "2026-2027", estimate2026.slice(0, 1), { placeholder: false }))
    expect(confirmed.schoolHolidays.filter((p) => p.schoolYear === "2026-2027")).toHaveLength(1)
    expect(confirmed.knownSchoolYears.filter((k) => k.schoolYear === "2026-2027")).toEqual([{ schoolYear: "2026-2027", placeholder: false }])
    const refused = addSchoolYear(calendar, "2025-2026", estimate2026, { placeholder: true })
    expect(Either.isLeft(refused) && refused.left.message).toMatch(/déjà un calendrier confirmé/)
  })

  it("refuses periods outside the year, reversed, overlapping, or a badly written year", () => {
    const outside = addSchoolYear(calendar, "2027-2028", estimate2026, { placeholder: true })
    expect(Either.isLeft(outside) && outside.left.problems).toHaveLength(2)
    const reversed = addSchoolYear(calendar, "2026-2027", [{ name: "X", start: d("2026-11-02"), end: d("2026-11-01") }], { placeholder: true })
    expect(Either.isLeft(reversed) && reversed.left.message).toMatch(/finit avant de commencer/)
    const overlapping = addSchoolYear(calendar, "2026-2027", [
      { name: "X", start: d("2026-10-17"), end: d("2026-11-01") },
      { name: "Y", start: d("2026-11-01"), end: d("2026-11-05") }
    ], { placeholder: true })
    expect(Either.isLeft(overlapping) && overlapping.left.message).toMatch(/se chevauchent/)
    const badYear = addSchoolYear(calendar, "2026-2028", estimate2026, { placeholder: true })
    expect(Either.isLeft(badYear) && badYear.left.message).toMatch(/AAAA-AAAA/)
  })

  test.prop([fc.integer({ min: 2026, max: 2060 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 60 })])(
    "a valid entered year is known afterwards and its days are holidays",
    (startYear, offset, length) => {
      const start = LocalDate.addDays(LocalDate.of(startYear, 9, 1), offset)
      const end = LocalDate.addDays(start, length)
      const schoolYear = `${startYear}-${startYear + 1}`
      const result = addSchoolYear(calendar, schoolYear, [{ name: "Vacances", start, end }], { placeholder: true })
      expect(Either.isRight(result)).toBe(true)
      if (Either.isRight(result)) {
        expect(result.right.knownSchoolYears.some((k) => k.schoolYear === schoolYear)).toBe(true)
        expect(isSchoolHoliday(result.right, start) && isSchoolHoliday(result.right, end)).toBe(true)
      }
    }
  )
})
