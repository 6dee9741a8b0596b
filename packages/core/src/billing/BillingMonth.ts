import { Schema } from "effect"
import * as LocalDate from "../shared/LocalDate.js"

/**
 * A billing period: one calendar month, written `YYYY-MM` (the town bills monthly).
 *
 * @example
 * billingMonthOf(LocalDate.unsafe("2026-03-04")) // "2026-03"
 */
export const BillingMonth = Schema.String.pipe(
  Schema.pattern(/^\d{4}-(0[1-9]|1[0-2])$/, {
    message: () => "Le mois de facturation s'écrit AAAA-MM (par exemple 2026-03)."
  }),
  Schema.brand("BillingMonth"),
  Schema.annotations({ identifier: "BillingMonth" })
)
export type BillingMonth = typeof BillingMonth.Type

/** A billing month from a literal known to be valid; throws otherwise. */
export const unsafeBillingMonth = (input: string): BillingMonth => Schema.decodeUnknownSync(BillingMonth)(input)

/** The billing month a date falls in. */
export const billingMonthOf = (date: LocalDate.LocalDate): BillingMonth => LocalDate.yearMonth(date) as BillingMonth

/** First and last day of a billing month. */
export function billingMonthBounds(month: BillingMonth): { readonly start: LocalDate.LocalDate; readonly end: LocalDate.LocalDate } {
  const start = LocalDate.of(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)
  return { start, end: LocalDate.lastOfMonth(start) }
}

const MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

/** French name of a billing month, e.g. "mars 2026". */
export const formatBillingMonthFr = (month: BillingMonth): string =>
  `${MONTHS_FR[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
