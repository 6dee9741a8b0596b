import { Effect } from "effect"
import { auditedAgentCommand, type AuditedOutcome } from "../account/AgentCommand.js"
import * as Cents from "../shared/Cents.js"
import type { HouseholdId, RegieId } from "../shared/Ids.js"
import type * as LocalDate from "../shared/LocalDate.js"
import { type BillingMonth, formatBillingMonthFr } from "./BillingMonth.js"
import type { BillingPlan } from "./BillingRun.js"
import type { BillingSettings } from "./BillingSettings.js"
import { creditNoteTotal } from "./CreditNote.js"
import { type HouseholdLabel, householdLabels } from "./HouseholdLabels.js"
import { invoiceTotal } from "./Invoice.js"
import { runBilling } from "./RunBilling.js"

/**
 * A line a billing run changes: `new` bills a session for the first time, `corrected` completes
 * an amount billed before (on a new invoice), `credited` withdraws an amount from an issued
 * invoice (on a credit note).
 */
export interface BillingChange {
  readonly kind: "new" | "corrected" | "credited"
  readonly householdId: HouseholdId
  readonly childName: string
  readonly activityName: string
  readonly date: LocalDate.LocalDate
  readonly ruleLabel: string
  readonly amount: Cents.Cents
  /** For a corrected line: what was billed before. */
  readonly previouslyBilled?: Cents.Cents
  /** For a credited line: the invoice it corrects. */
  readonly invoiceNumber?: string
}

/** What a billing run changes for one household: lines new, corrected and credited, amounts charged and credited. */
export interface HouseholdBillingChanges {
  readonly householdId: HouseholdId
  readonly newLines: number
  readonly correctedLines: number
  readonly creditedLines: number
  readonly charged: Cents.Cents
  readonly credited: Cents.Cents
}

/** What a billing run of a month would issue, in figures: what the preview shows before issuing. */
export interface BillingPlanSummary {
  readonly month: BillingMonth
  readonly monthLabel: string
  /** New charges per activity, by activity name. */
  readonly byActivity: ReadonlyArray<{ readonly activityName: string; readonly lines: number; readonly amount: Cents.Cents }>
  /** What changes for each household, by household id. */
  readonly byHousehold: ReadonlyArray<HouseholdBillingChanges>
  /** Households that get a new invoice or a credit note. */
  readonly households: number
  /** New invoices (one per household with new charges). */
  readonly invoices: number
  /** New credit notes (one per corrected invoice). */
  readonly creditNotes: number
  readonly chargeLines: number
  readonly charged: Cents.Cents
  readonly creditLines: number
  readonly credited: Cents.Cents
  /** Sessions whose billing waits for the attendance register. */
  readonly waiting: number
  /** Every line the run changes: corrections and credits first, then new lines, each in the plan's order. */
  readonly changes: ReadonlyArray<BillingChange>
}

/** True when the summary issues nothing: the month is billed as the facts say. */
export const billingSummaryIsEmpty = (summary: BillingPlanSummary): boolean => summary.invoices === 0 && summary.creditNotes === 0

/** The figures of a billing plan: totals per activity, documents to issue, the lines that change. */
export function summarizeBillingPlan(plan: BillingPlan): BillingPlanSummary {
  const activities = new Map<string, { lines: number; amount: Cents.Cents }>()
  const changes: Array<BillingChange> = []
  let invoices = 0
  let creditNotes = 0
  let households = 0
  for (const household of plan.households) {
    if (household.charges.length > 0) invoices++
    creditNotes += household.credits.length
    if (household.charges.length > 0 || household.credits.length > 0) households++
    for (const line of household.charges) {
      const tally = activities.get(line.activityName) ?? { lines: 0, amount: Cents.zero }
      activities.set(line.activityName, { lines: tally.lines + 1, amount: Cents.add(tally.amount, line.amount) })
      changes.push({
        kind: line.previouslyBilled === undefined ? "new" : "corrected",
        householdId: household.householdId,
        childName: line.childName,
        activityName: line.activityName,
        date: line.date,
        ruleLabel: line.rule.label,
        amount: line.amount,
        ...(line.previouslyBilled === undefined ? {} : { previouslyBilled: line.previouslyBilled })
      })
    }
    for (const credit of household.credits) {
      for (const line of credit.lines) {
        changes.push({
          kind: "credited",
          householdId: household.householdId,
          childName: line.childName,
          activityName: line.activityName,
          date: line.date,
          ruleLabel: line.rule.label,
          amount: line.amount,
          invoiceNumber: credit.invoice.number
        })
      }
    }
  }
  const byHousehold = plan.households
    .filter((h) => h.charges.length > 0 || h.credits.length > 0)
    .map((h): HouseholdBillingChanges => ({
      householdId: h.householdId,
      newLines: h.charges.filter((l) => l.previouslyBilled === undefined).length,
      correctedLines: h.charges.filter((l) => l.previouslyBilled !== undefined).length,
      creditedLines: h.credits.reduce((n, c) => n + c.lines.length, 0),
      charged: Cents.sum(h.charges.map((l) => l.amount)),
      credited: Cents.sum(h.credits.map(creditNoteTotal))
    }))
  const charges = plan.households.flatMap((h) => h.charges)
  const credits = plan.households.flatMap((h) => h.credits)
  return {
    month: plan.period,
    monthLabel: formatBillingMonthFr(plan.period),
    byActivity: [...activities.entries()]
      .map(([activityName, tally]) => ({ activityName, lines: tally.lines, amount: tally.amount }))
      .sort((a, b) => a.activityName.localeCompare(b.activityName, "fr")),
    byHousehold,
    households,
    invoices,
    creditNotes,
    chargeLines: charges.length,
    charged: Cents.sum(charges.map((l) => l.amount)),
    creditLines: credits.reduce((n, c) => n + c.lines.length, 0),
    credited: Cents.sum(credits.map(creditNoteTotal)),
    waiting: plan.outcomes.filter((o) => o.target.amount === undefined).length,
    changes: [...changes.filter((c) => c.kind !== "new"), ...changes.filter((c) => c.kind === "new")]
  }
}

