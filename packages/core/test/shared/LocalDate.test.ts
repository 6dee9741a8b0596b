import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as LocalDate from "../../src/shared/LocalDate.js"

const epochDays = fc.integer({ min: -200_000, max: 200_000 })

describe("LocalDate", () => {
  it("parses valid dates and refuses impossible ones with a French message", () => {
    expect(LocalDate.parse("2024-02-29")).toEqual(Either.right("2024-02-29"))
    const notADate = LocalDate.parse("2025-02-29")
    expect(Either.isLeft(notADate) && notADate.left).toContain("n'existe pas")
    const badShape = LocalDate.parse("29/02/2024")
    expect(Either.isLeft(badShape) && badShape.left).toContain("AAAA-MM-JJ")
  })

  it("knows weekdays, school years and ages", () => {
    expect(LocalDate.isoWeekday(LocalDate.unsafe("2026-11-26"))).toBe(4)
    expect(LocalDate.isoWeekday(LocalDate.unsafe("1970-01-01"))).toBe(4)
    expect(LocalDate.schoolYear(LocalDate.unsafe("2026-08-31"))).toBe("2025-2026")
    expect(LocalDate.schoolYear(LocalDate.unsafe("2026-09-01"))).toBe("2026-2027")
    expect(LocalDate.ageOn(LocalDate.unsafe("2020-02-29"), LocalDate.unsafe("2026-02-28"))).toBe(5)
    expect(LocalDate.ageOn(LocalDate.unsafe("2020-02-29"), LocalDate.unsafe("2026-03-01"))).toBe(6)
    expect(LocalDate.formatFr(LocalDate.unsafe("2026-03-27"))).toBe("vendredi 27 mars 2026")
    expect(LocalDate.formatFr(LocalDate.unsafe("2026-05-01"))).toBe("vendredi 1er mai 2026")
  })

  test.prop([epochDays])("day numbers and civil dates are inverse", (n) => {
    expect(LocalDate.toEpochDay(LocalDate.fromEpochDay(n))).toBe(n)
  })

  test.prop([epochDays, fc.integer({ min: -1000, max: 1000 })])(
    "adding days moves the weekday and the order as the calendar does",
    (n, k) => {
      const d = LocalDate.fromEpochDay(n)
      const e = LocalDate.addDays(d, k)
      expect(LocalDate.daysBetween(d, e)).toBe(k)
      expect(LocalDate.compare(d, e)).toBe(k > 0 ? -1 : k < 0 ? 1 : 0)
      expect((((LocalDate.isoWeekday(e) - LocalDate.isoWeekday(d) - k) % 7) + 7) % 7).toBe(0)
    }
  )

  test.prop([epochDays])("consecutive days are consecutive civil dates", (n) => {
    const d = LocalDate.fromEpochDay(n)
    const next = LocalDate.fromEpochDay(n + 1)
    const sameMonth = LocalDate.month(next) === LocalDate.month(d)
    if (sameMonth) expect(LocalDate.dayOfMonth(next)).toBe(LocalDate.dayOfMonth(d) + 1)
    else {
      expect(LocalDate.dayOfMonth(next)).toBe(1)
      expect(d).toBe(LocalDate.lastOfMonth(d))
    }
  })
})
