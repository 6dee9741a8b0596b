/**
 * The town's tariff grids by quotient familial, one per service and school year (2025-2026 and
 * 2026-2027). DEMONSTRATION FIGURES ("chiffres de démonstration"): invented in the manner of a
 * town of this size, not Saint-Pierre-lès-Elbeuf's real tariffs.
 *
 * Every grid has five QF bands, a 20 % surcharge for non-resident households, a sibling reduction
 * (2nd child -10 %, 3rd and further -20 %), a price for a child present without a reservation, and
 * the legal cap (cost of production, Code de l'éducation R.531-52). The canteen meets the
 * "cantine à 1 €" conditions.
 */
import { Cents, type CircumstancePrice, TariffGrid, type TariffModifiers } from "@spe/core"
import { type ActivityKey, activityIds, tariffGridIdFor } from "./Activities.js"

/** The words every grid label carries: these are not the town's real tariffs. */
export const demonstrationMark = "chiffres de démonstration"

/** The QF bands of every grid: upper bound of each band (the last is open). */
export const qfBandLimits: ReadonlyArray<number> = [500, 800, 1100, 1500]

/** Names of the bands, as invoices and the simulation print them. */
export const bandLabels: ReadonlyArray<string> = ["T1", "T2", "T3", "T4", "T5"]

/** What a grid states for a service in a school year: its five band prices, its cost of production, its price without a reservation. */
interface GridFigures {
  readonly name: string
  /** Prices of bands T1 to T5, in cents. */
  readonly prices: readonly [number, number, number, number, number]
  readonly costOfProduction: number
  readonly unreservedPresence: CircumstancePrice
  /** What the price is for ("par repas", "par séance"…). */
  readonly unit: string
}

const percent = (rate: number): CircumstancePrice => ({ _tag: "Percent", rate: Cents.basisPoints(rate) })
const amount = (value: number): CircumstancePrice => ({ _tag: "Amount", amount: Cents.cents(value) })

/** The modifiers every grid of the town has (the price of an unreserved presence aside). */
export const commonModifiers = (unreservedPresence: CircumstancePrice): TariffModifiers => ({
  nonResident: { _tag: "Percent", rate: Cents.basisPoints(2000) },
  siblings: { second: Cents.basisPoints(1000), thirdAndMore: Cents.basisPoints(2000) },
  unreservedPresence
})

const figures2026: { readonly [K in ActivityKey]: GridFigures } = {
  morning: { name: "Accueil du matin", prices: [90, 130, 170, 200, 230], costOfProduction: 400, unreservedPresence: amount(100), unit: "par matin" },
  evening: { name: "Accueil du soir", prices: [130, 190, 250, 290, 330], costOfProduction: 550, unreservedPresence: amount(100), unit: "par soir" },
  wednesday: { name: "Accueil du mercredi", prices: [400, 650, 900, 1100, 1300], costOfProduction: 2200, unreservedPresence: percent(5000), unit: "par séance" },
  canteen: { name: "Restauration scolaire", prices: [100, 210, 320, 390, 450], costOfProduction: 850, unreservedPresence: percent(5000), unit: "par repas" },
  holiday: { name: "Accueil de loisirs des vacances", prices: [500, 800, 1100, 1400, 1600], costOfProduction: 1650, unreservedPresence: percent(5000), unit: "par journée" }
}

const figures2025: { readonly [K in ActivityKey]: GridFigures } = {
  morning: { ...figures2026.morning, prices: [85, 125, 165, 195, 225], costOfProduction: 390 },
  evening: { ...figures2026.evening, prices: [125, 185, 240, 280, 320], costOfProduction: 530 },
  wednesday: { ...figures2026.wednesday, prices: [390, 630, 870, 1070, 1260], costOfProduction: 2150 },
  canteen: { ...figures2026.canteen, prices: [100, 205, 310, 380, 440], costOfProduction: 830 },
  holiday: { ...figures2026.holiday, prices: [490, 780, 1070, 1360, 1560], costOfProduction: 1600 }
}

/** The grid of a service for a school year from its figures. */
function gridOf(activity: ActivityKey, schoolYear: string, f: GridFigures): TariffGrid {
  return TariffGrid.make({
    id: tariffGridIdFor(activity, schoolYear),
    label: `${f.name} ${schoolYear}, ${f.unit} (${demonstrationMark})`,
    activityIds: [activityIds[activity]],
    schoolYear,
    mode: {
      _tag: "Bands",
      bands: f.prices.map((price, i) => {
        const fromQf = i === 0 ? 0 : (qfBandLimits[i - 1] ?? 0) + 1
        const toQf = qfBandLimits[i]
        return {
          label: bandLabels[i] ?? `T${i + 1}`,
          fromQf,
          ...(toQf === undefined ? {} : { toQf }),
          price: Cents.cents(price)
        }
      })
    },
    costOfProduction: Cents.cents(f.costOfProduction),
    modifiers: commonModifiers(f.unreservedPresence)
  })
}

const keys: ReadonlyArray<ActivityKey> = ["morning", "evening", "wednesday", "canteen", "holiday"]

/** The grids of 2025-2026 (the year before the demo's). */
export const tariffGrids2025: ReadonlyArray<TariffGrid> = keys.map((k) => gridOf(k, "2025-2026", figures2025[k]))

/** The grids of 2026-2027 (the demo's year). */
export const tariffGrids2026: ReadonlyArray<TariffGrid> = keys.map((k) => gridOf(k, "2026-2027", figures2026[k]))

/** Every grid of the town. */
export const townTariffGrids: ReadonlyArray<TariffGrid> = [...tariffGrids2025, ...tariffGrids2026]
