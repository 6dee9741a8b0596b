import { Context, type Effect } from "effect"
import type { HouseholdId, InvoiceId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { InvoiceAlreadyRecorded, InvoiceAlreadySentToTreasury, InvoiceNotFound } from "./BillingErrors.js"
import type { BillingMonth } from "./BillingMonth.js"
import type { Invoice, TreasuryTransmission } from "./Invoice.js"

/** Which invoices to find (the agents' search, the exports); every field narrows, all together. */
export interface InvoiceCriteria {
  /** Part of the number, whatever the case (`000123`, `f-2026-0001`). */
  readonly number?: string
  /** Invoices of these households only (none: no invoice). */
  readonly householdIds?: ReadonlyArray<HouseholdId>
  readonly period?: BillingMonth
  /** Issued on or after this day. */
  readonly issuedFrom?: LocalDate
  /** Issued on or before this day. */
  readonly issuedTo?: LocalDate
  /** Due strictly before this day. */
  readonly dueBefore?: LocalDate
}

/** Whether an invoice matches search criteria (what every adapter's `search` answers). */
export function invoiceMatches(invoice: Invoice, criteria: InvoiceCriteria): boolean {
  const number = criteria.number?.trim().toLowerCase()
  return (number === undefined || number === "" || invoice.number.toLowerCase().includes(number)) &&
    (criteria.householdIds === undefined || criteria.householdIds.includes(invoice.householdId)) &&
    (criteria.period === undefined || invoice.period === criteria.period) &&
    (criteria.issuedFrom === undefined || invoice.issuedOn >= criteria.issuedFrom) &&
    (criteria.issuedTo === undefined || invoice.issuedOn <= criteria.issuedTo) &&
    (criteria.dueBefore === undefined || invoice.dueOn < criteria.dueBefore)
}

/**
 * Where issued invoices are kept. An invoice is added once and never changed, except for its
 * transmission to the Treasury. Lists come in no particular order.
 */
export class InvoiceRepository extends Context.Tag("@spe/core/InvoiceRepository")<
  InvoiceRepository,
  {
    /** Records an issued invoice; refuses a second invoice with the same id, or the same number in the same régie. */
    readonly add: (invoice: Invoice) => Effect.Effect<void, InvoiceAlreadyRecorded>
    readonly get: (id: InvoiceId) => Effect.Effect<Invoice, InvoiceNotFound>
    readonly byHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<Invoice>>
    /** Every invoice of a billing month, all households. */
    readonly byPeriod: (period: BillingMonth) => Effect.Effect<ReadonlyArray<Invoice>>
    /** Every invoice matching the criteria, all households (no criteria: every invoice). */
    readonly search: (criteria: InvoiceCriteria) => Effect.Effect<ReadonlyArray<Invoice>>
    /** Records the transmission to the Treasury, once. */
    readonly markSentToTreasury: (
      id: InvoiceId,
      transmission: TreasuryTransmission
    ) => Effect.Effect<Invoice, InvoiceNotFound | InvoiceAlreadySentToTreasury>
  }
>() {}
