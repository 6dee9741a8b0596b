import { Either, ParseResult, Schema } from "effect"
import type { DocumentKind } from "../document/SupportingDocument.js"
import type { QuotientUpdateDeclaration } from "../request/RequestPayload.js"
import * as Cents from "../shared/Cents.js"
import * as LocalDate from "../shared/LocalDate.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { date, optional, required } from "./FrenchFields.js"
import type { FamilyComposition } from "./PartTable.js"

/**
 * What a family types in "Mes QF/Revenus" to ask for a new quotient familial, every value as
 * typed (blank when left empty): either its income (`mode: "revenus"`, the parts following from
 * the household's composition) or the QF its CAF attestation gives (`mode: "caf"`).
 */
export interface QuotientUpdateFormInput {
  readonly mode: string
  /** Revenu fiscal de référence of the year, in euros ("18 500" or "18 500,50"). */
  readonly annualIncome?: string
  /** Family benefits received each month, in euros (blank: none). */
  readonly monthlyBenefits?: string
  /** The QF written on the CAF attestation, in whole euros. */
  readonly quotient?: string
  readonly cafNumber?: string
  /** From when the new QF applies, `AAAA-MM-JJ` or `JJ/MM/AAAA`. */
  readonly effectiveDate?: string
  /** Until when, if the proof says so. */
  readonly validUntil?: string
}

/** A QF-update request, checked: the declaration, its dates, and the kind of proof it needs. */
export interface QuotientUpdateForm {
  readonly declaration: QuotientUpdateDeclaration
  readonly effectiveDate: LocalDate.LocalDate
  readonly validUntil?: LocalDate.LocalDate
  /** An avis d'imposition for declared income, an attestation CAF for the CAF's QF. */
  readonly proofKind: DocumentKind
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** An amount typed in euros ("18 500", "18500,50", "1 250 €") in cents; undefined when it is not one. */
export function parseEurosText(text: string): Cents.Cents | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "")
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(compact)
  if (match === null) return undefined
  return Cents.cents(Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0")))
}

const euros = (what: string, example: string) =>
  Schema.transformOrFail(Schema.String, Schema.Number, {
    strict: true,
    decode: (text, _, ast) => {
      const amount = parseEurosText(text)
      return amount === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, text, `${capitalize(what)} s'écrit en euros, en chiffres, par exemple ${example}.`))
        : ParseResult.succeed(amount)
    },
    encode: (cents) => ParseResult.succeed(String(cents / 100))
  })

const wholeEuros = (what: string, example: string, max: number) =>
  Schema.transformOrFail(Schema.String, Schema.Number, {
    strict: true,
    decode: (text, _, ast) => {
      const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "")
      return /^\d{1,7}$/.test(compact) && Number(compact) <= max
        ? ParseResult.succeed(Number(compact))
        : ParseResult.fail(new ParseResult.Type(ast, text, `${capitalize(what)} s'écrit en euros entiers, par exemple ${example} (${max} au plus).`))
    },
    encode: (n) => ParseResult.succeed(String(n))
  })

const allocataireNumber = Schema.String.pipe(
  Schema.pattern(/^\d{1,10}$/, { message: () => "Le numéro d'allocataire CAF ne contient que des chiffres (7 le plus souvent), sans espace." })
)

const dates = {
  effectiveDate: required(date("la date d'effet"), "Indiquez à partir de quand le nouveau quotient familial doit s'appliquer."),
  validUntil: optional(date("la fin de validité"))
}

const DatesForm = Schema.Struct(dates)

const IncomeForm = Schema.Struct({
  annualIncome: required(euros("le revenu fiscal de référence", "18 500"), "Indiquez le revenu fiscal de référence écrit sur votre avis d'imposition."),
  monthlyBenefits: optional(euros("le montant des prestations familiales", "120,50"))
})

const CafForm = Schema.Struct({
  quotient: required(wholeEuros("le quotient familial CAF", "795", 100_000), "Indiquez le quotient familial écrit sur votre attestation CAF."),
  cafNumber: required(allocataireNumber, "Indiquez votre numéro d'allocataire CAF.")
})

