import { fc, test } from "@fast-check/vitest"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Adult, Child, Household } from "../../src/household/Household.js"
import { QuotientRecord } from "../../src/household/QuotientFamilial.js"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, HouseholdId, MemberId, QuotientRecordId, TariffGridId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { priceSession, type QuotientUsed } from "../../src/tariff/Pricing.js"
import {
  HypotheticalSituation,
  simulateTariff,
  type SimulationRequest,
  simulationRequestForHousehold,
  simulationRequestForSituation,
  UsagePattern
} from "../../src/tariff/Simulation.js"
import { TariffGrid, type TariffMode } from "../../src/tariff/TariffGrid.js"

const c = Cents.cents
const bp = Cents.basisPoints
const canteen = ActivityId.make("canteen")
const evening = ActivityId.make("evening")

const canteenGrid = TariffGrid.make({
  id: TariffGridId.make("grid-canteen"),
  label: "Restauration scolaire",
  activityIds: [canteen],
  schoolYear: "2025-2026",
  mode: {
    _tag: "Bands",
    bands: [
      { label: "T1", fromQf: 0, toQf: 600, price: c(100) },
      { label: "T2", fromQf: 601, toQf: 900, price: c(250) },
      { label: "T3", fromQf: 901, toQf: 1300, price: c(360) },
      { label: "T4", fromQf: 1301, price: c(420) }
    ]
  },
  costOfProduction: c(800),
  modifiers: { nonResident: { _tag: "Percent", rate: bp(2000) }, siblings: { second: bp(1000), thirdAndMore: bp(2000) } }
})
const eveningGrid = TariffGrid.make({
  id: TariffGridId.make("grid-evening"),
  label: "Accueil du soir",
  activityIds: [evening],
  schoolYear: "2025-2026",
  mode: { _tag: "EffortRate", rate: bp(60), floor: c(100), ceiling: c(597) },
  costOfProduction: c(900),
  modifiers: {}
})
const on = LocalDate.unsafe("2026-03-02")
const pattern = Schema.decodeUnknownSync(UsagePattern)({
  uses: [{ activityId: "canteen", daysPerWeek: 4 }, { activityId: "evening", daysPerWeek: 2 }]
})

describe("tariff simulation", () => {
  it("estimates a hypothetical family's month from its income", () => {
    const situation = Schema.decodeUnknownSync(HypotheticalSituation)({
      income: { _tag: "FromIncome", annualIncome: 30_000_00, monthlyBenefits: 150_00 },
      adults: 2,
      children: 2,
      residency: "resident"
    })
    const request = simulationRequestForSituation(situation, on, pattern)
    expect(request.quotient).toEqual({ _tag: "QuotientKnown", qf: 883, source: "simulation" })
    const result = Either.getOrThrow(simulateTariff([canteenGrid, eveningGrid], request))
    expect(result.activities.map((a) => a.children.map((ch) => ch.unitPrice))).toEqual([[250, 225], [530, 530]])
    expect(result.monthlyTotal).toBe((250 + 225) * 16 + 530 * 2 * 8)
    expect(result.lines).toEqual([
      "Quotient familial estimé : (30\u202f000,00 € / 12 + 150,00 €) / 3 parts = 883 €.",
      "Restauration scolaire — 1er enfant : 2,50 € × 4 jour(s) × 4 semaine(s) = 40,00 €",
      "Restauration scolaire — 2e enfant : 2,25 € × 4 jour(s) × 4 semaine(s) = 36,00 €",
      "Accueil du soir — 1er enfant : 5,30 € × 2 jour(s) × 4 semaine(s) = 42,40 €",
      "Accueil du soir — 2e enfant : 5,30 € × 2 jour(s) × 4 semaine(s) = 42,40 €",
      "Estimation pour un mois de 4 semaines : 160,80 €"
    ])
  })

  it("prices a registered household with its QF on the date, its residency and its children by age", () => {
    const member = MemberId.make
    const household = Household.make({
      id: HouseholdId.make("hh-1"),
      reference: "FAM-1",
      familyName: "Concerto",
      address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
      contact: { email: "a.baud@arpege.fr", phones: [] },
      residency: "non-resident",
      adults: [Adult.make({ id: member("m-1"), firstName: "Anne", lastName: "Concerto", isPayer: true })],
      children: [
        Child.make({ id: member("m-3"), firstName: "Hugo", lastName: "Concerto", birthDate: LocalDate.unsafe("2020-11-03"), aeeh: false }),
        Child.make({ id: member("m-2"), firstName: "Léa", lastName: "Concerto", birthDate: LocalDate.unsafe("2017-05-12"), aeeh: false })
      ]
    })
    const record = QuotientRecord.make({
      id: QuotientRecordId.make("qf-1"),
      householdId: household.id,
      qf: 1400,
      source: { _tag: "CafNumber", cafNumber: "1234567" },
      validFrom: LocalDate.unsafe("2026-01-01"),
      validTo: LocalDate.unsafe("2026-12-31"),
      review: { _tag: "Validated", at: Instant.unsafe("2026-01-05T09:00:00Z"), by: "agent" },
      submittedAt: Instant.unsafe("2026-01-04T09:00:00Z")
    })
    const request = Either.getOrThrow(simulationRequestForHousehold(household, [record], on, { uses: [{ activityId: canteen, daysPerWeek: 4 }], weeks: 4 }))
    expect(request.uses[0]?.children).toEqual(["Léa", "Hugo"])
    const result = Either.getOrThrow(simulateTariff([canteenGrid], request))
    expect(result.activities[0]?.children.map((ch) => [ch.childLabel, ch.unitPrice])).toEqual([["Léa", 504], ["Hugo", 454]])

    const before = Either.getOrThrow(simulationRequestForHousehold(household, [record], LocalDate.unsafe("2025-12-01"), pattern))
    expect(before.quotient).toEqual({ _tag: "QuotientMissing" })
    expect(before.quotientLine).toContain("le tarif le plus élevé s'applique")

    const stranger = simulationRequestForHousehold(household, [], on, { uses: [{ activityId: canteen, daysPerWeek: 4, childIds: [member("m-9")] }], weeks: 4 })
    expect(Either.isLeft(stranger) && stranger.left.message).toContain("ne font pas partie du foyer")
  })

  it("says which activity has no grid for the school year", () => {
    const request = simulationRequestForSituation(
      Schema.decodeUnknownSync(HypotheticalSituation)({ income: { _tag: "NoQuotient" }, adults: 1, children: 1, residency: "resident" }),
      LocalDate.unsafe("2026-09-01"),
      pattern
    )
    const result = simulateTariff([canteenGrid, eveningGrid], request)
    expect(Either.isLeft(result) && result.left.message).toBe(
      "Le tarif de l'activité canteen pour l'année scolaire 2026-2027 n'est pas encore publié. Contactez le Service à la Population pour le connaître."
    )
  })
})

