import { Effect, Either } from "effect"
import { AccountRepository } from "../account/AccountRepository.js"
import { chargeKey } from "../billing/BillableFact.js"
import type { BillingMonth } from "../billing/BillingMonth.js"
import { creditableByCharge } from "../billing/CreditNote.js"
import { type HouseholdLabel, householdLabels, labelOf } from "../billing/HouseholdLabels.js"
import type { InvoiceLine } from "../billing/Invoice.js"
import { type InvoiceCriteria, InvoiceRepository } from "../billing/InvoiceRepository.js"
import { type HouseholdDocumentSettings, type HouseholdInvoice, loadHouseholdInvoice } from "../document/generated/HouseholdDocuments.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import * as Cents from "../shared/Cents.js"
import type { AccountId, HouseholdId, InvoiceId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import type { HouseholdAccount, InvoiceSituation } from "./HouseholdAccount.js"
import { loadHouseholdAccount } from "./HouseholdAccountQuery.js"
import { isPastDue } from "./HouseholdInvoice.js"
import type { Payment } from "./Payment.js"
import { type PaymentMethod, PaymentMethod as PaymentMethodSchema } from "./PaymentMethod.js"
import { PaymentRepository } from "./PaymentRepository.js"

/**
 * Where an invoice stands, as the agents search it: `unpaid` (something remains, the régie
 * collects it), `pastDue` (unpaid after its due date, still with the régie), `paid`, `cancelled`
 * (fully credited), `sentToTreasury`.
 */
export type InvoiceStatusFilter = "unpaid" | "pastDue" | "paid" | "cancelled" | "sentToTreasury"

/** Every status an agent may search, in the order of the search form. */
export const invoiceStatusFilters: ReadonlyArray<InvoiceStatusFilter> = ["unpaid", "pastDue", "paid", "cancelled", "sentToTreasury"]

/** French name of each searched status. */
export const invoiceStatusFilterLabel: { readonly [S in InvoiceStatusFilter]: string } = {
  unpaid: "à payer",
  pastDue: "en retard",
  paid: "payée",
  cancelled: "annulée par avoir",
  sentToTreasury: "transmise au Trésor public"
}

/** Whether an invoice is in a searched status on `on`. */
export function invoiceHasStatus(situation: InvoiceSituation, status: InvoiceStatusFilter, on: LocalDate.LocalDate): boolean {
  switch (status) {
    case "unpaid":
      return situation.remaining > 0 && situation.status !== "sentToTreasury"
    case "pastDue":
      return situation.status !== "sentToTreasury" && isPastDue(situation, on)
    case "paid":
      return situation.status === "paid"
    case "cancelled":
      return situation.status === "cancelled"
    case "sentToTreasury":
      return situation.status === "sentToTreasury"
  }
}

/** An invoice as the agents' lists show it: where it stands, its household, how late it is. */
export interface InvoiceListing {
  readonly situation: InvoiceSituation
  readonly household: HouseholdLabel
  readonly pastDue: boolean
  /** Days since the due date when past due, 0 otherwise. */
  readonly daysLate: number
}

const listing = (situation: InvoiceSituation, household: HouseholdLabel, on: LocalDate.LocalDate): InvoiceListing => {
  const pastDue = isPastDue(situation, on)
  return { situation, household, pastDue, daysLate: pastDue ? LocalDate.daysBetween(situation.invoice.dueOn, on) : 0 }
}

const newestFirst = (a: InvoiceSituation, b: InvoiceSituation): number =>
  a.invoice.issuedOn !== b.invoice.issuedOn ? (a.invoice.issuedOn < b.invoice.issuedOn ? 1 : -1) : a.invoice.number < b.invoice.number ? 1 : a.invoice.number > b.invoice.number ? -1 : 0

/** The accounts of the households of some invoices, read once each, and each invoice's situation in its account. */
const situationsOf = (invoices: ReadonlyArray<{ readonly id: InvoiceId; readonly householdId: HouseholdId }>) =>
  Effect.gen(function* () {
    const accounts = new Map<HouseholdId, HouseholdAccount>()
    const situations: Array<InvoiceSituation> = []
    for (const invoice of invoices) {
      const account = accounts.get(invoice.householdId) ?? (yield* loadHouseholdAccount(invoice.householdId))
      accounts.set(invoice.householdId, account)
      const situation = account.invoices.find((s) => s.invoice.id === invoice.id)
      if (situation !== undefined) situations.push(situation)
    }
    return situations as ReadonlyArray<InvoiceSituation>
  })

/** What the agents search invoices by; every field narrows, all together. */
export interface InvoiceSearchQuery {
  /** Part of the invoice's number. */
  readonly number?: string
  /** Words of the family: reference, family name, a member's name, an email. */
  readonly family?: string
  readonly period?: BillingMonth
  readonly status?: InvoiceStatusFilter
  /** Issued on or after this day. */
  readonly issuedFrom?: LocalDate.LocalDate
  /** Issued on or before this day. */
  readonly issuedTo?: LocalDate.LocalDate
  /** The day statuses are read on (today). */
  readonly on: LocalDate.LocalDate
}

/** A page of found invoices, newest issue first. */
export interface InvoiceSearchPage {
  readonly items: ReadonlyArray<InvoiceListing>
  /** How many invoices match in all. */
  readonly total: number
  /** The page shown, from 1 (the last one when asked beyond it). */
  readonly page: number
  readonly pageCount: number
}

const criteriaOf = (query: InvoiceSearchQuery) =>
  Effect.gen(function* () {
    const family = query.family?.trim() ?? ""
    const householdIds = family === "" ? undefined : (yield* (yield* HouseholdRepository).search(family)).map((h) => h.id)
    return {
      ...(query.number === undefined || query.number.trim() === "" ? {} : { number: query.number.trim() }),
      ...(householdIds === undefined ? {} : { householdIds }),
      ...(query.period === undefined ? {} : { period: query.period }),
      ...(query.issuedFrom === undefined ? {} : { issuedFrom: query.issuedFrom }),
      ...(query.issuedTo === undefined ? {} : { issuedTo: query.issuedTo })
    } satisfies InvoiceCriteria
  })

/**
 * Every invoice matching an agent's search, newest issue first, with where it stands (for the
 * exports). Statuses are those of the households' accounts on `query.on`.
 */
export const findInvoices = (query: InvoiceSearchQuery) =>
  Effect.gen(function* () {
    const invoices = yield* (yield* InvoiceRepository).search(yield* criteriaOf(query))
    const situations = [...(yield* situationsOf(invoices))]
      .filter((s) => query.status === undefined || invoiceHasStatus(s, query.status, query.on))
      .sort(newestFirst)
    const labels = yield* householdLabels(situations.map((s) => s.invoice.householdId))
    return situations.map((s) => listing(s, labelOf(labels, s.invoice.householdId), query.on))
  })

/**
 * The agents' invoice search ("Factures"), a page at a time: by number, family, month, status
 * (`unpaid`, `pastDue`, `paid`, `cancelled`, `sentToTreasury` on `query.on`), newest issue first.
 * Without a status, only the page's households' accounts are read.
 */
export const searchInvoices = (query: InvoiceSearchQuery, paging: { readonly page: number; readonly pageSize: number }) =>
  Effect.gen(function* () {
    const size = Math.max(1, Math.floor(paging.pageSize))
    const pageOf = (total: number) => {
      const pageCount = Math.max(1, Math.ceil(total / size))
      return { page: Math.min(Math.max(1, Math.floor(paging.page)), pageCount), pageCount }
    }
    if (query.status !== undefined) {
      const all = yield* findInvoices(query)
      const { page, pageCount } = pageOf(all.length)
      return { items: all.slice((page - 1) * size, page * size), total: all.length, page, pageCount } satisfies InvoiceSearchPage
    }
    const invoices = [...(yield* (yield* InvoiceRepository).search(yield* criteriaOf(query)))].sort((a, b) =>
      a.issuedOn !== b.issuedOn ? (a.issuedOn < b.issuedOn ? 1 : -1) : a.number < b.number ? 1 : a.number > b.number ? -1 : 0
    )
    const { page, pageCount } = pageOf(invoices.length)
    const shown = invoices.slice((page - 1) * size, page * size)
    const situations = yield* situationsOf(shown)
    const labels = yield* householdLabels(shown.map((i) => i.householdId))
    return {
      items: situations.map((s) => listing(s, labelOf(labels, s.invoice.householdId), query.on)),
      total: invoices.length,
      page,
      pageCount
    } satisfies InvoiceSearchPage
  })

/** One line of an invoice an agent may credit, and what remains creditable on it. */
export interface CreditableLine {
  readonly line: InvoiceLine
  /** The line's key (session × child), as a credit line names it. */
  readonly key: string
  readonly creditable: Cents.Cents
}

/** An invoice as an agent opens it: what the family sees of it, its household, what may be credited. */
export interface AgentInvoice extends HouseholdInvoice {
  readonly household: HouseholdLabel
  readonly listing: InvoiceListing
  readonly creditableLines: ReadonlyArray<CreditableLine>
}

/**
 * Loads an invoice for an agent, whatever its household: the same data as the family's page
 * (situation, document with explained lines, payments, credit notes), its household, and each
 * line with what a credit note may still withdraw from it.
 */
export const loadAgentInvoice = (invoiceId: InvoiceId, settings: HouseholdDocumentSettings, on: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const invoice = yield* (yield* InvoiceRepository).get(invoiceId)
    const loaded = yield* loadHouseholdInvoice(invoice.householdId, invoiceId, settings)
    const household = labelOf(yield* householdLabels([invoice.householdId]), invoice.householdId)
    const creditable = creditableByCharge(loaded.situation.invoice, loaded.creditNotes)
    return {
      ...loaded,
      household,
      listing: listing(loaded.situation, household, on),
      creditableLines: loaded.situation.invoice.lines.map((line) => {
        const key = chargeKey(line)
        return { line, key, creditable: Cents.max(Cents.zero, creditable.get(key) ?? Cents.zero) }
      })
    } satisfies AgentInvoice
  })

