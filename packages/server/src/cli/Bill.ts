import {
  type BillingRunResult,
  type BillingSettings,
  Cents,
  creditNoteTotal,
  formatBillingMonthFr,
  HouseholdRepository,
  type HouseholdBillingChanges,
  type HouseholdId,
  InvoiceRepository,
  invoiceTotal,
  type RegieId,
  runBilling,
  summarizeBillingPlan,
  unsafeBillingMonth
} from "@spe/core"
import { Effect, Either } from "effect"
import type { Terminal } from "./Terminal.js"

/** How a billing run reports its progress: households read, then invoices issued. */
export interface BillingProgress {
  readonly onHouseholdRead?: (count: number) => void
  readonly onInvoiceIssued?: (count: number) => void
}

/**
 * The core's `runBilling` for a month, with its progress reported: each household read while the
 * month's facts are gathered, each invoice recorded while the plan is issued.
 */
export const billMonth = (
  month: string,
  options: { readonly issue: boolean; readonly regieId: RegieId; readonly settings: BillingSettings },
  progress: BillingProgress = {}
) => {
  let read = 0
  let issued = 0
  return runBilling(unsafeBillingMonth(month), { mode: options.issue ? "issue" : "preview", regieId: options.regieId, settings: options.settings }).pipe(
    Effect.updateService(HouseholdRepository, (repository) => ({
      ...repository,
      get: (id: HouseholdId) => Effect.tap(repository.get(id), () => Effect.sync(() => progress.onHouseholdRead?.(++read)))
    })),
    Effect.updateService(InvoiceRepository, (repository) => ({
      ...repository,
      add: (invoice: Parameters<typeof repository.add>[0]) => Effect.tap(repository.add(invoice), () => Effect.sync(() => progress.onInvoiceIssued?.(++issued)))
    }))
  )
}

const linesOf = (h: HouseholdBillingChanges): number => h.newLines + h.correctedLines + h.creditedLines
const column = (text: string, width: number): string => (text.length >= width ? text : text + " ".repeat(width - text.length))
const right = (text: string, width: number): string => (text.length >= width ? text : " ".repeat(width - text.length) + text)
const plural = (n: number, one: string, many: string): string => `${n.toLocaleString("fr-FR")} ${n <= 1 ? one : many}`

/** At most this many households are listed one by one. */
export const householdsListed = 40

/** Prints the plan's totals and, when issued, the documents; `names` gives each listed household's label. */
export function printBillingResult(
  terminal: Terminal,
  month: string,
  result: BillingRunResult,
  names: ReadonlyMap<HouseholdId, string>
): void {
  const summary = summarizeBillingPlan(result.plan)
  const label = formatBillingMonthFr(unsafeBillingMonth(month))
  if (summary.byHousehold.length === 0) {
    terminal.out(`Facturation ${/^[aeiouyàâéèêh]/i.test(label) ? "d'" : "de "}${label} : rien de nouveau à facturer, le mois est facturé comme le disent les réservations et les présences.`)
  } else {
    terminal.out(`Par activité${" ".repeat(28)}lignes       montant`)
    for (const a of summary.byActivity) terminal.out(`  ${column(a.activityName, 38)}${right(String(a.lines), 6)}${right(Cents.formatEuros(a.amount), 14)}`)
    terminal.out(`  ${column("Total à facturer", 38)}${right(String(summary.chargeLines), 6)}${right(Cents.formatEuros(summary.charged), 14)}`)
    if (summary.creditLines > 0)
      terminal.out(`  ${column("Avoirs (régularisations)", 38)}${right(String(summary.creditLines), 6)}${right(Cents.formatEuros(Cents.negate(summary.credited)), 14)}`)
    terminal.out("")
    terminal.out(`Par foyer${" ".repeat(31)}lignes       montant`)
    for (const h of summary.byHousehold.slice(0, householdsListed)) {
      const amount = h.credited > 0 ? `${Cents.formatEuros(h.charged)} (avoir ${Cents.formatEuros(h.credited)})` : Cents.formatEuros(h.charged)
      terminal.out(`  ${column(names.get(h.householdId) ?? h.householdId, 38)}${right(String(linesOf(h)), 6)}${right(amount, 14)}`)
    }
    const rest = summary.byHousehold.slice(householdsListed)
    if (rest.length > 0)
      terminal.out(`  … et ${plural(rest.length, "autre foyer", "autres foyers")} (${plural(rest.reduce((n, h) => n + linesOf(h), 0), "ligne", "lignes")})`)
  }
  if (summary.waiting > 0)
    terminal.out(`${plural(summary.waiting, "séance attend", "séances attendent")} le pointage des présences : ${summary.waiting <= 1 ? "elle sera facturée" : "elles seront facturées"} quand le registre sera rempli.`)
  const { invoices, creditNotes } = result.issued
  if (invoices.length > 0 || creditNotes.length > 0) {
    const numbers = (list: ReadonlyArray<{ readonly number: string }>) =>
      list.length === 0 ? "" : list.length === 1 ? ` (${list[0]?.number})` : ` (${list[0]?.number} à ${list[list.length - 1]?.number})`
    terminal.out("")
    terminal.out(`Émis : ${plural(invoices.length, "facture", "factures")}${numbers(invoices)} pour ${Cents.formatEuros(Cents.sum(invoices.map(invoiceTotal)))}, ${plural(creditNotes.length, "avoir", "avoirs")}${numbers(creditNotes)} pour ${Cents.formatEuros(Cents.sum(creditNotes.map(creditNoteTotal)))}.`)
  }
}

/** The labels of the households a summary lists: reference and family name. */
export const householdNames = (result: BillingRunResult) =>
  Effect.gen(function* () {
    const repository = yield* HouseholdRepository
    const names = new Map<HouseholdId, string>()
    for (const h of summarizeBillingPlan(result.plan).byHousehold.slice(0, householdsListed)) {
      const household = yield* Effect.either(repository.get(h.householdId))
      if (Either.isRight(household)) names.set(h.householdId, `${household.right.reference} ${household.right.familyName}`)
    }
    return names as ReadonlyMap<HouseholdId, string>
  })
