import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, TariffGridId } from "../../src/shared/Ids.js"
import { checkCantineAUnEuro, TariffGrid, type TariffMode, topPriceOf, validateTariffGrid } from "../../src/tariff/TariffGrid.js"

const bands = (...rows: ReadonlyArray<readonly [string, number, number | undefined, number]>): TariffMode => ({
  _tag: "Bands",
  bands: rows.map(([label, fromQf, toQf, price]) => ({ label, fromQf, ...(toQf === undefined ? {} : { toQf }), price: Cents.cents(price) }))
})

const grid = (mode: TariffMode) =>
  TariffGrid.make({
    id: TariffGridId.make("grid-canteen"),
    label: "Restauration scolaire",
    activityIds: [ActivityId.make("canteen")],
    schoolYear: "2025-2026",
    mode,
    costOfProduction: Cents.cents(800),
    modifiers: {}
  })

const input = (mode: unknown) => ({
  id: "grid-canteen",
  label: "Restauration scolaire",
  activityIds: ["canteen"],
  schoolYear: "2025-2026",
  mode,
  costOfProduction: 800
})

const messagesOf = (mode: unknown) => {
  const result = validateTariffGrid(input(mode))
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.path}: ${p.message}`) : []
}

const fourBands = bands(["T1", 0, 600, 100], ["T2", 601, 900, 250], ["T3", 901, 1300, 360], ["T4", 1301, undefined, 420])

describe("tariff grid validation", () => {
  it("accepts bands contiguous from QF 0 with an open last band", () => {
    expect(Either.isRight(validateTariffGrid(input(fourBands)))).toBe(true)
    expect(Either.isRight(validateTariffGrid(input({ _tag: "EffortRate", rate: 60, floor: 100, ceiling: 597 })))).toBe(true)
  })

  it("reports gaps, overlaps, a closed last band and a band not starting at 0", () => {
    expect(messagesOf(bands(["A", 10, 600, 100], ["B", 650, 900, 200], ["C", 850, 1000, 300]))).toEqual([
      "mode.bands.0.fromQf: La première tranche doit commencer au QF 0 (elle commence à 10).",
      "mode.bands.1.fromQf: Trou entre les tranches : les QF de 601 à 649 n'ont pas de tarif.",
      "mode.bands.2.fromQf: Les tranches se chevauchent : la tranche « C » commence à 850, la précédente finit à 900.",
      "mode.bands.2.toQf: La dernière tranche doit rester ouverte (sans QF de fin) : au-delà de 1000, aucun tarif."
    ])
    expect(messagesOf(bands(["A", 0, undefined, 100], ["B", 601, undefined, 200]))).toEqual([
      "mode.bands.0.toQf: Seule la dernière tranche peut rester ouverte ; indiquez le QF de fin de la tranche « A »."
    ])
    expect(messagesOf(bands(["A", 0, 600, 100], ["B", 601, 500, 200], ["C", 501, undefined, 300]))).toContain(
      "mode.bands.1.toQf: La tranche « B » finit (500) avant de commencer (601)."
    )
  })

  it("refuses negative prices and a floor above the ceiling", () => {
    expect(messagesOf(bands(["A", 0, undefined, -5]))).toEqual(["mode.bands.0.price: Le prix de la tranche ne peut pas être négatif."])
    expect(messagesOf({ _tag: "EffortRate", rate: 60, floor: 700, ceiling: 597 })).toEqual([
      "mode.ceiling: Le prix plafond (5,97 €) ne peut être inférieur au prix plancher (7,00 €)."
    ])
    expect(messagesOf({ _tag: "Bands", bands: [] })).toEqual(["mode.bands: Une grille par tranches compte au moins une tranche."])
  })

  it("knows the top price of each mode", () => {
    expect(topPriceOf(fourBands)).toBe(420)
    expect(topPriceOf({ _tag: "EffortRate", rate: Cents.basisPoints(60), floor: Cents.cents(100), ceiling: Cents.cents(597) })).toBe(597)
    expect(topPriceOf({ _tag: "Flat", price: Cents.cents(310) })).toBe(310)
  })
})

describe("cantine à 1 €", () => {
  it("recognises a grid of at least 3 bands with one at €1 or less for QF up to 1000", () => {
    const check = checkCantineAUnEuro(grid(fourBands))
    expect(check.eligible).toBe(true)
    expect(check.reason).toContain("« T1 » à 1,00 € pour les QF de 0 à 600")
  })

  it("refuses too few bands, a €1 band reaching above QF 1000, and non-band grids, saying why", () => {
    const two = checkCantineAUnEuro(grid(bands(["A", 0, 800, 100], ["B", 801, undefined, 400])))
    expect(two).toEqual({ eligible: false, reason: "Il faut au moins 3 tranches ; cette grille en compte 2." })
    const wide = checkCantineAUnEuro(grid(bands(["A", 0, 1200, 100], ["B", 1201, 1800, 250], ["C", 1801, undefined, 400])))
    expect(wide.eligible).toBe(false)
    expect(wide.reason).toContain("QF est au plus 1000")
    const cheapNotOne = checkCantineAUnEuro(grid(bands(["A", 0, 600, 150], ["B", 601, 900, 250], ["C", 901, undefined, 400])))
    expect(cheapNotOne.eligible).toBe(false)
    expect(checkCantineAUnEuro(grid({ _tag: "Flat", price: Cents.cents(100) })).eligible).toBe(false)
  })
})
