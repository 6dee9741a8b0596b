import { BillingMonth, type InvoiceListing, LocalDate } from "@spe/core"
import { Either, Schema } from "effect"
import type { PortalContext } from "../PortalContext.js"
import { agentInvoicePath } from "../PortalPaths.js"
import { invoiceStatusWords } from "../routes/Invoices.js"

/** A query parameter as typed in the address (the first one when repeated), at most `maxLength` characters. */
export function queryText(ctx: PortalContext, name: string, maxLength = 100): string {
  const value = ctx.query[name]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === "string" ? text.slice(0, maxLength) : ""
}

/** A day typed as `AAAA-MM-JJ` (a date field) or `JJ/MM/AAAA`; undefined when it is not a day. */
export function parseDay(text: string): LocalDate.LocalDate | undefined {
  const trimmed = text.trim()
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed)
  const iso = french === null ? trimmed : `${french[3]}-${(french[2] ?? "").padStart(2, "0")}-${(french[1] ?? "").padStart(2, "0")}`
  return Either.getOrUndefined(LocalDate.parse(iso))
}

/** A billing month typed as `AAAA-MM`; undefined otherwise. */
export const parseMonth = (text: string): BillingMonth | undefined => {
  const trimmed = text.trim()
  return Schema.is(BillingMonth)(trimmed) ? trimmed : undefined
}

/** Cents as an amount field shows them: `15,75`. */
export const eurosField = (cents: number): string => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`

/** The page number asked in the address (1 when absent or not a number). */
export function pageParam(ctx: PortalContext): number {
  const page = Number(queryText(ctx, "page", 6))
  return Number.isSafeInteger(page) && page >= 1 ? page : 1
}

/** The address of a list with its filters (empty ones left out) and a page. */
export function listHref(path: string, filters: Readonly<Record<string, string>>, page?: number): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(filters)) if (value.trim() !== "") query.set(name, value)
  if (page !== undefined && page > 1) query.set("page", String(page))
  const text = query.toString()
  return text === "" ? path : `${path}?${text}`
}

/** Previous and next page links of a list, when there is more than one page. */
export function pagination(path: string, filters: Readonly<Record<string, string>>, page: number, hasNext: boolean, pageCount?: number) {
  if (page <= 1 && !hasNext) return undefined
  return {
    page,
    ...(pageCount === undefined ? {} : { pages: pageCount }),
    ...(page > 1 ? { previous: listHref(path, filters, page - 1) } : {}),
    ...(hasNext ? { next: listHref(path, filters, page + 1) } : {})
  }
}

/** An invoice as the back office's tables show it (plain values for the templates). */
export function invoiceRow(listing: InvoiceListing, on: LocalDate.LocalDate) {
  const { situation, household } = listing
  const status = invoiceStatusWords(situation, on)
  return {
    number: situation.invoice.number,
    href: agentInvoicePath(situation.invoice.id),
    reference: household.reference,
    familyName: household.familyName,
    period: situation.invoice.period,
    issuedOn: situation.invoice.issuedOn,
    dueOn: situation.invoice.dueOn,
    total: situation.total,
    credited: situation.credited,
    paid: situation.paid,
    remaining: situation.remaining,
    statusCode: status.code,
    statusText: status.text,
    daysLate: listing.daysLate,
    sentToTreasuryOn: situation.invoice.sentToTreasury?.sentOn
  }
}
