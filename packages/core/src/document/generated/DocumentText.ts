import { Schema } from "effect"
import * as Cents from "../../shared/Cents.js"
import * as Instant from "../../shared/Instant.js"
import * as LocalDate from "../../shared/LocalDate.js"
import * as ParisTime from "../../shared/ParisTime.js"

/** An amount as a document prints it: the cents, and the French text (`Cents.formatEuros`). */
export const AmountText = Schema.Struct({
  cents: Cents.Cents,
  text: Schema.String
}).annotations({ identifier: "AmountText" })
export type AmountText = typeof AmountText.Type

/** A date as a document prints it: the date, its long French form and its short form (`04/03/2026`). */
export const DateText = Schema.Struct({
  date: LocalDate.LocalDate,
  text: Schema.String,
  short: Schema.String
}).annotations({ identifier: "DateText" })
export type DateText = typeof DateText.Type

/** An instant as a document prints it: the instant, and its Paris wall-clock time in French. */
export const InstantText = Schema.Struct({
  instant: Instant.Instant,
  text: Schema.String
}).annotations({ identifier: "InstantText" })
export type InstantText = typeof InstantText.Type

/**
 * The printable form of an amount.
 *
 * @example
 * amountText(Cents.cents(123450)) // { cents: 123450, text: "1 234,50 €" }
 */
export const amountText = (cents: Cents.Cents): AmountText => ({ cents, text: Cents.formatEuros(cents) })

/** The short French form of a date, e.g. "04/03/2026". */
export const shortDateFr = (date: LocalDate.LocalDate): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`

/**
 * The printable form of a date.
 *
 * @example
 * dateText(LocalDate.unsafe("2026-03-27")) // { date: "2026-03-27", text: "vendredi 27 mars 2026", short: "27/03/2026" }
 */
export const dateText = (date: LocalDate.LocalDate): DateText => ({ date, text: LocalDate.formatFr(date), short: shortDateFr(date) })

/** The printable form of an instant, in Paris time: "lundi 2 mars 2026 à 08:00". */
export const instantText = (instant: Instant.Instant): InstantText => ({ instant, text: ParisTime.formatFr(instant) })

/** A number of days in French: "1 jour", "3 jours". */
export const daysText = (n: number): string => `${n} jour${n > 1 ? "s" : ""}`

/** Folds a text into a file-name part: lower case ASCII letters, digits and dashes. */
export function fileNamePart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
}
