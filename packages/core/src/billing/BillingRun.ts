import { Array as Arr } from "effect"
import * as Cents from "../shared/Cents.js"
import type { HouseholdId } from "../shared/Ids.js"
import { type BillableFact, chargeKey } from "./BillableFact.js"
import { type BillingMonth, billingMonthOf, formatBillingMonthFr } from "./BillingMonth.js"
import { type BillingDecision, type BillingRuleCode, type BillingRules, billingRuleLabel, decideBilling } from "./BillingRules.js"
import { type CreditNote, CreditNoteLine, creditableByCharge } from "./CreditNote.js"
import { BilledRule, type Invoice, InvoiceLine, type PricingExplanation } from "./Invoice.js"

/** Which price the tariff gives: the ordinary one, or the one for a presence without booking. */
export type PriceCircumstance = "reserved" | "unreserved-presence"

/** A price from the tariff module, with its explanation (grid, band, QF and its source). */
export interface PriceQuote {
  readonly amount: Cents.Cents
  readonly explanation: PricingExplanation
}

/** How a fact should stand billed after this run: its decision and, unless it waits, its target amount. */
export interface BillingTarget {
  readonly fact: BillableFact
  readonly decision: BillingDecision
  /** What the session should be billed in total; absent when the rule waits for the register. */
  readonly amount?: Cents.Cents
  readonly pricing?: PricingExplanation
}

/**
 * Reads each fact through the billing table and prices those that are billed. `price` is asked
 * only for billed facts, with the circumstance the rule calls for.
 */
export function billingTargets(
  facts: ReadonlyArray<BillableFact>,
  rules: BillingRules,
  price: (fact: BillableFact, circumstance: PriceCircumstance) => PriceQuote
): ReadonlyArray<BillingTarget> {
  return facts.map((fact): BillingTarget => {
    const decision = decideBilling(fact, rules)
    switch (decision.charge) {
      case "wait":
        return { fact, decision }
      case "nothing":
        return { fact, decision, amount: Cents.zero }
      case "unit-price":
      case "unreserved-price": {
        const quote = price(fact, decision.charge === "unit-price" ? "reserved" : "unreserved-presence")
        return { fact, decision, amount: quote.amount, pricing: quote.explanation }
      }
    }
  })
}

/** Amounts to withdraw from one issued invoice. */
export interface PlannedCredit {
  readonly invoice: Invoice
  readonly reason: string
  readonly lines: Arr.NonEmptyReadonlyArray<CreditNoteLine>
}

/** What a run does for one household: new charges (one new invoice) and credits (one note per corrected invoice). */
export interface HouseholdBillingPlan {
  readonly householdId: HouseholdId
  readonly charges: ReadonlyArray<InvoiceLine>
  readonly credits: ReadonlyArray<PlannedCredit>
}

/** Each fact with what is already billed for it and what should be. */
export interface BillingOutcome {
  readonly target: BillingTarget
  readonly alreadyBilled: Cents.Cents
}

/** The result of a billing run before anything is issued: the preview. */
export interface BillingPlan {
  readonly period: BillingMonth
  readonly households: ReadonlyArray<HouseholdBillingPlan>
  readonly outcomes: ReadonlyArray<BillingOutcome>
}

interface BilledCharge {
  net: Cents.Cents
  readonly invoices: Array<Invoice>
}

const rule = (code: BillingRuleCode) => BilledRule.make({ code, label: billingRuleLabel(code) })

const latestFirst = (a: Invoice, b: Invoice): number =>
  a.issuedOn !== b.issuedOn ? (a.issuedOn < b.issuedOn ? 1 : -1) : a.number < b.number ? 1 : a.number > b.number ? -1 : 0

