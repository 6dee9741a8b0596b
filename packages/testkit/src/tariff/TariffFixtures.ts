import { fc } from "@fast-check/vitest"
import { ActivityId, Cents, TariffGrid, TariffGridId } from "@spe/core"
import type { CircumstancePrice, Surcharge, TariffMode, TariffModifiers } from "@spe/core"

/**
 * A four-band canteen grid (example figures): QF ≤ 600 €1.00, 601–900 €2.50, 901–1300 €3.60,
 * > 1300 €4.20; non-residents +20 %; cost of production €8.00. Fields replaced as given.
 */
export function aTariffGrid(overrides: Partial<ConstructorParameters<typeof TariffGrid>[0]> = {}): TariffGrid {
  return TariffGrid.make({
    id: TariffGridId.make("grid-canteen-2025"),
    label: "Restauration scolaire",
    activityIds: [ActivityId.make("canteen")],
    schoolYear: "2025-2026",
    mode: {
      _tag: "Bands",
      bands: [
        { label: "T1", fromQf: 0, toQf: 600, price: Cents.cents(100) },
        { label: "T2", fromQf: 601, toQf: 900, price: Cents.cents(250) },
        { label: "T3", fromQf: 901, toQf: 1300, price: Cents.cents(360) },
        { label: "T4", fromQf: 1301, price: Cents.cents(420) }
      ]
    },
    costOfProduction: Cents.cents(800),
    modifiers: { nonResident: { _tag: "Percent", rate: Cents.basisPoints(2000) } },
    ...overrides
  })
}

const prices = fc.integer({ min: 0, max: 2_000 }).map(Cents.cents)
const rates = (max: number) => fc.integer({ min: 0, max }).map(Cents.basisPoints)

/** Valid band modes: contiguous from QF 0, open last band, prices non-decreasing with the QF. */
export const bandModeArbitrary: fc.Arbitrary<TariffMode> = fc
  .tuple(fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 6 }), fc.array(prices, { minLength: 7, maxLength: 7 }))
  .map(([widths, unsorted]): TariffMode => {
    const sorted = [...unsorted].sort((a, b) => a - b)
    const price = (i: number) => sorted[i] ?? Cents.zero
    let from = 0
    const closed = widths.map((width, i) => {
      const band = { label: `T${i + 1}`, fromQf: from, toQf: from + width - 1, price: price(i) }
      from += width
      return band
    })
    return { _tag: "Bands", bands: [...closed, { label: `T${widths.length + 1}`, fromQf: from, price: price(widths.length) }] }
  })

/** Valid effort-rate modes: a rate up to 4 %, floor ≤ ceiling. */
export const effortRateModeArbitrary: fc.Arbitrary<TariffMode> = fc
  .tuple(rates(400), prices, prices)
  .map(([rate, floor, extra]): TariffMode => ({ _tag: "EffortRate", rate, floor, ceiling: Cents.add(floor, extra) }))

const surcharge: fc.Arbitrary<Surcharge> = fc.oneof(
  rates(10_000).map((rate): Surcharge => ({ _tag: "Percent", rate })),
  prices.map((amount): Surcharge => ({ _tag: "Amount", amount }))
)
const circumstance: fc.Arbitrary<CircumstancePrice> = fc.oneof(
  rates(10_000).map((rate): CircumstancePrice => ({ _tag: "Percent", rate })),
  prices.map((amount): CircumstancePrice => ({ _tag: "Amount", amount })),
  prices.map((price): CircumstancePrice => ({ _tag: "FixedPrice", price }))
)

/** Any combination of modifiers, each present or not. */
export const tariffModifiersArbitrary: fc.Arbitrary<TariffModifiers> = fc.record(
  {
    nonResident: surcharge,
    siblings: fc.record({ second: rates(10_000), thirdAndMore: rates(10_000) }),
    unreservedPresence: circumstance,
    lateBooking: circumstance
  },
  { requiredKeys: [] }
)

/** Valid grids of every mode for one activity and school year. */
export const tariffGridArbitrary = (
  activityId: ActivityId = ActivityId.make("canteen"),
  schoolYear = "2025-2026"
): fc.Arbitrary<TariffGrid> =>
  fc
    .tuple(
      fc.oneof(bandModeArbitrary, effortRateModeArbitrary, prices.map((price): TariffMode => ({ _tag: "Flat", price }))),
      tariffModifiersArbitrary,
      fc.integer({ min: 0, max: 5_000 }).map(Cents.cents)
    )
    .map(([mode, modifiers, costOfProduction]) =>
      TariffGrid.make({
        id: TariffGridId.make(`grid-${activityId}-${schoolYear}`),
        label: `Tarif ${activityId} ${schoolYear}`,
        activityIds: [activityId],
        schoolYear,
        mode,
        costOfProduction,
        modifiers
      })
    )
