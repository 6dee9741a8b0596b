import { Schema } from "effect"
import { formatBillingMonthFr } from "../../billing/BillingMonth.js"
import { type CreditNote, type CreditNoteLine, creditNoteTotal } from "../../billing/CreditNote.js"
import type { Household } from "../../household/Household.js"
import * as Cents from "../../shared/Cents.js"
import { AddresseeView, addresseeView } from "./Addressee.js"
import { AmountText, amountText, DateText, dateText, fileNamePart } from "./DocumentText.js"
import { type GeneratedDocumentSettings, IssuerView, issuerView, type RegieDetails } from "./DocumentSettings.js"

/** One credited line as printed: the session's date, the rule, the amount withdrawn. */
export const CreditNoteLineView = Schema.Struct({
  date: DateText,
  label: Schema.String,
  ruleCode: Schema.String,
  ruleLabel: Schema.String,
  amount: AmountText
}).annotations({ identifier: "CreditNoteLineView" })
export type CreditNoteLineView = typeof CreditNoteLineView.Type

/** The credited lines of one child for one activity, with their subtotal. */
export const CreditNoteGroupView = Schema.Struct({
  childName: Schema.String,
  activityName: Schema.String,
  lines: Schema.Array(CreditNoteLineView),
  subtotal: AmountText
}).annotations({ identifier: "CreditNoteGroupView" })
export type CreditNoteGroupView = typeof CreditNoteGroupView.Type

/** The data of a credit note (avoir) as its template prints it (JSON-able). */
export const CreditNoteDocument = Schema.Struct({
  kind: Schema.Literal("creditNote"),
  title: Schema.String,
  fileName: Schema.String,
  issuer: IssuerView,
  number: Schema.String,
  invoiceNumber: Schema.String,
  period: Schema.Struct({ month: Schema.String, text: Schema.String }),
  issuedOn: DateText,
  addressee: AddresseeView,
  reason: Schema.String,
  groups: Schema.Array(CreditNoteGroupView),
  total: AmountText,
  note: Schema.String
}).annotations({ identifier: "CreditNoteDocument" })
export type CreditNoteDocument = typeof CreditNoteDocument.Type

function groupsOf(lines: ReadonlyArray<CreditNoteLine>): ReadonlyArray<CreditNoteGroupView> {
  const groups = new Map<string, Array<CreditNoteLine>>()
  for (const line of lines) {
    const key = `${line.childId}\u0000${line.activityId}`
    const group = groups.get(key)
    if (group) group.push(line)
    else groups.set(key, [line])
  }
  const ordered = [...groups.values()].sort((a, b) => {
    const childA = lines.findIndex((l) => l.childId === a[0]?.childId)
    const childB = lines.findIndex((l) => l.childId === b[0]?.childId)
    return childA - childB
  })
  return ordered.flatMap((group) => {
    const first = group[0]
    if (first === undefined) return []
    const sorted = [...group].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    return [{
      childName: first.childName,
      activityName: first.activityName,
      lines: sorted.map((line) => ({
        date: dateText(line.date),
        label: `${line.activityName}, ${dateText(line.date).text}`,
        ruleCode: line.rule.code,
        ruleLabel: line.rule.label,
        amount: amountText(line.amount)
      })),
      subtotal: amountText(Cents.sum(sorted.map((l) => l.amount)))
    }]
  })
}

/**
 * The data of a credit note for its template: the invoice it corrects, the reason, the credited
 * lines grouped by child and activity, and the total withdrawn.
 */
export function creditNoteDocument(
  note: CreditNote,
  household: Household,
  regie: RegieDetails,
  settings: GeneratedDocumentSettings
): CreditNoteDocument {
  const total = creditNoteTotal(note)
  return {
    kind: "creditNote",
    title: `Avoir ${note.number}`,
    fileName: `avoir-${fileNamePart(note.number)}`,
    issuer: issuerView(settings, regie),
    number: note.number,
    invoiceNumber: note.invoiceNumber,
    period: { month: note.period, text: formatBillingMonthFr(note.period) },
    issuedOn: dateText(note.issuedOn),
    addressee: addresseeView(household),
    reason: note.reason,
    groups: groupsOf(note.lines),
    total: amountText(total),
    note: `Cet avoir de ${Cents.formatEuros(total)} réduit d'autant le montant de la facture ${note.invoiceNumber}. Ce qui a été payé en trop reste au crédit de votre compte et vient en déduction de vos prochaines factures.`
  }
}
