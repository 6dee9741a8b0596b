import { formatBillingMonthFr } from "../billing/BillingMonth.js"
import { type CreditNote, creditNoteTotal } from "../billing/CreditNote.js"
import { type Invoice, invoiceTotal } from "../billing/Invoice.js"
import * as Cents from "../shared/Cents.js"
import type { InvoiceId, PaymentId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import type { Payment } from "./Payment.js"
import { paymentMethodLabel } from "./PaymentMethod.js"

/** The part of a payment that settles an invoice. */
export interface PaymentAllocation {
  readonly paymentId: PaymentId
  readonly invoiceId: InvoiceId
  readonly amount: Cents.Cents
}

/**
 * Where an invoice stands: `cancelled` when fully credited, `paid` when nothing remains,
 * `sentToTreasury` once an agent transmitted it unpaid, `partlyPaid`, or just `issued`.
 */
export type InvoiceStatus = "issued" | "partlyPaid" | "paid" | "cancelled" | "sentToTreasury"

/** An invoice with its amounts: total of lines, credited, net, paid (allocated), remaining. */
export interface InvoiceSituation {
  readonly invoice: Invoice
  readonly total: Cents.Cents
  readonly credited: Cents.Cents
  readonly net: Cents.Cents
  readonly paid: Cents.Cents
  readonly remaining: Cents.Cents
  readonly status: InvoiceStatus
}

/** A household's account: its invoices and where they stand, how payments settle them, its balance. */
export interface HouseholdAccount {
  readonly invoices: ReadonlyArray<InvoiceSituation>
  readonly creditNotes: ReadonlyArray<CreditNote>
  readonly payments: ReadonlyArray<Payment>
  readonly allocations: ReadonlyArray<PaymentAllocation>
  /** Money paid and not needed by any invoice: the household's credit. */
  readonly credit: Cents.Cents
  /** invoices − credit notes − payments: positive when the household owes, negative when it is in credit. */
  readonly balance: Cents.Cents
}

const byNumber = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Oldest first: issue date, then billing month, then number. */
export const oldestInvoiceFirst = (a: Invoice, b: Invoice): number =>
  byNumber(a.issuedOn, b.issuedOn) || byNumber(a.period, b.period) || byNumber(a.number, b.number)

const receivedFirst = (a: Payment, b: Payment): number => byNumber(a.receivedAt, b.receivedAt) || byNumber(a.id, b.id)

/**
 * Settles invoices with payments, derived from the whole account so it always agrees with the
 * credit notes: each payment first goes to the invoices it names, then every payment's rest to
 * the oldest invoices; an invoice never receives more than its net amount, and what is left of
 * the payments is the household's credit (it settles the next invoices).
 */
export function allocatePayments(
  invoices: ReadonlyArray<{ readonly invoice: Invoice; readonly net: Cents.Cents }>,
  payments: ReadonlyArray<Payment>
): { readonly allocations: ReadonlyArray<PaymentAllocation>; readonly credit: Cents.Cents } {
  const ordered = [...invoices].sort((a, b) => oldestInvoiceFirst(a.invoice, b.invoice))
  const remaining = new Map<InvoiceId, Cents.Cents>(ordered.map((i) => [i.invoice.id, Cents.max(Cents.zero, i.net)]))
  const sortedPayments = [...payments].sort(receivedFirst)
  const left = new Map<PaymentId, Cents.Cents>(sortedPayments.map((p) => [p.id, p.amount]))
  const allocations: Array<PaymentAllocation> = []
  const settle = (payment: Payment, invoiceId: InvoiceId): void => {
    const take = Cents.min(left.get(payment.id) ?? Cents.zero, remaining.get(invoiceId) ?? Cents.zero)
    if (take <= 0) return
    allocations.push({ paymentId: payment.id, invoiceId, amount: take })
    left.set(payment.id, Cents.subtract(left.get(payment.id) ?? Cents.zero, take))
    remaining.set(invoiceId, Cents.subtract(remaining.get(invoiceId) ?? Cents.zero, take))
  }
  for (const payment of sortedPayments) for (const invoiceId of payment.invoiceIds) settle(payment, invoiceId)
  for (const payment of sortedPayments) for (const { invoice } of ordered) settle(payment, invoice.id)
  return { allocations, credit: Cents.sum(left.values()) }
}

/** The account of one household from its invoices, credit notes and payments. */
export function householdAccount(
  invoices: ReadonlyArray<Invoice>,
  creditNotes: ReadonlyArray<CreditNote>,
  payments: ReadonlyArray<Payment>
): HouseholdAccount {
  const creditedBy = new Map<InvoiceId, Cents.Cents>()
  for (const note of creditNotes) {
    creditedBy.set(note.invoiceId, Cents.add(creditedBy.get(note.invoiceId) ?? Cents.zero, creditNoteTotal(note)))
  }
  const amounts = [...invoices].sort(oldestInvoiceFirst).map((invoice) => {
    const total = invoiceTotal(invoice)
    const credited = creditedBy.get(invoice.id) ?? Cents.zero
    return { invoice, total, credited, net: Cents.subtract(total, credited) }
  })
  const { allocations, credit } = allocatePayments(amounts, payments)
  const paidBy = new Map<InvoiceId, Cents.Cents>()
  for (const a of allocations) paidBy.set(a.invoiceId, Cents.add(paidBy.get(a.invoiceId) ?? Cents.zero, a.amount))
  const situations = amounts.map(({ invoice, total, credited, net }): InvoiceSituation => {
    const paid = paidBy.get(invoice.id) ?? Cents.zero
    const remaining = Cents.max(Cents.zero, Cents.subtract(net, paid))
    const status: InvoiceStatus =
      credited > 0 && net <= 0 ? "cancelled"
      : remaining === 0 ? "paid"
      : invoice.sentToTreasury !== undefined ? "sentToTreasury"
      : paid > 0 ? "partlyPaid"
      : "issued"
    return { invoice, total, credited, net, paid, remaining, status }
  })
  const balance = Cents.subtract(
    Cents.subtract(Cents.sum(amounts.map((a) => a.total)), Cents.sum(creditNotes.map(creditNoteTotal))),
    Cents.sum(payments.map((p) => p.amount))
  )
  return { invoices: situations, creditNotes, payments, allocations, credit, balance }
}

/**
 * What a household owes on invoices whose due date is before `on` (and not cancelled): the
 * amount a town may use to block new bookings.
 */
export const pastDueUnpaidAmount = (account: HouseholdAccount, on: LocalDate.LocalDate): Cents.Cents =>
  Cents.sum(account.invoices.filter((s) => LocalDate.isBefore(s.invoice.dueOn, on)).map((s) => s.remaining))

/** One dated line of a household's statement, with the running balance after it. */
export interface StatementLine {
  readonly date: LocalDate.LocalDate
  readonly kind: "invoice" | "creditNote" | "payment"
  readonly reference: string
  readonly label: string
  /** What the line adds to the balance (an invoice). */
  readonly debit: Cents.Cents
  /** What the line takes off the balance (a credit note, a payment). */
  readonly credit: Cents.Cents
  readonly balance: Cents.Cents
}

const KIND_ORDER = { invoice: 0, creditNote: 1, payment: 2 } as const

/**
 * The household's statement (relevé de compte): invoices, credit notes and payments by date,
 * with the running balance. The last balance is the account's balance.
 */
export function householdStatement(account: HouseholdAccount): ReadonlyArray<StatementLine> {
  const entries: Array<Omit<StatementLine, "balance">> = [
    ...account.invoices.map(({ invoice, total }) => ({
      date: invoice.issuedOn,
      kind: "invoice" as const,
      reference: invoice.number,
      label: `Facture ${invoice.number} (${formatBillingMonthFr(invoice.period)})`,
      debit: total,
      credit: Cents.zero
    })),
    ...account.creditNotes.map((note) => ({
      date: note.issuedOn,
      kind: "creditNote" as const,
      reference: note.number,
      label: `Avoir ${note.number} sur la facture ${note.invoiceNumber}`,
      debit: Cents.zero,
      credit: creditNoteTotal(note)
    })),
    ...account.payments.map((payment) => ({
      date: ParisTime.dateAt(payment.receivedAt),
      kind: "payment" as const,
      reference: payment.reference ?? payment.id,
      label: `Paiement par ${paymentMethodLabel(payment.method)}`,
      debit: Cents.zero,
      credit: payment.amount
    }))
  ]
  entries.sort((a, b) => byNumber(a.date, b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byNumber(a.reference, b.reference))
  let balance = Cents.zero
  return entries.map((entry) => {
    balance = Cents.subtract(Cents.add(balance, entry.debit), entry.credit)
    return { ...entry, balance }
  })
}
