import { Either, Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { ActivityId, CreditNoteId, HouseholdId, InvoiceId, MemberId, RegieId, SessionId } from "../shared/Ids.js"
import { LocalDate } from "../shared/LocalDate.js"
import { chargeKey } from "./BillableFact.js"
import { CreditExceedsInvoice, CreditLineNotOnInvoice } from "./BillingErrors.js"
import { BillingMonth } from "./BillingMonth.js"
import { BilledRule, type Invoice, invoiceTotal } from "./Invoice.js"

/** An amount withdrawn from one line (session × child) of the corrected invoice, and the rule why. */
export class CreditNoteLine extends Schema.Class<CreditNoteLine>("CreditNoteLine")({
  childId: MemberId,
  childName: Schema.String,
  activityId: ActivityId,
  activityName: Schema.String,
  sessionId: SessionId,
  date: LocalDate,
  rule: BilledRule,
  amount: Cents.NonNegativeCents
}) {}

/**
 * A credit note (avoir): corrects one issued invoice by withdrawing amounts from its lines, with
 * a reason. The invoice plus its credit notes nets to the corrected amount.
 */
export class CreditNote extends Schema.Class<CreditNote>("CreditNote")({
  id: CreditNoteId,
  number: Schema.NonEmptyTrimmedString,
  regieId: RegieId,
  householdId: HouseholdId,
  invoiceId: InvoiceId,
  invoiceNumber: Schema.String,
  period: BillingMonth,
  issuedOn: LocalDate,
  reason: Schema.NonEmptyTrimmedString,
  lines: Schema.NonEmptyArray(CreditNoteLine)
}) {}

/** The total of a credit note: the sum of its lines. */
export const creditNoteTotal = (note: Pick<CreditNote, "lines">): Cents.Cents => Cents.sum(note.lines.map((l) => l.amount))

/** What an invoice amounts to after its credit notes: total − credited. */
export const invoiceNet = (invoice: Invoice, creditNotes: ReadonlyArray<CreditNote>): Cents.Cents =>
  Cents.subtract(
    invoiceTotal(invoice),
    Cents.sum(creditNotes.filter((c) => c.invoiceId === invoice.id).map(creditNoteTotal))
  )

/** What remains creditable on each line (session × child) of an invoice, after its credit notes. */
export function creditableByCharge(invoice: Invoice, creditNotes: ReadonlyArray<CreditNote>): ReadonlyMap<string, Cents.Cents> {
  const remaining = new Map<string, Cents.Cents>()
  for (const line of invoice.lines) {
    const key = chargeKey(line)
    remaining.set(key, Cents.add(remaining.get(key) ?? Cents.zero, line.amount))
  }
  for (const note of creditNotes) {
    if (note.invoiceId !== invoice.id) continue
    for (const line of note.lines) {
      const key = chargeKey(line)
      remaining.set(key, Cents.subtract(remaining.get(key) ?? Cents.zero, line.amount))
    }
  }
  return remaining
}

/**
 * Checks that new credit lines only withdraw what the invoice still bills for each session and
 * child, so that an invoice and its credit notes never net below zero on any line.
 */
export function checkCreditLines(
  invoice: Invoice,
  creditNotes: ReadonlyArray<CreditNote>,
  lines: ReadonlyArray<CreditNoteLine>
): Either.Either<void, CreditLineNotOnInvoice | CreditExceedsInvoice> {
  const remaining = new Map(creditableByCharge(invoice, creditNotes))
  for (const line of lines) {
    const key = chargeKey(line)
    const creditable = remaining.get(key)
    if (creditable === undefined) {
      return Either.left(new CreditLineNotOnInvoice({ invoiceNumber: invoice.number, childName: line.childName, date: line.date }))
    }
    if (line.amount > creditable) {
      return Either.left(
        new CreditExceedsInvoice({
          invoiceNumber: invoice.number,
          childName: line.childName,
          date: line.date,
          requested: line.amount,
          creditable
        })
      )
    }
    remaining.set(key, Cents.subtract(creditable, line.amount))
  }
  return Either.void
}
