/**
 * The rules of @spe/core used alone, from a script: a town's canteen grid, the explained price of
 * a meal for three households, a simulation, and a month of canteen billed for one household with
 * each line explained. Run with `npm start` at the root of the repository.
 *
 * EXAMPLE FIGURES: the grid, the households and their QF are invented for this demonstration,
 * in the manner of Saint-Pierre-lès-Elbeuf; they are not the town's real tariff or families.
 */
import {
  ActivityId,
  BillableAbsence,
  BillableCancellation,
  BillableFact,
  BillingMonth,
  BillingRules,
  billingTargets,
  Cents,
  checkCantineAUnEuro,
  Household,
  HypotheticalSituation,
  Instant,
  invoiceLinesByChildAndActivity,
  LocalDate,
  planBillingRun,
  PriceExplanation,
  priceSession,
  quotientForPricing,
  QuotientRecord,
  SessionId,
  siblingRank,
  simulateTariff,
  simulationRequestForSituation,
  type TariffGrid,
  UsagePattern,
  validateTariffGrid
} from "@spe/core"
import { Either, Schema } from "effect"

const mealDay = LocalDate.unsafe("2026-03-02")

/** The town's canteen grid for 2025-2026, typed as an agent would, and validated. EXAMPLE FIGURES. */
function canteenGrid(): TariffGrid {
  const typed = {
    id: "grille-restauration-2025",
    label: "Restauration scolaire 2025-2026 (chiffres d'exemple)",
    activityIds: ["restauration-scolaire"],
    schoolYear: "2025-2026",
    mode: {
      _tag: "Bands",
      bands: [
        { label: "T1", fromQf: 0, toQf: 600, price: 100 },
        { label: "T2", fromQf: 601, toQf: 900, price: 230 },
        { label: "T3", fromQf: 901, toQf: 1300, price: 310 },
        { label: "T4", fromQf: 1301, price: 380 }
      ]
    },
    costOfProduction: 750,
    modifiers: {
      nonResident: { _tag: "Percent", rate: 2000 },
      siblings: { second: 0, thirdAndMore: 1000 },
      unreservedPresence: { _tag: "FixedPrice", price: 600 }
    }
  }
  return Either.getOrThrowWith(validateTariffGrid(typed), (refused) => new Error(refused.message))
}

