import { Effect } from "effect"
import { publishPaymentRecorded } from "../integration/IntegrationPublishing.js"
import type * as Cents from "../shared/Cents.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { type AccountId, type HouseholdId, type InvoiceId, PaymentId } from "../shared/Ids.js"
import type * as Instant from "../shared/Instant.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput } from "../shared/Validation.js"
import { loadHouseholdAccount } from "./HouseholdAccountQuery.js"
import { type CounterTender, Payment } from "./Payment.js"
import { InvoiceOfAnotherHousehold, PaymentMethodNotAccepted, PaymentReferenceAlreadyUsed } from "./PaymentErrors.js"
import type { PaymentMethod } from "./PaymentMethod.js"
import { PaymentRepository } from "./PaymentRepository.js"
import type { PaymentSettings } from "./PaymentSettings.js"

/**
 * Keeps a payment once per idempotency key and, when this call created it, publishes
 * `payment.recorded` in the same transaction. Every way a payment is recorded goes through here.
 */
export const recordPaymentOnce = (payment: Payment) =>
  Effect.flatMap(Transactions, (transactions) =>
    transactions.withTransaction(
      Effect.gen(function* () {
        const recorded = yield* (yield* PaymentRepository).recordOnce(payment)
        if (recorded.created) yield* publishPaymentRecorded(recorded.payment)
        return recorded
      })
    )
  )

/**
 * An agent records a payment received at the régie (counter, cheque, CESU, direct debit). The
 * receipt reference makes it idempotent: recording it again returns the same payment.
 */
export const recordPayment = (
  input: {
    readonly householdId: HouseholdId
    readonly amount: Cents.Cents
    readonly method: PaymentMethod
    readonly reference: string
    readonly receivedAt: Instant.Instant
    readonly invoiceIds?: ReadonlyArray<InvoiceId>
    readonly recordedBy?: AccountId
    /** At the counter: cash or card. */
    readonly tender?: CounterTender
    /** For a cheque: the bank it is drawn on. */
    readonly bank?: string
  },
  settings: PaymentSettings
) =>
  Effect.gen(function* () {
    if (!settings.acceptedMethods.includes(input.method)) {
      return yield* new PaymentMethodNotAccepted({ method: input.method, accepted: settings.acceptedMethods })
    }
    const reference = input.reference.trim()
    const problems = [
      ...(input.amount > 0 ? [] : [{ path: "amount", message: "Le montant d'un paiement doit être supérieur à zéro." }]),
      ...(reference.length > 0 ? [] : [{ path: "reference", message: "Indiquez la référence du reçu ou du chèque." }])
    ]
    if (problems.length > 0) return yield* new InvalidInput({ subject: "Paiement", problems })
    const invoiceIds = input.invoiceIds ?? []
    if (invoiceIds.length > 0) {
      const account = yield* loadHouseholdAccount(input.householdId)
      const foreign = invoiceIds.find((id) => !account.invoices.some((s) => s.invoice.id === id))
      if (foreign !== undefined) return yield* new InvoiceOfAnotherHousehold({ invoiceNumber: foreign })
    }
    const recorded = yield* recordPaymentOnce(
      Payment.make({
        id: PaymentId.make(yield* (yield* IdGenerator).next("pay")),
        householdId: input.householdId,
        amount: input.amount,
        method: input.method,
        receivedAt: input.receivedAt,
        idempotencyKey: `${input.method}:${reference}`,
        invoiceIds,
        reference,
        ...(input.recordedBy === undefined ? {} : { recordedBy: input.recordedBy }),
        ...(input.tender === undefined ? {} : { tender: input.tender }),
        ...(input.bank === undefined || input.bank.trim() === "" ? {} : { bank: input.bank.trim() })
      })
    )
    const existing = recorded.payment
    if (!recorded.created && (existing.householdId !== input.householdId || existing.amount !== input.amount)) {
      return yield* new PaymentReferenceAlreadyUsed({ reference, existingPaymentId: existing.id })
    }
    return recorded
  })
