import type { EntityManager } from "@mikro-orm/postgresql"

const key = (period: string): string => `spe:billing-month:${period}`

/**
 * Inside a transaction, waits for and takes the transaction-scoped advisory lock of a billing
 * month, held until commit or rollback: the reads a billing decision starts from (the month's
 * invoices and credit notes, an invoice's credit notes) are serialised per month, so two billing
 * runs or corrections of one month never decide from the same state. Outside a transaction, does
 * nothing.
 */
export async function lockBillingMonth(em: EntityManager, period: string): Promise<void> {
  if (!em.isInTransaction()) return
  await em.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", [key(period)])
}

/** `lockBillingMonth` for the month of an invoice, found by its id (nothing when there is no such invoice). */
export async function lockBillingMonthOfInvoice(em: EntityManager, invoiceId: string): Promise<void> {
  if (!em.isInTransaction()) return
  await em.execute("select pg_advisory_xact_lock(hashtextextended(? || period, 0)) from invoice where id = ?", [key(""), invoiceId])
}
