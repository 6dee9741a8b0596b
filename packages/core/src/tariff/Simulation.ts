import { Effect, Either, Schema } from "effect"
import { amountInCents, optional, required, wholeNumber } from "../household/FrenchFields.js"
import { type Household, Residency, siblingRank } from "../household/Household.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import { countParts, defaultPartTable, type PartTable } from "../household/PartTable.js"
import { computeQuotient, formatParts, type QuotientRecord } from "../household/QuotientFamilial.js"
import { QuotientRepository } from "../household/QuotientRepository.js"
import * as Cents from "../shared/Cents.js"
import { ActivityId, type HouseholdId, MemberId, type TariffGridId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { type PriceExplanation, priceSession, quotientForPricing, type QuotientUsed, quotientMissing } from "./Pricing.js"
import { NoTariffGridForActivity, TariffCatalogue } from "./TariffCatalogue.js"
import type { TariffGrid } from "./TariffGrid.js"

/**
 * How a family uses the activities in a typical month ("canteen 4 days a week, evening care
 * 2 days"): days per week for each activity, over `weeks` weeks (default 4). For a real
 * household, `childIds` picks the children concerned (default: all); for a hypothetical one,
 * `children` says how many (default: all of them).
 */
export const UsagePattern = Schema.Struct({
  uses: required(
    Schema.Array(
      Schema.Struct({
        activityId: required(ActivityId, "Indiquez l'activité."),
        daysPerWeek: required(wholeNumber("le nombre de jours par semaine", 0, 7), "Indiquez combien de jours par semaine."),
        children: optional(wholeNumber("le nombre d'enfants concernés", 1, 20)),
        childIds: optional(Schema.Array(MemberId))
      })
    ),
    "Indiquez les activités à simuler."
  ),
  weeks: Schema.optionalWith(wholeNumber("le nombre de semaines", 1, 6), { default: () => 4 })
})
export type UsagePattern = typeof UsagePattern.Type

/** A family that asks "what would I pay?" without being registered: its income (or QF), composition and residency. */
export const HypotheticalSituation = Schema.Struct({
  income: required(
    Schema.Union(
      Schema.TaggedStruct("FromIncome", {
        annualIncome: required(amountInCents("le revenu fiscal de référence"), "Indiquez le revenu fiscal de référence (en centimes)."),
        monthlyBenefits: required(amountInCents("les prestations familiales"), "Indiquez les prestations familiales mensuelles (0 s'il n'y en a pas).")
      }),
      Schema.TaggedStruct("KnownQuotient", {
        qf: required(wholeNumber("le quotient familial", 0, 100_000), "Indiquez le quotient familial.")
      }),
      Schema.TaggedStruct("NoQuotient", {})
    ).annotations({
      message: () => ({
        message: "Indiquez vos revenus (FromIncome), votre quotient familial (KnownQuotient) ou aucun des deux (NoQuotient).",
        override: true
      })
    }),
    "Indiquez vos revenus, votre quotient familial, ou qu'il n'est pas connu."
  ),
  adults: required(wholeNumber("le nombre de parents", 1, 2), "Indiquez le nombre de parents (1 ou 2)."),
  children: required(wholeNumber("le nombre d'enfants", 1, 20), "Indiquez le nombre d'enfants."),
  disabledChildren: Schema.optionalWith(wholeNumber("le nombre d'enfants bénéficiaires de l'AEEH", 0, 20), { default: () => 0 }),
  residency: required(Residency, "Indiquez si vous habitez la commune.")
}).pipe(
  Schema.filter((s) =>
    s.disabledChildren <= s.children || {
      path: ["disabledChildren"],
      message: "Le nombre d'enfants bénéficiaires de l'AEEH ne peut dépasser le nombre d'enfants."
    }
  )
)
export type HypotheticalSituation = typeof HypotheticalSituation.Type

/** What the pure simulation needs: the QF, residency, and for each activity the children concerned, eldest first. */
export interface SimulationRequest {
  readonly schoolYear: string
  readonly quotient: QuotientUsed
  /** How the QF was found, in French. */
  readonly quotientLine: string
  readonly residency: Residency
  readonly weeks: number
  readonly uses: ReadonlyArray<{
    readonly activityId: ActivityId
    readonly daysPerWeek: number
    /** Labels of the children using the activity, by sibling rank (eldest first). */
    readonly children: ReadonlyArray<string>
  }>
}

/** One child's price for an activity and its monthly estimate. */
export interface SimulatedChild {
  readonly childLabel: string
  readonly rank: number
  readonly unitPrice: Cents.Cents
  readonly explanation: PriceExplanation
  readonly sessions: number
  readonly monthly: Cents.Cents
  readonly line: string
}

/** One activity of the simulation. */
export interface SimulatedActivity {
  readonly activityId: ActivityId
  readonly gridId: TariffGridId
  readonly gridLabel: string
  readonly daysPerWeek: number
  readonly weeks: number
  readonly children: ReadonlyArray<SimulatedChild>
  readonly monthly: Cents.Cents
}

/** What a family would pay: unit prices explained, and a monthly estimate. */
export interface SimulationResult {
  readonly schoolYear: string
  readonly quotient: QuotientUsed
  readonly residency: Residency
  readonly activities: ReadonlyArray<SimulatedActivity>
  readonly monthlyTotal: Cents.Cents
  readonly lines: ReadonlyArray<string>
}

/**
 * The simulation, pure: for each activity, the grid of the school year and, for each child using
 * it, the unit price from `priceSession` (the function invoices use, with the booked-in-time
 * circumstance) times the days per week and the weeks.
 */
export function simulateTariff(
  grids: ReadonlyArray<TariffGrid>,
  request: SimulationRequest
): Either.Either<SimulationResult, NoTariffGridForActivity> {
  const activities: Array<SimulatedActivity> = []
  for (const use of request.uses) {
    const grid = grids.find((g) => g.schoolYear === request.schoolYear && g.activityIds.includes(use.activityId))
    if (grid === undefined) return Either.left(new NoTariffGridForActivity({ activityId: use.activityId, schoolYear: request.schoolYear }))
    const sessions = use.daysPerWeek * request.weeks
    const children = use.children.map((childLabel, i): SimulatedChild => {
      const { amount, explanation } = priceSession(grid, {
        quotient: request.quotient,
        residency: request.residency,
        childRank: i + 1,
        circumstance: "reserved"
      })
      const monthly = Cents.times(amount, sessions)
      return {
        childLabel,
        rank: i + 1,
        unitPrice: amount,
        explanation,
        sessions,
        monthly,
        line: `${grid.label} — ${childLabel} : ${Cents.formatEuros(amount)} × ${use.daysPerWeek} jour(s) × ${request.weeks} semaine(s) = ${Cents.formatEuros(monthly)}`
      }
    })
    activities.push({
      activityId: use.activityId,
      gridId: grid.id,
      gridLabel: grid.label,
      daysPerWeek: use.daysPerWeek,
      weeks: request.weeks,
      children,
      monthly: Cents.sum(children.map((c) => c.monthly))
    })
  }
  const monthlyTotal = Cents.sum(activities.map((a) => a.monthly))
  return Either.right({
    schoolYear: request.schoolYear,
    quotient: request.quotient,
    residency: request.residency,
    activities,
    monthlyTotal,
    lines: [
      request.quotientLine,
      ...activities.flatMap((a) => a.children.map((c) => c.line)),
      `Estimation pour un mois de ${request.weeks} semaines : ${Cents.formatEuros(monthlyTotal)}`
    ]
  })
}

const ordinal = (rank: number): string => (rank === 1 ? "1er enfant" : `${rank}e enfant`)

/** The simulation request of a registered household on a date: its QF then, its residency, its children. */
export function simulationRequestForHousehold(
  household: Household,
  records: ReadonlyArray<QuotientRecord>,
  on: LocalDate.LocalDate,
  pattern: UsagePattern
): Either.Either<SimulationRequest, InvalidInput> {
  const quotient = quotientForPricing(records, on)
  const uses: Array<SimulationRequest["uses"][number]> = []
  for (const [i, use] of pattern.uses.entries()) {
    const unknown = (use.childIds ?? []).filter((id) => household.child(id) === undefined)
    if (unknown.length > 0)
      return Either.left(
        new InvalidInput({
          subject: "La simulation des tarifs",
          problems: [{ path: `uses.${i}.childIds`, message: `Ces enfants ne font pas partie du foyer : ${unknown.join(", ")}.` }]
        })
      )
    const concerned = use.childIds === undefined
      ? household.children
      : household.children.filter((c) => use.childIds?.includes(c.id))
    const ranked = [...concerned].sort((a, b) => siblingRank(concerned, a.id) - siblingRank(concerned, b.id))
    const limited = use.children === undefined ? ranked : ranked.slice(0, use.children)
    uses.push({ activityId: use.activityId, daysPerWeek: use.daysPerWeek, children: limited.map((c) => c.firstName) })
  }
  return Either.right({
    schoolYear: LocalDate.schoolYear(on),
    quotient,
    quotientLine: quotient._tag === "QuotientMissing"
      ? `Aucun quotient familial valide au ${LocalDate.formatFr(on)} : le tarif le plus élevé s'applique.`
      : `Quotient familial au ${LocalDate.formatFr(on)} : ${quotient.qf} €.`,
    residency: household.residency,
    weeks: pattern.weeks,
    uses
  })
}

/** The simulation request of a hypothetical family: its QF computed from its income with the part table, or given. */
export function simulationRequestForSituation(
  situation: HypotheticalSituation,
  on: LocalDate.LocalDate,
  pattern: UsagePattern,
  partTable: PartTable = defaultPartTable
): SimulationRequest {
  const income = situation.income
  let quotient: QuotientUsed = quotientMissing
  let quotientLine = "Sans quotient familial, le tarif le plus élevé s'applique."
  if (income._tag === "FromIncome") {
    const parts = countParts(partTable, { adults: situation.adults, children: situation.children, disabledChildren: situation.disabledChildren })
    const qf = computeQuotient({ annualIncome: income.annualIncome, monthlyBenefits: income.monthlyBenefits, parts })
    quotient = { _tag: "QuotientKnown", qf, source: "simulation" }
    quotientLine = `Quotient familial estimé : (${Cents.formatEuros(income.annualIncome)} / 12 + ${Cents.formatEuros(income.monthlyBenefits)}) / ${formatParts(parts)} parts = ${qf} €.`
  } else if (income._tag === "KnownQuotient") {
    quotient = { _tag: "QuotientKnown", qf: income.qf, source: "simulation" }
    quotientLine = `Quotient familial indiqué : ${income.qf} €.`
  }
  return {
    schoolYear: LocalDate.schoolYear(on),
    quotient,
    quotientLine,
    residency: situation.residency,
    weeks: pattern.weeks,
    uses: pattern.uses.map((use) => ({
      activityId: use.activityId,
      daysPerWeek: use.daysPerWeek,
      children: Array.from({ length: Math.min(use.children ?? situation.children, situation.children) }, (_, i) => ordinal(i + 1))
    }))
  }
}

const gridsFor = (pattern: UsagePattern, schoolYear: string) =>
  Effect.gen(function* () {
    const catalogue = yield* TariffCatalogue
    return yield* Effect.forEach(pattern.uses, (use) => catalogue.gridFor(use.activityId, schoolYear))
  })

/**
 * "Simulation des tarifs" for a registered household: its QF on `on`, its residency and children,
 * priced with the grids of that school year.
 */
export const simulateTariffForHousehold = (householdId: HouseholdId, on: LocalDate.LocalDate, pattern: unknown) =>
  Effect.gen(function* () {
    const usage = yield* validate(UsagePattern, "La simulation des tarifs")(pattern)
    const household = yield* (yield* HouseholdRepository).get(householdId)
    const records = yield* (yield* QuotientRepository).listByHousehold(householdId)
    const request = yield* simulationRequestForHousehold(household, records, on, usage)
    const grids = yield* gridsFor(usage, request.schoolYear)
    return yield* simulateTariff(grids, request)
  })

/** "Simulation des tarifs" for a family that is not registered, from its income or QF. */
export const simulateTariffForSituation = (
  situation: unknown,
  on: LocalDate.LocalDate,
  pattern: unknown,
  partTable: PartTable = defaultPartTable
) =>
  Effect.gen(function* () {
    const hypothesis = yield* validate(HypotheticalSituation, "Votre situation")(situation)
    const usage = yield* validate(UsagePattern, "La simulation des tarifs")(pattern)
    const request = simulationRequestForSituation(hypothesis, on, usage, partTable)
    const grids = yield* gridsFor(usage, request.schoolYear)
    return yield* simulateTariff(grids, request)
  })