/** Unpaid invoices past their due date on a day, oldest due first, and their totals. */
export interface PastDueInvoices {
  readonly on: LocalDate.LocalDate
  readonly items: ReadonlyArray<InvoiceListing>
  /** What remains to pay on them in all. */
  readonly total: Cents.Cents
  /** Of which already with the Treasury. */
  readonly atTreasury: Cents.Cents
  /** How many households owe. */
  readonly households: number
}

/**
 * The unpaid invoices past their due date on `on` (`loadPastDueUnpaid`'s rule), all households,
 * oldest due date first, with how many days late, their total and the households that owe.
 */
export const loadPastDueInvoices = (on: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const invoices = yield* (yield* InvoiceRepository).search({ dueBefore: on })
    const situations = (yield* situationsOf(invoices)).filter((s) => isPastDue(s, on))
    const labels = yield* householdLabels(situations.map((s) => s.invoice.householdId))
    const items = [...situations]
      .sort((a, b) => (a.invoice.dueOn !== b.invoice.dueOn ? (a.invoice.dueOn < b.invoice.dueOn ? -1 : 1) : a.invoice.number < b.invoice.number ? -1 : 1))
      .map((s) => listing(s, labelOf(labels, s.invoice.householdId), on))
    return {
      on,
      items,
      total: Cents.sum(items.map((i) => i.situation.remaining)),
      atTreasury: Cents.sum(items.filter((i) => i.situation.status === "sentToTreasury").map((i) => i.situation.remaining)),
      households: new Set(items.map((i) => i.situation.invoice.householdId)).size
    } satisfies PastDueInvoices
  })

