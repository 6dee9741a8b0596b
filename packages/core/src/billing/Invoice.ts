import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { AccountId, ActivityId, HouseholdId, InvoiceId, MemberId, RegieId, SessionId } from "../shared/Ids.js"
import { LocalDate } from "../shared/LocalDate.js"
import { BillingMonth } from "./BillingMonth.js"
import { BillingRuleCode } from "./BillingRules.js"

/** The row of the billing table that produced a line, with its French label. */
export class BilledRule extends Schema.Class<BilledRule>("BilledRule")({
  code: BillingRuleCode,
  label: Schema.String
}) {}

/**
 * How the tariff module priced a line (grid, band, QF and its source…), kept as the JSON record
 * the tariff module gave: billing shows it, it does not interpret it.
 */
export const PricingExplanation = Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
  identifier: "PricingExplanation"
})
export type PricingExplanation = typeof PricingExplanation.Type

/**
 * One billed session of one child: which session, which child, which rule billed it, and how the
 * price was found. `previouslyBilled` is set when the line completes an amount billed earlier.
 */
export class InvoiceLine extends Schema.Class<InvoiceLine>("InvoiceLine")({
  childId: MemberId,
  childName: Schema.String,
  activityId: ActivityId,
  activityName: Schema.String,
  sessionId: SessionId,
  date: LocalDate,
  rule: BilledRule,
  amount: Cents.NonNegativeCents,
  pricing: PricingExplanation,
  previouslyBilled: Schema.optional(Cents.Cents)
}) {}

/** An agent's transmission of an unpaid invoice to the public Treasury (titre de recette). */
export class TreasuryTransmission extends Schema.Class<TreasuryTransmission>("TreasuryTransmission")({
  sentOn: LocalDate,
  by: AccountId
}) {}

/**
 * A household's invoice for a billing month, issued by a régie. Never edited once issued (only
 * the Treasury transmission is added); corrections are credit notes. Its total is the sum of its
 * lines and is never stored.
 */
export class Invoice extends Schema.Class<Invoice>("Invoice")({
  id: InvoiceId,
  number: Schema.NonEmptyTrimmedString,
  regieId: RegieId,
  householdId: HouseholdId,
  period: BillingMonth,
  issuedOn: LocalDate,
  dueOn: LocalDate,
  lines: Schema.NonEmptyArray(InvoiceLine),
  sentToTreasury: Schema.optional(TreasuryTransmission)
}) {}

/** The total of an invoice: the sum of its lines. */
export const invoiceTotal = (invoice: Pick<Invoice, "lines">): Cents.Cents => Cents.sum(invoice.lines.map((l) => l.amount))

/** Lines of one child for one activity, as an invoice presents them. */
export interface InvoiceLineGroup {
  readonly childId: MemberId
  readonly childName: string
  readonly activityId: ActivityId
  readonly activityName: string
  readonly lines: ReadonlyArray<InvoiceLine>
  readonly subtotal: Cents.Cents
}

/** The lines grouped by child, then activity (in order of first appearance), each group in date order. */
export function invoiceLinesByChildAndActivity(lines: ReadonlyArray<InvoiceLine>): ReadonlyArray<InvoiceLineGroup> {
  const groups = new Map<string, Array<InvoiceLine>>()
  for (const line of lines) {
    const key = `${line.childId}\u0000${line.activityId}`
    const group = groups.get(key)
    if (group) group.push(line)
    else groups.set(key, [line])
  }
  const byChild = new Map<string, Array<Array<InvoiceLine>>>()
  for (const group of groups.values()) {
    const childId = group[0]?.childId ?? ""
    const list = byChild.get(childId)
    if (list) list.push(group)
    else byChild.set(childId, [group])
  }
  return [...byChild.values()].flat().flatMap((group) => {
    const first = group[0]
    if (first === undefined) return []
    const sorted = [...group].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    return [{
      childId: first.childId,
      childName: first.childName,
      activityId: first.activityId,
      activityName: first.activityName,
      lines: sorted,
      subtotal: Cents.sum(sorted.map((l) => l.amount))
    }]
  })
}