const frenchDate = (text: string): string => {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  return match === null ? text : `${match[3]}-${(match[2] ?? "").padStart(2, "0")}-${(match[1] ?? "").padStart(2, "0")}`
}

/** The typed values without the blank ones (so a blank required field says what to write), dates in ISO form. */
const filledValues = (input: QuotientUpdateFormInput): Record<string, string> => {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(input)) {
    const trimmed = typeof value === "string" ? value.trim() : ""
    if (trimmed !== "") values[key] = key === "effectiveDate" || key === "validUntil" ? frenchDate(trimmed) : trimmed
  }
  return values
}

const subject = "La demande de mise à jour du quotient familial"

/**
 * Checks a QF-update form: the income (parts from `composition`: adults, children, those with
 * the AEEH) or the CAF's QF and allocataire number, a date of effect from the first day of the
 * current month (`today`'s) on, and an end of validity after it. Every refusal names its field
 * (`annualIncome`, `monthlyBenefits`, `quotient`, `cafNumber`, `effectiveDate`, `validUntil`, `mode`).
 *
 * @example
 * validateQuotientUpdateForm({ mode: "revenus", annualIncome: "18 500", effectiveDate: "2026-12-01" }, composition, today)
 */
export function validateQuotientUpdateForm(
  input: QuotientUpdateFormInput,
  composition: FamilyComposition,
  today: LocalDate.LocalDate
): Either.Either<QuotientUpdateForm, InvalidInput> {
  const values = filledValues(input)
  const problems: Array<{ readonly path: string; readonly message: string }> = []
  const collect = <A>(result: Either.Either<A, InvalidInput>): A | undefined => {
    if (Either.isRight(result)) return result.right
    problems.push(...result.left.problems)
    return undefined
  }
  let declaration: QuotientUpdateDeclaration | undefined
  if (input.mode === "revenus") {
    const income = collect(validate(IncomeForm, subject)(values))
    if (income !== undefined) {
      declaration = {
        _tag: "DeclaredIncome",
        annualIncomeCents: Cents.cents(income.annualIncome),
        monthlyBenefitsCents: Cents.cents(income.monthlyBenefits ?? 0),
        adults: composition.adults >= 2 ? 2 : 1,
        children: Math.min(composition.children, 20),
        disabledChildren: Math.min(composition.disabledChildren, 20)
      }
    }
  } else if (input.mode === "caf") {
    const caf = collect(validate(CafForm, subject)(values))
    if (caf !== undefined) declaration = { _tag: "CafQuotient", quotient: caf.quotient, allocataireNumber: caf.cafNumber }
  } else {
    problems.push({ path: "mode", message: "Choisissez ce que vous déclarez : vos revenus (avis d'imposition) ou le quotient familial de votre attestation CAF." })
  }
  const period = collect(validate(DatesForm, subject)(values))
  if (period !== undefined) {
    const firstOfMonth = LocalDate.firstOfMonth(today)
    if (LocalDate.isBefore(period.effectiveDate, firstOfMonth)) {
      problems.push({
        path: "effectiveDate",
        message: `Un nouveau quotient familial s'applique au plus tôt le ${LocalDate.formatFr(firstOfMonth)} : les mois passés ne sont pas recalculés.`
      })
    }
    if (period.validUntil !== undefined && !LocalDate.isAfter(period.validUntil, period.effectiveDate)) {
      problems.push({ path: "validUntil", message: "La fin de validité doit suivre la date d'effet." })
    }
  }
  if (problems.length > 0 || declaration === undefined || period === undefined) return Either.left(new InvalidInput({ subject, problems }))
  return Either.right({
    declaration,
    effectiveDate: period.effectiveDate,
    ...(period.validUntil === undefined ? {} : { validUntil: period.validUntil }),
    proofKind: declaration._tag === "DeclaredIncome" ? "taxNotice" : "cafCertificate"
  })
}
