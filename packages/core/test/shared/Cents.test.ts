import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"

describe("Cents", () => {
  it("applies percentages once, halves away from zero", () => {
    expect(Cents.percentOf(Cents.cents(350), Cents.basisPoints(2000))).toBe(70)
    expect(Cents.percentOf(Cents.cents(333), Cents.basisPoints(5000))).toBe(167)
    expect(Cents.percentOf(Cents.cents(-333), Cents.basisPoints(5000))).toBe(-167)
    expect(Cents.applyPercent(Cents.cents(400), Cents.basisPoints(-1000))).toBe(360)
    expect(Cents.formatEuros(Cents.cents(123450))).toBe("1\u202f234,50 €")
    expect(Cents.formatEuros(Cents.cents(-5))).toBe("-0,05 €")
  })

  test.prop([fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: -100_000, max: 100_000 })])(
    "a rounded percentage stays within half a cent of the exact value",
    (amount, rate) => {
      const rounded = Cents.percentOf(Cents.cents(amount), Cents.basisPoints(rate))
      const exactTimes10000 = amount * rate
      expect(Math.abs(rounded * 10_000 - exactTimes10000)).toBeLessThanOrEqual(5_000)
      expect(Number.isInteger(rounded)).toBe(true)
    }
  )
})
