import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { AccountId, HouseholdId, InvoiceId, PaymentId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import { PaymentMethod } from "./PaymentMethod.js"

/** A payment amount: more than zero cents. */
export const PaymentAmount = Cents.Cents.pipe(
  Schema.filter((n) => n > 0, { message: () => "Le montant d'un paiement doit être supérieur à zéro." })
)

/** How money was handed over at the régie's counter: cash or card (the counter's card terminal). */
export const CounterTender = Schema.Literal("cash", "card").annotations({ identifier: "CounterTender" })
export type CounterTender = typeof CounterTender.Type

/** French name of what was handed over at the counter. */
export const counterTenderLabel = (tender: CounterTender): string => (tender === "cash" ? "espèces" : "carte bancaire au guichet")

/**
 * Money received from a household, recorded once: the idempotency key (the gateway's operation,
 * the agent's receipt reference) is unique. It settles the named invoices first, then the oldest
 * ones; what is left is a credit of the household.
 */
export class Payment extends Schema.Class<Payment>("Payment")({
  id: PaymentId,
  householdId: HouseholdId,
  amount: PaymentAmount,
  method: PaymentMethod,
  receivedAt: Instant,
  idempotencyKey: Schema.NonEmptyTrimmedString,
  /** Invoices the payer named, settled first, in this order. */
  invoiceIds: Schema.Array(InvoiceId),
  reference: Schema.optional(Schema.String),
  recordedBy: Schema.optional(AccountId),
  /** At the counter: cash or card. */
  tender: Schema.optional(CounterTender),
  /** For a cheque: the bank it is drawn on. */
  bank: Schema.optional(Schema.String)
}) {}
