import { Schema } from "effect"
import { LocalDate } from "../shared/LocalDate.js"

/**
 * Field schemas whose every refusal reads as a French sentence a family understands. Internal to
 * the household and tariff modules; the public schemas are built from them.
 */

/** A required property whose absence is reported with `missing`. */
export const required = <S extends Schema.Schema.All>(schema: S, missing: string) =>
  Schema.propertySignature(schema).annotations({ missingMessage: () => missing })

/** An optional property: absent or valid, never `undefined`. */
export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** Free text, trimmed, between 1 and `max` characters; `what` names it ("le prénom"). */
export const text = (what: string, max: number) =>
  Schema.String.annotations({ message: () => `${capitalize(what)} doit être un texte.` }).pipe(
    Schema.compose(Schema.Trim),
    Schema.minLength(1, { message: () => `Indiquez ${what}.` }),
    Schema.maxLength(max, { message: () => `${capitalize(what)} ne doit pas dépasser ${max} caractères.` })
  )

/** A whole number from `min` to `max`. */
export const wholeNumber = (what: string, min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  Schema.Number.annotations({ message: () => `${capitalize(what)} doit être un nombre.` }).pipe(
    Schema.int({ message: () => `${capitalize(what)} doit être un nombre entier.` }),
    Schema.greaterThanOrEqualTo(min, { message: () => `${capitalize(what)} doit valoir au moins ${min}.` }),
    Schema.lessThanOrEqualTo(max, { message: () => `${capitalize(what)} doit valoir au plus ${max}.` })
  )

/** A non-negative amount of money in cents (the `Cents` brand). */
export const amountInCents = (what: string) =>
  Schema.Number.annotations({ message: () => `${capitalize(what)} doit être un montant en centimes.` }).pipe(
    Schema.int({ message: () => `${capitalize(what)} doit être un nombre entier de centimes.` }),
    Schema.nonNegative({ message: () => `${capitalize(what)} ne peut pas être négatif.` }),
    Schema.brand("Cents")
  )

/** A calendar date written `AAAA-MM-JJ`. */
export const date = (what: string) =>
  Schema.String.annotations({ message: () => `${capitalize(what)} doit être une date écrite AAAA-MM-JJ.` }).pipe(
    Schema.compose(LocalDate)
  )

/** One of a few literal values, refused with a single sentence. */
export const oneOf = <const L extends readonly [string, ...Array<string>]>(values: L, refusal: string) =>
  Schema.Literal(...values).annotations({ message: () => ({ message: refusal, override: true }) })

/** A yes/no answer. */
export const yesNo = (what: string) =>
  Schema.Boolean.annotations({ message: () => `${capitalize(what)} : répondez par oui (true) ou non (false).` })

/** A school year written `2025-2026`, two consecutive years. */
export const schoolYearName = Schema.String.annotations({
  message: () => "L'année scolaire doit être écrite sous la forme 2025-2026."
}).pipe(
  Schema.filter((s) => /^\d{4}-\d{4}$/.test(s) && Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, {
    message: () => "L'année scolaire doit être écrite sous la forme 2025-2026 (deux années qui se suivent)."
  })
)

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