const modes: fc.Arbitrary<TariffMode> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 900 })).map(
    ([cut, low, extra]): TariffMode => ({
      _tag: "Bands",
      bands: [
        { label: "A", fromQf: 0, toQf: cut - 1, price: c(low) },
        { label: "B", fromQf: cut, price: c(low + extra) }
      ]
    })
  ),
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 })).map(
    ([rate, floor, extra]): TariffMode => ({ _tag: "EffortRate", rate: bp(rate), floor: c(floor), ceiling: c(floor + extra) })
  )
)
const simulatedGrids = fc
  .tuple(modes, modes, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 3000 }))
  .map(([a, b, rateA, rateB, cost]) =>
    [a, b].map((mode, i) =>
      TariffGrid.make({
        id: TariffGridId.make(`grid-${i}`),
        label: `Activité ${i}`,
        activityIds: [i === 0 ? canteen : evening],
        schoolYear: "2025-2026",
        mode,
        costOfProduction: c(cost),
        modifiers: { nonResident: { _tag: "Percent", rate: bp(i === 0 ? rateA : rateB) }, siblings: { second: bp(1000), thirdAndMore: bp(2500) } }
      })
    )
  )
const requests: fc.Arbitrary<SimulationRequest> = fc.record({
  schoolYear: fc.constant("2025-2026"),
  quotient: fc.oneof(
    fc.integer({ min: 0, max: 3000 }).map((qf): QuotientUsed => ({ _tag: "QuotientKnown", qf, source: "simulation" })),
    fc.constant<QuotientUsed>({ _tag: "QuotientMissing" })
  ),
  quotientLine: fc.constant("QF"),
  residency: fc.constantFrom("resident" as const, "non-resident" as const),
  weeks: fc.integer({ min: 1, max: 6 }),
  uses: fc.array(
    fc.record({
      activityId: fc.constantFrom(canteen, evening),
      daysPerWeek: fc.integer({ min: 0, max: 7 }),
      children: fc.integer({ min: 1, max: 4 }).map((n) => Array.from({ length: n }, (_, i) => `enfant ${i + 1}`))
    }),
    { maxLength: 4 }
  )
})

test.prop([simulatedGrids, requests])(
  "the simulation gives, for every child and activity, exactly the price of priceSession and that price × days × weeks",
  (grids, request) => {
    const result = Either.getOrThrow(simulateTariff(grids, request))
    result.activities.forEach((activity, i) => {
      const grid = grids.find((g) => g.activityIds.includes(activity.activityId))
      const use = request.uses[i]
      if (grid === undefined || use === undefined) throw new Error("every use is simulated")
      activity.children.forEach((child, k) => {
        const priced = priceSession(grid, { quotient: request.quotient, residency: request.residency, childRank: k + 1, circumstance: "reserved" })
        expect(child.unitPrice).toBe(priced.amount)
        expect(child.explanation).toEqual(priced.explanation)
        expect(child.monthly).toBe(priced.amount * use.daysPerWeek * request.weeks)
      })
    })
    expect(result.monthlyTotal).toBe(Cents.sum(result.activities.flatMap((a) => a.children.map((ch) => ch.monthly))))
  }
)