/** A payment as the agents' lists show it: its household, the invoices it names, who recorded it. */
export interface ReceivedPayment {
  readonly payment: Payment
  readonly household: HouseholdLabel
  /** The invoices the payer named, with their numbers. */
  readonly invoices: ReadonlyArray<{ readonly invoiceId: InvoiceId; readonly number: string }>
  /** The agent who recorded it at the régie, by name. */
  readonly recordedByName?: string
}

/** The payments received in a period, newest first, and their totals. */
export interface ReceivedPayments {
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
  readonly items: ReadonlyArray<ReceivedPayment>
  readonly total: Cents.Cents
  /** Totals by method, in the order of `PaymentMethod`. */
  readonly byMethod: ReadonlyArray<{ readonly method: PaymentMethod; readonly count: number; readonly amount: Cents.Cents }>
}

/**
 * The payments received from `from` to `to` (days in Paris, both included), all households, of one
 * method or all, newest first, each with its household, the invoices it names and who recorded it.
 */
export const listReceivedPayments = (query: { readonly from: LocalDate.LocalDate; readonly to: LocalDate.LocalDate; readonly method?: PaymentMethod }) =>
  Effect.gen(function* () {
    const start = ParisTime.toInstant(query.from, ParisTime.timeOfDay("00:00"))
    const end = ParisTime.toInstant(LocalDate.addDays(query.to, 1), ParisTime.timeOfDay("00:00"))
    const payments = (yield* (yield* PaymentRepository).receivedBetween(start, end))
      .filter((p) => query.method === undefined || p.method === query.method)
      .sort((a, b) => (a.receivedAt !== b.receivedAt ? (a.receivedAt < b.receivedAt ? 1 : -1) : a.id < b.id ? 1 : -1))
    const labels = yield* householdLabels(payments.map((p) => p.householdId))
    const invoices = yield* InvoiceRepository
    const numbers = new Map<InvoiceId, string>()
    const accounts = yield* AccountRepository
    const names = new Map<AccountId, string | undefined>()
    const items: Array<ReceivedPayment> = []
    for (const payment of payments) {
      const named: Array<{ readonly invoiceId: InvoiceId; readonly number: string }> = []
      for (const id of payment.invoiceIds) {
        const known = numbers.get(id) ?? Either.getOrUndefined(yield* Effect.either(Effect.map(invoices.get(id), (i) => i.number)))
        if (known !== undefined) {
          numbers.set(id, known)
          named.push({ invoiceId: id, number: known })
        }
      }
      let recordedByName: string | undefined
      if (payment.recordedBy !== undefined) {
        if (!names.has(payment.recordedBy)) {
          const account = yield* Effect.either(accounts.get(payment.recordedBy))
          names.set(payment.recordedBy, Either.isRight(account) && account.right.holder._tag === "Agent" ? account.right.holder.displayName : undefined)
        }
        recordedByName = names.get(payment.recordedBy)
      }
      items.push({ payment, household: labelOf(labels, payment.householdId), invoices: named, ...(recordedByName === undefined ? {} : { recordedByName }) })
    }
    return {
      from: query.from,
      to: query.to,
      items,
      total: Cents.sum(payments.map((p) => p.amount)),
      byMethod: PaymentMethodSchema.literals.flatMap((method) => {
        const of = payments.filter((p) => p.method === method)
        return of.length === 0 ? [] : [{ method, count: of.length, amount: Cents.sum(of.map((p) => p.amount)) }]
      })
    } satisfies ReceivedPayments
  })
