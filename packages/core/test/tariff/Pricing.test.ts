import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, TariffGridId } from "../../src/shared/Ids.js"
import { type BillingCircumstance, priceSession, type PricingSituation, type QuotientUsed } from "../../src/tariff/Pricing.js"
import { type CircumstancePrice, type Surcharge, TariffGrid, type TariffMode, type TariffModifiers } from "../../src/tariff/TariffGrid.js"

const bp = Cents.basisPoints
const c = Cents.cents

const gridOf = (mode: TariffMode, modifiers: TariffModifiers = {}, costOfProduction = 10_000) =>
  TariffGrid.make({
    id: TariffGridId.make("grid-1"),
    label: "Restauration scolaire",
    activityIds: [ActivityId.make("canteen")],
    schoolYear: "2025-2026",
    mode,
    costOfProduction: c(costOfProduction),
    modifiers
  })

const known = (qf: number): QuotientUsed => ({ _tag: "QuotientKnown", qf, source: "caf" })
const situation = (quotient: QuotientUsed, more: Partial<PricingSituation> = {}): PricingSituation => ({
  quotient,
  residency: "resident",
  childRank: 1,
  circumstance: "reserved",
  ...more
})

const sene = gridOf({ _tag: "EffortRate", rate: bp(60), floor: c(100), ceiling: c(597) })
const canteen = gridOf(
  {
    _tag: "Bands",
    bands: [
      { label: "T1", fromQf: 0, toQf: 600, price: c(100) },
      { label: "T2", fromQf: 601, toQf: 900, price: c(250) },
      { label: "T3", fromQf: 901, toQf: 1300, price: c(360) },
      { label: "T4", fromQf: 1301, price: c(420) }
    ]
  },
  { nonResident: { _tag: "Percent", rate: bp(2000) } },
  600
)

describe("pricing, with real figures", () => {
  it("Séné's effort rate: 0.6 % of the QF between €1 and €5.97", () => {
    const at500 = priceSession(sene, situation(known(500)))
    expect(at500.amount).toBe(300)
    expect(at500.explanation.base.line).toBe("Taux d'effort 0,6 % × QF 500 € = 3,00 €")
    expect(at500.explanation.summary).toBe("3,00 € : taux d'effort 0,6 % × QF 500 €.")
    const at2000 = priceSession(sene, situation(known(2000)))
    expect(at2000.amount).toBe(597)
    expect(at2000.explanation.base.line).toBe("Taux d'effort 0,6 % × QF 2000 € = 12,00 €, ramené au prix plafond : 5,97 €")
    const at100 = priceSession(sene, situation(known(100)))
    expect(at100.amount).toBe(100)
    expect(at100.explanation.base.line).toBe("Taux d'effort 0,6 % × QF 100 € = 0,60 €, porté au prix plancher : 1,00 €")
  })

  it("a four-band canteen grid with a non-resident surcharge of 20 %", () => {
    expect(priceSession(canteen, situation(known(600))).amount).toBe(100)
    expect(priceSession(canteen, situation(known(601))).amount).toBe(250)
    expect(priceSession(canteen, situation(known(1300))).amount).toBe(360)
    const nonResident = priceSession(canteen, situation(known(750), { residency: "non-resident" }))
    expect(nonResident.amount).toBe(300)
    expect(nonResident.explanation.lines).toEqual([
      "Quotient familial retenu : 750 € (transmis par la CAF, validé)",
      "Tranche « T2 » (QF de 601 à 900 €) : 2,50 €",
      "Majoration non-résident (+20 %) : +0,50 €",
      "Prix unitaire : 3,00 €"
    ])
    expect(priceSession(canteen, situation(known(1500), { residency: "non-resident" })).amount).toBe(504)
  })

  it("without a valid QF, the top price applies and the explanation says so", () => {
    const bands = priceSession(canteen, situation({ _tag: "QuotientMissing" }))
    expect(bands.amount).toBe(420)
    expect(bands.explanation.quotientLine).toContain("Aucun quotient familial valide à cette date : le tarif le plus élevé s'applique.")
    expect(bands.explanation.base).toMatchObject({ _tag: "BandPrice", bandLabel: "T4", becauseQuotientMissing: true })
    expect(bands.explanation.summary).toBe("4,20 € : tarif le plus élevé, faute de quotient familial valide.")
    expect(priceSession(sene, situation({ _tag: "QuotientMissing" })).amount).toBe(597)
  })

  it("never more than the cost of production: the legal cap bites", () => {
    const capped = gridOf(canteen.mode, { nonResident: { _tag: "Percent", rate: bp(2000) } }, 450)
    const price = priceSession(capped, situation(known(1500), { residency: "non-resident" }))
    expect(price.amount).toBe(450)
    expect(price.explanation.cap).toMatchObject({ costOfProduction: 450, applied: true, change: -54 })
    expect(price.explanation.lines).toContain("Plafonné au coût de revient de 4,50 € (article R.531-52 du Code de l'éducation) : -0,54 €")
    expect(priceSession(capped, situation(known(1500))).explanation.cap.applied).toBe(false)
  })

  it("applies modifiers in order: non-resident, sibling, circumstance, cap", () => {
    const grid = gridOf(canteen.mode, {
      nonResident: { _tag: "Amount", amount: c(50) },
      siblings: { second: bp(1000), thirdAndMore: bp(2000) },
      unreservedPresence: { _tag: "Percent", rate: bp(5000) },
      lateBooking: { _tag: "FixedPrice", price: c(1000) }
    })
    const second = priceSession(grid, situation(known(750), { residency: "non-resident", childRank: 2, circumstance: "unreserved-presence" }))
    expect(second.explanation.modifiers.map((m) => [m.kind, m.change, m.priceAfter])).toEqual([
      ["non-resident", 50, 300],
      ["sibling", -30, 270],
      ["unreserved-presence", 135, 405]
    ])
    expect(second.amount).toBe(405)
    const third = priceSession(grid, situation(known(750), { childRank: 3 }))
    expect(third.amount).toBe(200)
    expect(third.explanation.modifiers[0]?.line).toBe("Réduction fratrie, 3e enfant (-20 %) : -0,50 €")
    const late = priceSession(grid, situation(known(750), { circumstance: "late-booking" }))
    expect(late.amount).toBe(1000)
    expect(late.explanation.modifiers[0]?.label).toBe("Réservation hors délai (prix fixe de 10,00 €)")
  })
})

