import { fc, test } from "@fast-check/vitest"
import {
  ActivityId,
  Cents,
  HouseholdId,
  LocalDate,
  priceSession,
  QuotientRecordId,
  simulateTariffForHousehold,
  simulateTariffForSituation,
  TariffGridId
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aHousehold, aQuotientRecord, householdArbitrary, quotientReviewArbitrary } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "../household/InMemoryQuotientRepository.js"
import { inMemoryTariffCatalogue } from "./InMemoryTariffCatalogue.js"
import { aTariffGrid, tariffGridArbitrary } from "./TariffFixtures.js"

const canteen = aTariffGrid()
const evening = aTariffGrid({
  id: TariffGridId.make("grid-evening-2025"),
  label: "Accueil du soir",
  activityIds: [ActivityId.make("evening")],
  mode: { _tag: "EffortRate", rate: Cents.basisPoints(60), floor: Cents.cents(100), ceiling: Cents.cents(597) },
  modifiers: {}
})
const on = LocalDate.unsafe("2025-10-06")
const pattern = { uses: [{ activityId: "canteen", daysPerWeek: 4 }, { activityId: "evening", daysPerWeek: 2 }] }

const layerOf = (households = [aHousehold()], records = [aQuotientRecord()], grids = [canteen, evening]) =>
  Layer.mergeAll(inMemoryHouseholdRepository(households), inMemoryQuotientRepository(records), inMemoryTariffCatalogue(grids))

describe("tariff simulation use cases", () => {
  it("simulates a registered household's month with its validated QF", async () => {
    const result = await Effect.runPromise(Effect.provide(simulateTariffForHousehold(HouseholdId.make("hh-1"), on, pattern), layerOf()))
    expect(result.quotient).toEqual({ _tag: "QuotientKnown", qf: 750, source: "caf", recordId: "qf-1" })
    expect(result.activities.map((a) => a.children.map((c) => [c.childLabel, c.unitPrice]))).toEqual([
      [["Léa", 250], ["Hugo", 250]],
      [["Léa", 450], ["Hugo", 450]]
    ])
    expect(result.monthlyTotal).toBe(250 * 2 * 16 + 450 * 2 * 8)
    expect(result.lines.at(-1)).toBe("Estimation pour un mois de 4 semaines : 152,00 €")
  })

  it("uses the top price for a household whose QF has expired, and says so", async () => {
    const result = await Effect.runPromise(
      Effect.provide(simulateTariffForHousehold(HouseholdId.make("hh-1"), LocalDate.unsafe("2026-01-05"), pattern), layerOf())
    )
    expect(result.quotient).toEqual({ _tag: "QuotientMissing" })
    expect(result.lines[0]).toBe("Aucun quotient familial valide au lundi 5 janvier 2026 : le tarif le plus élevé s'applique.")
    expect(result.activities[0]?.children[0]?.explanation.summary).toBe("4,20 € : tarif le plus élevé, faute de quotient familial valide.")
  })

  it("simulates a family that is not registered, from its income", async () => {
    const result = await Effect.runPromise(
      Effect.provide(
        simulateTariffForSituation(
          { income: { _tag: "FromIncome", annualIncome: 24_000_00, monthlyBenefits: 0 }, adults: 1, children: 1, residency: "non-resident" },
          on,
          { uses: [{ activityId: "canteen", daysPerWeek: 4 }], weeks: 3 }
        ),
        layerOf()
      )
    )
    expect(result.quotient).toEqual({ _tag: "QuotientKnown", qf: 800, source: "simulation" })
    expect(result.activities[0]?.children[0]?.unitPrice).toBe(300)
    expect(result.monthlyTotal).toBe(300 * 12)
  })

  it("refuses an unknown household, an activity without grid and a wrong pattern, saying why", async () => {
    const fail = (effect: Effect.Effect<unknown, { readonly _tag: string; readonly message: string }, Layer.Layer.Success<ReturnType<typeof layerOf>>>) =>
      Effect.runPromise(Effect.flip(Effect.provide(effect, layerOf())))
    expect((await fail(simulateTariffForHousehold(HouseholdId.make("hh-404"), on, pattern)))._tag).toBe("HouseholdNotFound")
    const noGrid = await fail(simulateTariffForHousehold(HouseholdId.make("hh-1"), on, { uses: [{ activityId: "wednesday", daysPerWeek: 1 }] }))
    expect(noGrid._tag).toBe("NoTariffGridForActivity")
    const wrong = await fail(simulateTariffForHousehold(HouseholdId.make("hh-1"), on, { uses: [{ activityId: "canteen", daysPerWeek: 9 }] }))
    expect(wrong.message).toBe("La simulation des tarifs : uses.0.daysPerWeek — Le nombre de jours par semaine doit valoir au plus 7.")
    const noIncome = await fail(simulateTariffForSituation({ income: { _tag: "Salaire" }, adults: 3, children: 1, residency: "resident" }, on, pattern))
    expect(noIncome.message).toContain("Indiquez vos revenus (FromIncome)")
    expect(noIncome.message).toContain("Le nombre de parents doit valoir au plus 2.")
  })

  test.prop([householdArbitrary(1), tariffGridArbitrary(ActivityId.make("canteen")), fc.integer({ min: 0, max: 3000 }), quotientReviewArbitrary, fc.integer({ min: 0, max: 7 })])(
    "simulating a registered household prices each child with priceSession, its QF, residency and rank",
    (household, grid, qf, review, days) => {
      const record = aQuotientRecord({ id: QuotientRecordId.make("qf-9"), householdId: household.id, qf, review })
      const result = Effect.runSync(
        Effect.provide(
          simulateTariffForHousehold(household.id, on, { uses: [{ activityId: "canteen", daysPerWeek: days }] }),
          layerOf([household], [record], [grid])
        )
      )
      const quotient = review._tag === "Validated" ? { _tag: "QuotientKnown" as const, qf, source: "caf" as const, recordId: record.id } : { _tag: "QuotientMissing" as const }
      const children = result.activities[0]?.children ?? []
      expect(children).toHaveLength(household.children.length)
      children.forEach((child, i) => {
        const priced = priceSession(grid, { quotient, residency: household.residency, childRank: i + 1, circumstance: "reserved" })
        expect(child.unitPrice).toBe(priced.amount)
        expect(child.monthly).toBe(priced.amount * days * 4)
      })
    }
  )
})