const lineOrder = (a: InvoiceLine | CreditNoteLine, b: InvoiceLine | CreditNoteLine): number =>
  a.childName.localeCompare(b.childName, "fr") ||
  (a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0) ||
  a.activityName.localeCompare(b.activityName, "fr") ||
  (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
  (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0)

/**
 * Plans a billing run of a month from the targets and what the month's invoices and credit notes
 * already bill. Each session × child ends up billed exactly its target: a charge bills what is
 * missing (a new invoice), a withdrawal credits what is too much, from the latest invoices first.
 * What is already billed right produces nothing, so a rerun changes nothing. A session billed
 * before but absent from the targets is withdrawn (its booking was removed).
 */
export function planBillingRun(input: {
  readonly period: BillingMonth
  readonly targets: ReadonlyArray<BillingTarget>
  readonly invoices: ReadonlyArray<Invoice>
  readonly creditNotes: ReadonlyArray<CreditNote>
}): BillingPlan {
  const { period } = input
  const invoices = input.invoices.filter((i) => i.period === period)
  const creditable = new Map(invoices.map((i) => [i.id, new Map(creditableByCharge(i, input.creditNotes))] as const))
  const billed = new Map<string, BilledCharge>()
  for (const invoice of invoices) {
    for (const [key, amount] of creditable.get(invoice.id) ?? []) {
      const entry = billed.get(key) ?? { net: Cents.zero, invoices: [] }
      entry.net = Cents.add(entry.net, amount)
      entry.invoices.push(invoice)
      billed.set(key, entry)
    }
  }

  const charges = new Map<HouseholdId, Array<InvoiceLine>>()
  const credits = new Map<Invoice, Array<CreditNoteLine>>()
  const withdraw = (key: string, amount: Cents.Cents, code: BillingRuleCode): void => {
    let left = amount
    for (const invoice of [...(billed.get(key)?.invoices ?? [])].sort(latestFirst)) {
      if (left <= 0) break
      const onInvoice = creditable.get(invoice.id)?.get(key) ?? Cents.zero
      const take = Cents.min(onInvoice, left)
      const line = invoice.lines.find((l) => chargeKey(l) === key)
      if (take <= 0 || line === undefined) continue
      const list = credits.get(invoice) ?? []
      list.push(CreditNoteLine.make({
        childId: line.childId,
        childName: line.childName,
        activityId: line.activityId,
        activityName: line.activityName,
        sessionId: line.sessionId,
        date: line.date,
        rule: rule(code),
        amount: take
      }))
      credits.set(invoice, list)
      left = Cents.subtract(left, take)
    }
  }

  const seen = new Set<string>()
  const outcomes: Array<BillingOutcome> = []
  for (const target of input.targets) {
    const { fact } = target
    if (billingMonthOf(fact.date) !== period) continue
    const key = chargeKey(fact)
    if (seen.has(key)) continue
    seen.add(key)
    const alreadyBilled = billed.get(key)?.net ?? Cents.zero
    outcomes.push({ target, alreadyBilled })
    if (target.amount === undefined) continue
    if (target.amount > alreadyBilled) {
      const list = charges.get(fact.householdId) ?? []
      list.push(InvoiceLine.make({
        childId: fact.childId,
        childName: fact.childName,
        activityId: fact.activityId,
        activityName: fact.activityName,
        sessionId: fact.sessionId,
        date: fact.date,
        rule: rule(target.decision.code),
        amount: Cents.subtract(target.amount, alreadyBilled),
        pricing: target.pricing ?? {},
        ...(alreadyBilled > 0 ? { previouslyBilled: alreadyBilled } : {})
      }))
      charges.set(fact.householdId, list)
    } else if (target.amount < alreadyBilled) {
      withdraw(key, Cents.subtract(alreadyBilled, target.amount), target.decision.code)
    }
  }
  for (const [key, entry] of billed) {
    if (!seen.has(key) && entry.net > 0) withdraw(key, entry.net, "booking-removed")
  }

  const householdIds = [...new Set<HouseholdId>([...charges.keys(), ...[...credits.keys()].map((i) => i.householdId)])].sort()
  const households = householdIds.map((householdId): HouseholdBillingPlan => ({
    householdId,
    charges: [...(charges.get(householdId) ?? [])].sort(lineOrder),
    credits: [...credits.entries()]
      .filter(([invoice]) => invoice.householdId === householdId)
      .sort(([a], [b]) => -latestFirst(a, b))
      .flatMap(([invoice, lines]): Array<PlannedCredit> => {
        const sorted = [...lines].sort(lineOrder)
        return Arr.isNonEmptyReadonlyArray(sorted)
          ? [{
              invoice,
              reason: `Régularisation de la facture ${invoice.number} (${formatBillingMonthFr(period)}) après mise à jour des réservations, absences et présences.`,
              lines: sorted
            }]
          : []
      })
  }))
  return { period, households, outcomes }
}

/** True when a plan issues nothing: the month is billed as the facts say. */
export const billingPlanIsEmpty = (plan: BillingPlan): boolean =>
  plan.households.every((h) => h.charges.length === 0 && h.credits.length === 0)
