import type { MikroORM } from "@mikro-orm/postgresql"
import { CreditNote, CreditNoteAlreadyRecorded, CreditNoteRepository, type HouseholdId, type InvoiceId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { CreditNoteEntity, type CreditNoteRow } from "./BillingEntities.js"
import { lockBillingMonth, lockBillingMonthOfInvoice } from "./BillingMonthLock.js"

const encode = Schema.encodeSync(CreditNote)
const decode = Schema.decodeUnknownSync(CreditNote)

const toCreditNote = (row: CreditNoteRow): CreditNote => decode(row.data)

const ISSUED_BETWEEN = `
  select data from credit_note
  where data->>'issuedOn' >= ? and data->>'issuedOn' <= ?
  order by id`

const INSERT = `
  insert into credit_note (id, number, regie_id, household_id, invoice_id, period, data)
  values (?, ?, ?, ?, ?, ?, ?)
  on conflict do nothing
  returning id`

/**
 * `CreditNoteRepository` on PostgreSQL: one row per credit note, the note as JSON; the primary key
 * and the unique (régie, number) constraint refuse a second one. Reading the notes of a month or
 * of an invoice inside a transaction takes that month's billing lock. The notes issued between two
 * days are read from the JSON's issue date (exports only: no index).
 */
export function mikroCreditNoteRepository(orm: MikroORM): Layer.Layer<CreditNoteRepository> {
  return Layer.succeed(CreditNoteRepository, {
    add: (note) =>
      Effect.flatMap(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ id: string }>>(INSERT, [
            note.id,
            note.number,
            note.regieId,
            note.householdId,
            note.invoiceId,
            note.period,
            JSON.stringify(encode(note))
          ])
        ),
        (inserted) =>
          inserted.length === 1 ? Effect.void : Effect.fail(new CreditNoteAlreadyRecorded({ creditNoteId: note.id, number: note.number }))
      ),
    byInvoice: (invoiceId: InvoiceId) =>
      Effect.map(
        withEntityManager(orm, async (em) => {
          await lockBillingMonthOfInvoice(em, invoiceId)
          return em.find(CreditNoteEntity, { invoiceId }, { orderBy: { id: "asc" }, disableIdentityMap: true })
        }),
        (rows) => rows.map(toCreditNote)
      ),
    byHousehold: (householdId: HouseholdId) =>
      Effect.map(
        withEntityManager(orm, (em) => em.find(CreditNoteEntity, { householdId }, { orderBy: { id: "asc" }, disableIdentityMap: true })),
        (rows) => rows.map(toCreditNote)
      ),
    byPeriod: (period) =>
      Effect.map(
        withEntityManager(orm, async (em) => {
          await lockBillingMonth(em, period)
          return em.find(CreditNoteEntity, { period }, { orderBy: { id: "asc" }, disableIdentityMap: true })
        }),
        (rows) => rows.map(toCreditNote)
      ),
    issuedBetween: (from, to) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(ISSUED_BETWEEN, [from, to])),
        (rows) => rows.map((row) => decode(row.data))
      )
  })
}