/** What the agents' billing page shows before issuing: the summary and the households it names. */
export interface BillingPreview {
  readonly summary: BillingPlanSummary
  readonly households: ReadonlyMap<HouseholdId, HouseholdLabel>
}

/** How a month is billed: the régie that issues, the town's billing settings. */
export interface MonthlyBillingOptions {
  readonly regieId: RegieId
  readonly settings: BillingSettings
}

/**
 * Previews the billing run of a month (`runBilling` without issuing anything): what would be
 * issued, per activity and per household, and the lines that changed since the last run.
 */
export const previewMonthlyBilling = (month: BillingMonth, options: MonthlyBillingOptions) =>
  Effect.gen(function* () {
    const { plan } = yield* runBilling(month, { mode: "preview", ...options })
    const summary = summarizeBillingPlan(plan)
    return { summary, households: yield* householdLabels(summary.changes.map((c) => c.householdId)) } satisfies BillingPreview
  })

/** What an issued billing run gave: the documents' numbers and amounts. */
export interface IssuedMonthlyBilling {
  readonly summary: BillingPlanSummary
  readonly invoiceNumbers: ReadonlyArray<string>
  readonly creditNoteNumbers: ReadonlyArray<string>
  readonly invoiced: Cents.Cents
  readonly credited: Cents.Cents
}

const range = (numbers: ReadonlyArray<string>) => (numbers.length === 0 ? null : { first: numbers[0] ?? "", last: numbers[numbers.length - 1] ?? "" })

/**
 * An agent issues a month's billing run: the new invoices and credit notes (only the differences
 * with what is already issued, so issuing twice issues nothing the second time). Recorded in the
 * agents' journal as `billing.issue` on the month, with what was issued in `after`.
 */
export const issueMonthlyBilling = auditedAgentCommand({
  action: "billing.issue",
  permission: "billing.run",
  target: (input: { readonly month: BillingMonth }) => ({ kind: "billingMonth", id: input.month }),
  run: (_agent, input: { readonly month: BillingMonth } & MonthlyBillingOptions) =>
    Effect.gen(function* () {
      const { plan, issued } = yield* runBilling(input.month, { mode: "issue", regieId: input.regieId, settings: input.settings })
      const summary = summarizeBillingPlan(plan)
      const result: IssuedMonthlyBilling = {
        summary,
        invoiceNumbers: issued.invoices.map((i) => i.number),
        creditNoteNumbers: issued.creditNotes.map((n) => n.number),
        invoiced: Cents.sum(issued.invoices.map(invoiceTotal)),
        credited: Cents.sum(issued.creditNotes.map(creditNoteTotal))
      }
      return {
        result,
        before: null,
        after: {
          month: input.month,
          invoices: result.invoiceNumbers.length,
          invoiceNumbers: range(result.invoiceNumbers),
          invoiced: result.invoiced,
          creditNotes: result.creditNoteNumbers.length,
          creditNoteNumbers: range(result.creditNoteNumbers),
          credited: result.credited,
          households: summary.households,
          waiting: summary.waiting
        }
      } satisfies AuditedOutcome<IssuedMonthlyBilling>
    })
})