const prices = fc.integer({ min: 0, max: 2_000 })
const rates = (max: number) => fc.integer({ min: 0, max }).map(bp)
const bandModes: fc.Arbitrary<TariffMode> = fc
  .tuple(fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 6 }), fc.array(prices, { minLength: 7, maxLength: 7 }))
  .map(([widths, unsorted]) => {
    const sorted = [...unsorted].sort((a, b) => a - b)
    let from = 0
    const closed = widths.map((width, i) => {
      const band = { label: `T${i + 1}`, fromQf: from, toQf: from + width - 1, price: c(sorted[i] ?? 0) }
      from += width
      return band
    })
    return { _tag: "Bands", bands: [...closed, { label: `T${widths.length + 1}`, fromQf: from, price: c(sorted[widths.length] ?? 0) }] }
  })
const effortModes: fc.Arbitrary<TariffMode> = fc
  .tuple(rates(400), prices, prices)
  .map(([rate, floor, extra]) => ({ _tag: "EffortRate", rate, floor: c(floor), ceiling: c(floor + extra) }))
const surcharges: fc.Arbitrary<Surcharge> = fc.oneof(
  rates(10_000).map((rate): Surcharge => ({ _tag: "Percent", rate })),
  prices.map((amount): Surcharge => ({ _tag: "Amount", amount: c(amount) }))
)
const circumstancePrices: fc.Arbitrary<CircumstancePrice> = fc.oneof(
  rates(10_000).map((rate): CircumstancePrice => ({ _tag: "Percent", rate })),
  prices.map((amount): CircumstancePrice => ({ _tag: "Amount", amount: c(amount) })),
  prices.map((price): CircumstancePrice => ({ _tag: "FixedPrice", price: c(price) }))
)
const modifiers: fc.Arbitrary<TariffModifiers> = fc.record(
  {
    nonResident: surcharges,
    siblings: fc.record({ second: rates(10_000), thirdAndMore: rates(10_000) }),
    unreservedPresence: circumstancePrices,
    lateBooking: circumstancePrices
  },
  { requiredKeys: [] }
)
const grids = (modes: fc.Arbitrary<TariffMode>) =>
  fc.tuple(modes, modifiers, fc.integer({ min: 0, max: 5_000 })).map(([mode, m, cost]) => gridOf(mode, m, cost))
