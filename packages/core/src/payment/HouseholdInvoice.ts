import { Effect, Option } from "effect"
import type { Invoice } from "../billing/Invoice.js"
import * as Cents from "../shared/Cents.js"
import type { HouseholdId, InvoiceId, PaymentId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import type { HouseholdAccount, InvoiceSituation } from "./HouseholdAccount.js"
import { loadHouseholdAccount } from "./HouseholdAccountQuery.js"
import type { Payment } from "./Payment.js"
import { InvoiceNotPayable, PaymentAmountOutOfRange, PaymentMethodNotAccepted, PaymentNotFound } from "./PaymentErrors.js"
import type { PaymentSettings } from "./PaymentSettings.js"

/**
 * Whether an invoice is late on `on`: something remains to pay and its due date is before that
 * day (the rule of `pastDueUnpaidAmount`).
 */
export const isPastDue = (situation: Pick<InvoiceSituation, "invoice" | "remaining">, on: LocalDate.LocalDate): boolean =>
  situation.remaining > 0 && LocalDate.isBefore(situation.invoice.dueOn, on)

/**
 * Why an invoice cannot be paid online on its own, as `startOnlinePayment` would refuse it: the
 * régie takes no card, nothing remains, the Treasury collects it, or what remains is outside the
 * online limits. `None` when the family may pay it online.
 */
export function onlinePaymentRefusal(
  situation: InvoiceSituation,
  settings: PaymentSettings
): Option.Option<PaymentMethodNotAccepted | InvoiceNotPayable | PaymentAmountOutOfRange> {
  const number = situation.invoice.number
  if (!settings.acceptedMethods.includes("card")) return Option.some(new PaymentMethodNotAccepted({ method: "card", accepted: settings.acceptedMethods }))
  if (situation.status === "sentToTreasury") return Option.some(new InvoiceNotPayable({ invoiceNumber: number, reason: "sentToTreasury" }))
  if (situation.remaining <= 0) return Option.some(new InvoiceNotPayable({ invoiceNumber: number, reason: "settled" }))
  const { onlineMinimum: minimum, onlineMaximum: maximum } = settings
  if (situation.remaining < minimum || situation.remaining > maximum) {
    return Option.some(new PaymentAmountOutOfRange({ amount: situation.remaining, minimum, maximum }))
  }
  return Option.none()
}

/** A payment and the part of it that settles one invoice. */
export interface InvoicePayment {
  readonly payment: Payment
  readonly amount: Cents.Cents
}

/** The payments that settle an invoice (the account's allocation), the part each gives it, oldest first. */
export function invoicePayments(account: HouseholdAccount, invoiceId: InvoiceId): ReadonlyArray<InvoicePayment> {
  return account.allocations.flatMap((allocation) => {
    if (allocation.invoiceId !== invoiceId) return []
    const payment = account.payments.find((p) => p.id === allocation.paymentId)
    return payment === undefined ? [] : [{ payment, amount: allocation.amount }]
  })
}

/** What a payment settled: each invoice and the amount it received. */
export interface PaymentReceiptLine {
  readonly invoice: Invoice
  readonly amount: Cents.Cents
}

/** A receipt of a household's payment: the payment, the invoices it settled, and what is left as credit. */
export interface PaymentReceipt {
  readonly payment: Payment
  readonly lines: ReadonlyArray<PaymentReceiptLine>
  /** The part of the payment no invoice needed: it stays to the household's credit. */
  readonly credit: Cents.Cents
}

/** The receipt of one payment of the account, or `None` when the payment is not the household's. */
export function paymentReceipt(account: HouseholdAccount, paymentId: PaymentId): Option.Option<PaymentReceipt> {
  const payment = account.payments.find((p) => p.id === paymentId)
  if (payment === undefined) return Option.none()
  const lines = account.allocations.flatMap((allocation) => {
    if (allocation.paymentId !== paymentId) return []
    const situation = account.invoices.find((s) => s.invoice.id === allocation.invoiceId)
    return situation === undefined ? [] : [{ invoice: situation.invoice, amount: allocation.amount }]
  })
  return Option.some({ payment, lines, credit: Cents.max(Cents.zero, Cents.subtract(payment.amount, Cents.sum(lines.map((l) => l.amount)))) })
}

/**
 * Loads the receipt of a payment of the household. A payment of another household is
 * `PaymentNotFound`, exactly like an unknown one.
 */
export const loadPaymentReceipt = (householdId: HouseholdId, paymentId: PaymentId) =>
  Effect.flatMap(loadHouseholdAccount(householdId), (account) =>
    Option.match(paymentReceipt(account, paymentId), {
      onNone: () => Effect.fail(new PaymentNotFound({ paymentId })),
      onSome: Effect.succeed
    })
  )
