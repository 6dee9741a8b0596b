import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * An issued invoice as stored: the columns its queries and constraints need (number unique per
 * régie, household, billing month, Treasury transmission date) beside the invoice encoded by the
 * core's schema.
 */
export interface InvoiceRow {
  id: string
  number: string
  regieId: string
  householdId: string
  period: string
  sentToTreasuryOn: string | null
  data: unknown
}

/** The `invoice` table: unique (régie, number), indexed by household and by month. */
export const InvoiceEntity = new EntitySchema<InvoiceRow>({
  name: "InvoiceRow",
  tableName: "invoice",
  uniques: [{ name: "invoice_regie_number_unique", properties: ["regieId", "number"] }],
  indexes: [
    { name: "invoice_household_index", properties: ["householdId"] },
    { name: "invoice_period_index", properties: ["period"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    number: { type: "text" },
    regieId: { type: "text", fieldName: "regie_id" },
    householdId: { type: "text", fieldName: "household_id" },
    period: { type: "text" },
    sentToTreasuryOn: { type: "text", fieldName: "sent_to_treasury_on", nullable: true },
    data: { type: "json" }
  }
})

/** An issued credit note as stored: number unique per régie, invoice, household and month beside the note as JSON. */
export interface CreditNoteRow {
  id: string
  number: string
  regieId: string
  householdId: string
  invoiceId: string
  period: string
  data: unknown
}

/** The `credit_note` table: unique (régie, number), indexed by invoice, household and month. */
export const CreditNoteEntity = new EntitySchema<CreditNoteRow>({
  name: "CreditNoteRow",
  tableName: "credit_note",
  uniques: [{ name: "credit_note_regie_number_unique", properties: ["regieId", "number"] }],
  indexes: [
    { name: "credit_note_invoice_index", properties: ["invoiceId"] },
    { name: "credit_note_household_index", properties: ["householdId"] },
    { name: "credit_note_period_index", properties: ["period"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    number: { type: "text" },
    regieId: { type: "text", fieldName: "regie_id" },
    householdId: { type: "text", fieldName: "household_id" },
    invoiceId: { type: "text", fieldName: "invoice_id" },
    period: { type: "text" },
    data: { type: "json" }
  }
})

/** The last sequence number handed out for a régie, year and series (`invoice`, `credit`). */
export interface DocumentCounterRow {
  regieId: string
  year: number
  series: string
  lastNumber: number
}

/** The `document_counter` table, keyed by (régie, year, series). */
export const DocumentCounterEntity = new EntitySchema<DocumentCounterRow>({
  name: "DocumentCounterRow",
  tableName: "document_counter",
  properties: {
    regieId: { type: "text", primary: true, fieldName: "regie_id" },
    year: { type: "integer", primary: true },
    series: { type: "text", primary: true },
    lastNumber: { type: "integer", fieldName: "last_number" }
  }
})