const circumstances = fc.constantFrom<BillingCircumstance>("reserved", "unreserved-presence", "late-booking")
const situations = (quotients: fc.Arbitrary<QuotientUsed>) =>
  fc.record({
    quotient: quotients,
    residency: fc.constantFrom("resident" as const, "non-resident" as const),
    childRank: fc.integer({ min: 1, max: 5 }),
    circumstance: circumstances
  })
const qfs = fc.integer({ min: 0, max: 5_000 })
const anyQuotient = fc.oneof(qfs.map(known), fc.constant<QuotientUsed>({ _tag: "QuotientMissing" }))

describe("pricing invariants", () => {
  test.prop([grids(effortModes), situations(anyQuotient)])(
    "an effort-rate base price lies within [floor, ceiling], and so does the price without modifiers below the cap",
    (grid, s) => {
      if (grid.mode._tag !== "EffortRate") throw new Error("effort grids only")
      const { floor, ceiling } = grid.mode
      const priced = priceSession(grid, s)
      expect(priced.explanation.base.amount).toBeGreaterThanOrEqual(floor)
      expect(priced.explanation.base.amount).toBeLessThanOrEqual(ceiling)
      const plain = priceSession(gridOf(grid.mode, {}, ceiling), { ...s, residency: "resident", childRank: 1, circumstance: "reserved" })
      expect(plain.amount).toBeGreaterThanOrEqual(floor)
      expect(plain.amount).toBeLessThanOrEqual(ceiling)
    }
  )

  test.prop([grids(fc.oneof(bandModes, effortModes)), situations(fc.constant(known(0))), qfs, qfs])(
    "the price never decreases when the QF grows (band grids with non-decreasing prices, effort grids)",
    (grid, s, a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a]
      const atLow = priceSession(grid, { ...s, quotient: known(low) }).amount
      const atHigh = priceSession(grid, { ...s, quotient: known(high) }).amount
      expect(atLow).toBeLessThanOrEqual(atHigh)
    }
  )

  test.prop([grids(fc.oneof(bandModes, effortModes)), situations(anyQuotient)])(
    "each percentage modifier is within half a cent of the exact rational amount",
    (grid, s) => {
      const { modifiers: applied } = priceSession(grid, s).explanation
      for (const m of applied) {
        const before = m.priceAfter - m.change
        const setting = m.kind === "non-resident" ? grid.modifiers.nonResident
          : m.kind === "unreserved-presence" ? grid.modifiers.unreservedPresence
          : m.kind === "late-booking" ? grid.modifiers.lateBooking
          : undefined
        const rate = m.kind === "sibling"
          ? -(s.childRank === 2 ? grid.modifiers.siblings?.second ?? 0 : grid.modifiers.siblings?.thirdAndMore ?? 0)
          : setting?._tag === "Percent" ? setting.rate : undefined
        if (rate === undefined) continue
        expect(Number.isInteger(m.change)).toBe(true)
        expect(Math.abs(m.change * 10_000 - before * rate)).toBeLessThanOrEqual(5_000)
      }
    }
  )

  test.prop([grids(fc.oneof(bandModes, effortModes, prices.map((p): TariffMode => ({ _tag: "Flat", price: c(p) })))), situations(anyQuotient)])(
    "the price is the base plus each change, never negative, never above the cost of production",
    (grid, s) => {
      const { amount, explanation } = priceSession(grid, s)
      expect(amount).toBe(explanation.base.amount + Cents.sum(explanation.modifiers.map((m) => m.change)) + explanation.cap.change)
      expect(amount).toBeGreaterThanOrEqual(0)
      expect(amount).toBeLessThanOrEqual(grid.costOfProduction)
      expect(explanation.lines.at(-1)).toBe(`Prix unitaire : ${Cents.formatEuros(amount)}`)
    }
  )
})
