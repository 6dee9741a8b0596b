import type { MikroORM } from "@mikro-orm/postgresql"
import {
  Invoice,
  InvoiceAlreadyRecorded,
  InvoiceAlreadySentToTreasury,
  InvoiceNotFound,
  InvoiceRepository,
  LocalDate,
  type HouseholdId,
  type InvoiceCriteria,
  type InvoiceId,
  type TreasuryTransmission
} from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { InvoiceEntity, type InvoiceRow } from "./BillingEntities.js"
import { lockBillingMonth } from "./BillingMonthLock.js"

const encode = Schema.encodeSync(Invoice)
const decode = Schema.decodeUnknownSync(Invoice)

const toInvoice = (row: InvoiceRow): Invoice => decode(row.data)

const INSERT = `
  insert into invoice (id, number, regie_id, household_id, period, sent_to_treasury_on, data)
  values (?, ?, ?, ?, ?, ?, ?)
  on conflict do nothing
  returning id`

const searchConditions = (criteria: InvoiceCriteria): { readonly where: string; readonly params: ReadonlyArray<string> } => {
  const number = criteria.number?.trim().toLowerCase()
  const clauses: Array<readonly [string, ReadonlyArray<string>]> = [
    ...(number === undefined || number === "" ? [] : [["strpos(lower(number), ?) > 0", [number]] as const]),
    ...(criteria.householdIds === undefined ? [] : [[`household_id in (${criteria.householdIds.map(() => "?").join(", ")})`, criteria.householdIds] as const]),
    ...(criteria.period === undefined ? [] : [["period = ?", [criteria.period]] as const]),
    ...(criteria.issuedFrom === undefined ? [] : [["data->>'issuedOn' >= ?", [criteria.issuedFrom]] as const]),
    ...(criteria.issuedTo === undefined ? [] : [["data->>'issuedOn' <= ?", [criteria.issuedTo]] as const]),
    ...(criteria.dueBefore === undefined ? [] : [["data->>'dueOn' < ?", [criteria.dueBefore]] as const])
  ]
  return { where: clauses.length === 0 ? "true" : clauses.map(([sql]) => sql).join(" and "), params: clauses.flatMap(([, values]) => values) }
}

/**
 * `InvoiceRepository` on PostgreSQL: one row per invoice, the invoice as JSON. The primary key and
 * the unique (régie, number) constraint refuse a second invoice, even from a concurrent
 * transaction; reading a month's invoices inside a transaction takes the month's billing lock.
 */
export function mikroInvoiceRepository(orm: MikroORM): Layer.Layer<InvoiceRepository> {
  const find = (id: InvoiceId) => withEntityManager(orm, (em) => em.findOne(InvoiceEntity, { id }, { disableIdentityMap: true }))
  const alreadySent = (row: InvoiceRow, sentOn: string) =>
    new InvoiceAlreadySentToTreasury({ invoiceNumber: row.number, sentOn: LocalDate.unsafe(sentOn) })
  return Layer.succeed(InvoiceRepository, {
    add: (invoice) =>
      Effect.flatMap(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ id: string }>>(INSERT, [
            invoice.id,
            invoice.number,
            invoice.regieId,
            invoice.householdId,
            invoice.period,
            invoice.sentToTreasury?.sentOn ?? null,
            JSON.stringify(encode(invoice))
          ])
        ),
        (inserted) => (inserted.length === 1 ? Effect.void : Effect.fail(new InvoiceAlreadyRecorded({ invoiceId: invoice.id, number: invoice.number })))
      ),
    get: (id) => Effect.flatMap(find(id), (row) => (row === null ? Effect.fail(new InvoiceNotFound({ invoiceId: id })) : Effect.succeed(toInvoice(row)))),
    byHousehold: (householdId: HouseholdId) =>
      Effect.map(
        withEntityManager(orm, (em) => em.find(InvoiceEntity, { householdId }, { orderBy: { id: "asc" }, disableIdentityMap: true })),
        (rows) => rows.map(toInvoice)
      ),
    byPeriod: (period) =>
      Effect.map(
        withEntityManager(orm, async (em) => {
          await lockBillingMonth(em, period)
          return em.find(InvoiceEntity, { period }, { orderBy: { id: "asc" }, disableIdentityMap: true })
        }),
        (rows) => rows.map(toInvoice)
      ),
    search: (criteria) => {
      if (criteria.householdIds !== undefined && criteria.householdIds.length === 0) return Effect.succeed([])
      const { where, params } = searchConditions(criteria)
      return Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from invoice where ${where} order by id`, [...params])),
        (rows) => rows.map((row) => decode(row.data))
      )
    },
    markSentToTreasury: (id, transmission: TreasuryTransmission) =>
      Effect.flatMap(find(id), (row): Effect.Effect<Invoice, InvoiceNotFound | InvoiceAlreadySentToTreasury> => {
        if (row === null) return Effect.fail(new InvoiceNotFound({ invoiceId: id }))
        if (row.sentToTreasuryOn !== null) return Effect.fail(alreadySent(row, row.sentToTreasuryOn))
        const sent = Invoice.make({ ...toInvoice(row), sentToTreasury: transmission })
        return Effect.flatMap(
          withEntityManager(orm, (em) =>
            em.nativeUpdate(InvoiceEntity, { id, sentToTreasuryOn: null }, { sentToTreasuryOn: transmission.sentOn, data: encode(sent) })
          ),
          (updated) =>
            updated === 1
              ? Effect.succeed(sent)
              : Effect.flatMap(find(id), (winner) =>
                  Effect.fail(
                    winner?.sentToTreasuryOn == null
                      ? new InvoiceNotFound({ invoiceId: id })
                      : alreadySent(winner, winner.sentToTreasuryOn)
                  )
                )
        )
      })
  })
}