/** Three households, as the town's database would give them back. EXAMPLE FIGURES. */
function households(): ReadonlyArray<{ readonly household: Household; readonly quotients: ReadonlyArray<QuotientRecord> }> {
  const decodeHousehold = Schema.decodeUnknownSync(Household)
  const decodeQuotient = Schema.decodeUnknownSync(QuotientRecord)
  const address = { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" }
  const validated = { _tag: "Validated", at: "2025-09-03T08:30:00.000Z", by: "service.population" }
  return [
    {
      household: decodeHousehold({
        id: "foyer-1", reference: "FAM-000001", familyName: "Concerto", address, residency: "resident",
        contact: { email: "a.baud@arpege.fr", phones: [] },
        adults: [{ id: "m-1", firstName: "Anne", lastName: "Concerto", isPayer: true }],
        children: [
          { id: "m-2", firstName: "Léa", lastName: "Concerto", birthDate: "2017-05-12", schoolLevel: "CE2" },
          { id: "m-3", firstName: "Hugo", lastName: "Concerto", birthDate: "2019-01-20", schoolLevel: "GS" },
          { id: "m-4", firstName: "Zoé", lastName: "Concerto", birthDate: "2020-11-03", schoolLevel: "MS" }
        ]
      }),
      quotients: [
        decodeQuotient({
          id: "qf-1", householdId: "foyer-1", qf: 780, source: { _tag: "CafNumber", cafNumber: "1234567" },
          validFrom: "2025-09-01", validTo: "2026-08-31", review: validated, submittedAt: "2025-09-02T18:00:00.000Z"
        })
      ]
    },
    {
      household: decodeHousehold({
        id: "foyer-2", reference: "FAM-000002", familyName: "Martin", residency: "non-resident",
        address: { line1: "8 rue de la République", postalCode: "76500", city: "Elbeuf" },
        contact: { email: "c.martin@exemple.fr", phones: [{ number: "06 12 34 56 78" }] },
        adults: [{ id: "m-5", firstName: "Chloé", lastName: "Martin", isPayer: true }],
        children: [{ id: "m-6", firstName: "Noé", lastName: "Martin", birthDate: "2018-03-04", schoolLevel: "CE1" }]
      }),
      quotients: [
        decodeQuotient({
          id: "qf-2", householdId: "foyer-2", qf: 1100,
          source: { _tag: "DeclaredWithProof", documentId: "avis-2025-martin", annualIncome: 3_960_000, monthlyBenefits: 0, parts: 3 },
          validFrom: "2025-09-01", validTo: "2026-08-31", review: validated, submittedAt: "2025-09-01T20:00:00.000Z"
        })
      ]
    },
    {
      household: decodeHousehold({
        id: "foyer-3", reference: "FAM-000003", familyName: "Leroy", address, residency: "resident",
        contact: { email: "leroy@exemple.fr", phones: [] },
        adults: [{ id: "m-7", firstName: "Paul", lastName: "Leroy", isPayer: true }],
        children: [{ id: "m-8", firstName: "Inès", lastName: "Leroy", birthDate: "2019-06-30", schoolLevel: "GS" }]
      }),
      quotients: []
    }
  ]
}

/**
 * The facts of March 2026 for one child, as reservations, absences and the agents' register give
 * them: each becomes a line of the billing table. EXAMPLE FIGURES.
 */
function marchFacts(household: Household): ReadonlyArray<BillableFact> {
  const child = household.children[0]!
  const fact = (date: string, what: Partial<Pick<BillableFact, "booked" | "cancelled" | "attendance" | "absence">>) =>
    BillableFact.make({
      householdId: household.id,
      childId: child.id,
      childName: child.firstName,
      activityId: ActivityId.make("restauration-scolaire"),
      activityName: "Restauration scolaire",
      sessionId: SessionId.make(`restauration-scolaire:${date}`),
      date: LocalDate.unsafe(date),
      booked: true,
      attendance: "present",
      ...what
    })
  return [
    fact("2026-03-02", {}),
    fact("2026-03-03", {}),
    fact("2026-03-05", { cancelled: BillableCancellation.make({ at: Instant.unsafe("2026-03-01T09:00:00Z"), late: false }), attendance: "unrecorded" }),
    fact("2026-03-06", { cancelled: BillableCancellation.make({ at: Instant.unsafe("2026-03-05T19:00:00Z"), late: true }), attendance: "absent" }),
    fact("2026-03-09", { attendance: "absent", absence: BillableAbsence.make({ justified: true, carence: false }) }),
    fact("2026-03-10", { attendance: "absent" }),
    fact("2026-03-12", { booked: false })
  ]
}

/** Section 4: a month billed for one household, each line saying which rule billed it and at what price. */
function printBilledMonth(grid: TariffGrid): void {
  const { household, quotients } = households()[0]!
  const encodeExplanation = Schema.encodeSync(PriceExplanation)
  const targets = billingTargets(marchFacts(household), BillingRules.make({}), (fact, circumstance) => {
    const { amount, explanation } = priceSession(grid, {
      quotient: quotientForPricing(quotients, fact.date),
      residency: household.residency,
      childRank: siblingRank(household.children, fact.childId),
      circumstance
    })
    return { amount, explanation: encodeExplanation(explanation) }
  })
  const plan = planBillingRun({ period: BillingMonth.make("2026-03"), targets, invoices: [], creditNotes: [] })
  console.log(`== Facture de mars 2026, famille ${household.familyName} ==`)
  for (const outcome of plan.outcomes.filter((o) => o.target.amount === 0)) {
    console.log(`  ${LocalDate.formatFr(outcome.target.fact.date)} : ${outcome.target.decision.label} — non facturé`)
  }
  const groups = invoiceLinesByChildAndActivity(plan.households.flatMap((h) => h.charges))
  for (const group of groups) {
    console.log(`  ${group.childName} — ${group.activityName}`)
    for (const line of group.lines) {
      console.log(`    ${LocalDate.formatFr(line.date)} : ${line.rule.label}, ${Cents.formatEuros(line.amount)}`)
      const explained = Schema.decodeUnknownSync(PriceExplanation)(line.pricing)
      for (const detail of explained.lines) console.log(`      ${detail}`)
    }
    console.log(`    Sous-total : ${Cents.formatEuros(group.subtotal)}`)
  }
  console.log(`  Total : ${Cents.formatEuros(Cents.sum(groups.map((g) => g.subtotal)))}`)
  console.log()
}

/** Section 1: the grid as a family would read it, and the "cantine à 1 €" check. */
function printGrid(grid: TariffGrid): void {
  console.log(`== ${grid.label} ==`)
  if (grid.mode._tag === "Bands")
    for (const band of grid.mode.bands) {
      const range = band.toQf === undefined ? `QF à partir de ${band.fromQf} €` : `QF de ${band.fromQf} à ${band.toQf} €`
      console.log(`  ${band.label} (${range}) : ${Cents.formatEuros(band.price)}`)
    }
  console.log(`  Coût de revient (aucun prix ne le dépasse) : ${Cents.formatEuros(grid.costOfProduction)}`)
  const check = checkCantineAUnEuro(grid)
  console.log(`  Cantine à 1 € : ${check.eligible ? "oui" : "non"} — ${check.reason}`)
  console.log()
}

/** Section 2: the price of a meal for each child of each household, explained line by line. */
function printMealPrices(grid: TariffGrid): void {
  console.log(`== Prix d'un repas réservé, ${LocalDate.formatFr(mealDay)} ==`)
  for (const { household, quotients } of households()) {
    const residency = household.residency === "resident" ? "habite la commune" : "n'habite pas la commune"
    console.log(`Famille ${household.familyName} (${household.reference}), ${residency}`)
    for (const child of household.children) {
      const { amount, explanation } = priceSession(grid, {
        quotient: quotientForPricing(quotients, mealDay),
        residency: household.residency,
        childRank: siblingRank(household.children, child.id),
        circumstance: "reserved"
      })
      console.log(`  ${child.firstName} : ${Cents.formatEuros(amount)}`)
      for (const line of explanation.lines) console.log(`    ${line}`)
    }
    console.log()
  }
}

/** Section 3: "Simulation des tarifs" for a family that is not registered yet. */
function printSimulation(grid: TariffGrid): void {
  const situation = Schema.decodeUnknownSync(HypotheticalSituation)({
    income: { _tag: "FromIncome", annualIncome: 2_880_000, monthlyBenefits: 14_000 },
    adults: 2,
    children: 2,
    residency: "resident"
  })
  const pattern = Schema.decodeUnknownSync(UsagePattern)({ uses: [{ activityId: "restauration-scolaire", daysPerWeek: 4 }] })
  const simulation = simulateTariff([grid], simulationRequestForSituation(situation, mealDay, pattern))
  console.log("== Simulation : un couple, deux enfants, 28 800 € de revenu fiscal, 140 € de prestations par mois ==")
  Either.match(simulation, {
    onLeft: (refused) => console.log(`  ${refused.message}`),
    onRight: (result) => result.lines.forEach((line) => console.log(`  ${line}`))
  })
  console.log()
}

function main(): void {
  const grid = canteenGrid()
  printGrid(grid)
  printMealPrices(grid)
  printSimulation(grid)
  printBilledMonth(grid)
}

main()
