import { Effect, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { DocumentId, HouseholdId, QuotientRecordId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import { validate } from "../shared/Validation.js"
import { amountInCents, date, oneOf, optional, required, text, wholeNumber } from "./FrenchFields.js"
import { HouseholdRepository } from "./HouseholdRepository.js"
import { compositionOf, countParts, defaultPartTable, type PartTable } from "./PartTable.js"
import {
  applicableQuotient,
  approveQuotient,
  computeQuotient,
  QuotientRecord,
  type QuotientSource,
  rejectQuotient
} from "./QuotientFamilial.js"
import { QuotientRepository } from "./QuotientRepository.js"

const period = {
  validFrom: required(date("le début de validité"), "Indiquez à partir de quand le quotient familial s'applique."),
  validTo: required(date("la fin de validité"), "Indiquez jusqu'à quand le quotient familial s'applique.")
}
const periodInOrder = <T extends { readonly validFrom: string; readonly validTo: string }>(p: T) =>
  p.validFrom <= p.validTo || { path: ["validTo"], message: "La fin de validité doit suivre le début de validité." }

/** A family declares its income with a proof (tax notice, CAF certificate) already stored. */
export const QuotientDeclaration = Schema.Struct({
  householdId: required(HouseholdId, "Indiquez le foyer."),
  annualIncome: required(amountInCents("le revenu fiscal de référence"), "Indiquez le revenu fiscal de référence de l'année (en centimes)."),
  monthlyBenefits: required(amountInCents("le montant des prestations familiales"), "Indiquez les prestations familiales reçues chaque mois (0 s'il n'y en a pas)."),
  documentId: required(DocumentId, "Joignez le justificatif (avis d'imposition ou attestation CAF)."),
  ...period
}).pipe(Schema.filter(periodInOrder))

/** A QF given by the CAF for an allocataire number. */
export const CafQuotient = Schema.Struct({
  householdId: required(HouseholdId, "Indiquez le foyer."),
  cafNumber: required(
    Schema.String.annotations({ message: () => "Le numéro d'allocataire doit être un texte." }).pipe(
      Schema.compose(Schema.Trim),
      Schema.pattern(/^\d{1,10}$/, { message: () => "Le numéro d'allocataire CAF ne contient que des chiffres (7 le plus souvent)." })
    ),
    "Indiquez le numéro d'allocataire CAF."
  ),
  qf: required(wholeNumber("le quotient familial", 0, 100_000), "Indiquez le quotient familial donné par la CAF."),
  ...period
}).pipe(Schema.filter(periodInOrder))

/** A QF an agent sets directly (it is validated at once). */
export const AgentQuotient = Schema.Struct({
  householdId: required(HouseholdId, "Indiquez le foyer."),
  qf: required(wholeNumber("le quotient familial", 0, 100_000), "Indiquez le quotient familial."),
  agent: required(text("l'agent", 120), "Indiquez l'agent qui fixe le quotient familial."),
  reason: required(text("le motif", 500), "Indiquez le motif."),
  ...period
}).pipe(Schema.filter(periodInOrder))

/** An agent's decision on a pending QF. */
export const QuotientDecision = Schema.Struct({
  recordId: required(QuotientRecordId, "Indiquez le quotient familial examiné."),
  decision: required(oneOf(["validate", "reject"], "La décision est validate ou reject."), "Indiquez la décision."),
  by: required(text("l'agent", 120), "Indiquez l'agent qui décide."),
  reason: optional(text("le motif du refus", 500))
}).pipe(
  Schema.filter((d) => d.decision === "validate" || d.reason !== undefined || { path: ["reason"], message: "Indiquez le motif du refus : la famille le verra." })
)

const newRecord = (
  householdId: HouseholdId,
  qf: number,
  source: QuotientSource,
  validity: { readonly validFrom: LocalDate; readonly validTo: LocalDate },
  validatedBy?: string
) =>
  Effect.gen(function* () {
    const households = yield* HouseholdRepository
    yield* households.get(householdId)
    const now = yield* (yield* Clock).now
    const id = QuotientRecordId.make(yield* (yield* IdGenerator).next("qf"))
    const record = QuotientRecord.make({
      id,
      householdId,
      qf,
      source,
      validFrom: validity.validFrom,
      validTo: validity.validTo,
      review: validatedBy === undefined ? { _tag: "Pending" } : { _tag: "Validated", at: now, by: validatedBy },
      submittedAt: now
    })
    yield* (yield* QuotientRepository).save(record)
    return record
  })

/**
 * A family declares its income: the QF is computed with the CAF formula over the household's
 * parts (`partTable`, the town's, default `defaultPartTable`) and waits for an agent's review.
 */
export const declareQuotient = (input: unknown, partTable: PartTable = defaultPartTable) =>
  Effect.gen(function* () {
    const declaration = yield* validate(QuotientDeclaration, "La déclaration de revenus")(input)
    const household = yield* (yield* HouseholdRepository).get(declaration.householdId)
    const parts = countParts(partTable, compositionOf(household))
    const qf = computeQuotient({ annualIncome: declaration.annualIncome, monthlyBenefits: declaration.monthlyBenefits, parts })
    return yield* newRecord(
      household.id,
      qf,
      { _tag: "DeclaredWithProof", documentId: declaration.documentId, annualIncome: declaration.annualIncome, monthlyBenefits: declaration.monthlyBenefits, parts },
      declaration
    )
  })

/** Records a QF given by the CAF (API Particulier or the family's CAF letter); an agent reviews it. */
export const recordCafQuotient = (input: unknown) =>
  Effect.gen(function* () {
    const caf = yield* validate(CafQuotient, "Le quotient familial CAF")(input)
    return yield* newRecord(caf.householdId, caf.qf, { _tag: "CafNumber", cafNumber: caf.cafNumber }, caf)
  })

/** An agent sets a household's QF; it is validated at once, in the agent's name. */
export const setQuotientByAgent = (input: unknown) =>
  Effect.gen(function* () {
    const set = yield* validate(AgentQuotient, "Le quotient familial")(input)
    return yield* newRecord(set.householdId, set.qf, { _tag: "SetByAgent", agent: set.agent, reason: set.reason }, set, set.agent)
  })

/** An agent validates or rejects a pending QF. */
export const reviewQuotient = (input: unknown) =>
  Effect.gen(function* () {
    const decision = yield* validate(QuotientDecision, "La décision sur le quotient familial")(input)
    const quotients = yield* QuotientRepository
    const record = yield* quotients.get(decision.recordId)
    const now = yield* (yield* Clock).now
    const reviewed = yield* (decision.decision === "validate"
      ? approveQuotient(record, decision.by, now)
      : rejectQuotient(record, decision.by, now, decision.reason ?? ""))
    yield* quotients.save(reviewed)
    return reviewed
  })

/** The QF that applies to a household on a date (`None`: no valid QF, the highest tariff applies). */
export const quotientOnDate = (householdId: HouseholdId, on: LocalDate) =>
  Effect.gen(function* () {
    yield* (yield* HouseholdRepository).get(householdId)
    const records = yield* (yield* QuotientRepository).listByHousehold(householdId)
    return applicableQuotient(records, on)
  })

/** A household's QF history ("Mes QF/Revenus"), oldest first. */
export const quotientHistory = (householdId: HouseholdId) =>
  Effect.gen(function* () {
    yield* (yield* HouseholdRepository).get(householdId)
    return yield* (yield* QuotientRepository).listByHousehold(householdId)
  })
