import { Either, Option, Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { DocumentId, HouseholdId, QuotientRecordId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Parts } from "./PartTable.js"

/** A quotient familial in whole euros per month and per part. */
export const QuotientAmount = Schema.Int.pipe(Schema.nonNegative(), Schema.annotations({ identifier: "QuotientAmount" }))

/** What a family's income gives, before the division by parts. */
export interface IncomeDeclaration {
  /** The household's annual taxable income (revenu fiscal de référence), in cents. */
  readonly annualIncome: Cents.Cents
  /** The family benefits received each month, in cents. */
  readonly monthlyBenefits: Cents.Cents
  readonly parts: number
}

/**
 * The CAF formula: `QF = floor((annual income / 12 + monthly benefits) / parts)`, in whole euros.
 * Computed on integers only: with incomes in cents and parts in quarters,
 * `QF = floor((income + 12 × benefits) / (300 × quarters))`, so no rounding happens before the
 * final floor.
 *
 * @example
 * computeQuotient({ annualIncome: Cents.cents(3_000_000), monthlyBenefits: Cents.cents(15_000), parts: 3 }) // 883
 */
export function computeQuotient(declaration: IncomeDeclaration): number {
  const parts4 = declaration.parts * 4
  if (!Number.isInteger(parts4) || parts4 <= 0) throw new RangeError(`Not a number of parts: ${declaration.parts}`)
  if (declaration.annualIncome < 0 || declaration.monthlyBenefits < 0)
    throw new RangeError("Incomes and benefits are never negative")
  const numerator = BigInt(declaration.annualIncome) + 12n * BigInt(declaration.monthlyBenefits)
  return Number(numerator / (300n * BigInt(parts4)))
}

/**
 * Where a QF comes from: declared by the family with a proof (its income, benefits and parts are
 * kept, so the computation can be shown again), given by the CAF for an allocataire number, or set
 * by an agent.
 */
export const QuotientSource = Schema.Union(
  Schema.TaggedStruct("DeclaredWithProof", {
    documentId: DocumentId,
    annualIncome: Cents.NonNegativeCents,
    monthlyBenefits: Cents.NonNegativeCents,
    parts: Parts
  }),
  Schema.TaggedStruct("CafNumber", { cafNumber: Schema.String }),
  Schema.TaggedStruct("SetByAgent", { agent: Schema.String, reason: Schema.String })
).annotations({ identifier: "QuotientSource" })
export type QuotientSource = typeof QuotientSource.Type

/** The kind of a QF source, as pricing explanations name it. */
export type QuotientSourceKind = "declared" | "caf" | "agent"

export function quotientSourceKind(source: QuotientSource): QuotientSourceKind {
  switch (source._tag) {
    case "DeclaredWithProof":
      return "declared"
    case "CafNumber":
      return "caf"
    case "SetByAgent":
      return "agent"
  }
}

/** Where an agent's review of a QF stands. */
export const QuotientReview = Schema.Union(
  Schema.TaggedStruct("Pending", {}),
  Schema.TaggedStruct("Validated", { at: Instant, by: Schema.String }),
  Schema.TaggedStruct("Rejected", { at: Instant, by: Schema.String, reason: Schema.String })
).annotations({ identifier: "QuotientReview" })
export type QuotientReview = typeof QuotientReview.Type

/**
 * A quotient familial of a household for a validity period, with its source and its review.
 * Only validated records are used for pricing.
 */
export class QuotientRecord extends Schema.Class<QuotientRecord>("QuotientRecord")(
  Schema.Struct({
    id: QuotientRecordId,
    householdId: HouseholdId,
    /** The QF in whole euros. */
    qf: QuotientAmount,
    source: QuotientSource,
    validFrom: LocalDate.LocalDate,
    validTo: LocalDate.LocalDate,
    review: QuotientReview,
    submittedAt: Instant
  }).pipe(
    Schema.filter((r) =>
      r.validFrom <= r.validTo || {
        path: ["validTo"],
        message: "La fin de validité du quotient familial doit suivre son début."
      }
    )
  )
) {
  /** Whether the record covers a date (both bounds included). */
  covers(date: LocalDate.LocalDate): boolean {
    return this.validFrom <= date && date <= this.validTo
  }
}

/**
 * The QF that applies on a date: among validated records covering the date, the most recently
 * validated (ties: the latest submitted, then the greatest id). `None` when there is none: the
 * highest tariff then applies.
 */
export function applicableQuotient(
  records: ReadonlyArray<QuotientRecord>,
  on: LocalDate.LocalDate
): Option.Option<QuotientRecord> {
  let best: { record: QuotientRecord; key: string } | undefined
  for (const record of records) {
    if (record.review._tag !== "Validated" || !record.covers(on)) continue
    const key = `${record.review.at}|${record.submittedAt}|${record.id}`
    if (best === undefined || key > best.key) best = { record, key }
  }
  return Option.fromNullable(best?.record)
}

/** An agent validates a pending QF. */
export function approveQuotient(
  record: QuotientRecord,
  by: string,
  at: Instant
): Either.Either<QuotientRecord, QuotientAlreadyReviewed> {
  if (record.review._tag !== "Pending") return Either.left(alreadyReviewed(record))
  return Either.right(QuotientRecord.make({ ...record, review: { _tag: "Validated", at, by } }))
}

/** An agent rejects a pending QF, saying why (the family sees the reason). */
export function rejectQuotient(
  record: QuotientRecord,
  by: string,
  at: Instant,
  reason: string
): Either.Either<QuotientRecord, QuotientAlreadyReviewed> {
  if (record.review._tag !== "Pending") return Either.left(alreadyReviewed(record))
  return Either.right(QuotientRecord.make({ ...record, review: { _tag: "Rejected", at, by, reason } }))
}

const alreadyReviewed = (record: QuotientRecord) =>
  new QuotientAlreadyReviewed({
    recordId: record.id,
    decision: record.review._tag === "Rejected" ? "rejected" : "validated",
    at: record.review._tag === "Pending" ? record.submittedAt : record.review.at
  })

/** French words for a QF source, e.g. "déclaré avec justificatif". */
export function describeQuotientSource(source: QuotientSource): string {
  switch (source._tag) {
    case "DeclaredWithProof":
      return `déclaré avec justificatif (revenu fiscal ${Cents.formatEuros(source.annualIncome)}, prestations ${Cents.formatEuros(source.monthlyBenefits)} par mois, ${formatParts(source.parts)} parts)`
    case "CafNumber":
      return `transmis par la CAF (allocataire n° ${source.cafNumber})`
    case "SetByAgent":
      return `fixé par le Service à la Population (${source.reason})`
  }
}

/** A number of parts in French, e.g. "2,5". */
export const formatParts = (parts: number): string => String(parts).replace(".", ",")

/** No QF record has this identifier. */
export class QuotientRecordNotFound extends Schema.TaggedError<QuotientRecordNotFound>()("QuotientRecordNotFound", {
  recordId: Schema.String
}) {
  override get message(): string {
    return `Aucun quotient familial enregistré ne porte l'identifiant ${this.recordId}. Rechargez la liste des quotients du foyer.`
  }
}

/** A QF was already validated or rejected: a review happens once; a new declaration starts a new one. */
export class QuotientAlreadyReviewed extends Schema.TaggedError<QuotientAlreadyReviewed>()("QuotientAlreadyReviewed", {
  recordId: Schema.String,
  decision: Schema.Literal("validated", "rejected"),
  at: Instant
}) {
  override get message(): string {
    const what = this.decision === "validated" ? "validé" : "refusé"
    return `Ce quotient familial a déjà été ${what} (${ParisTime.formatFr(this.at)}) ; il ne peut plus être revu. Pour le corriger, enregistrez un nouveau quotient familial.`
  }
}
