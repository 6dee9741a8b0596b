import { Schema } from "effect"
import { BillingRules } from "./BillingRules.js"
import { defaultCreditNoteNumberFormat, defaultInvoiceNumberFormat, DocumentNumberFormat } from "./DocumentNumber.js"

/** A town's billing settings: payment term, numbering of invoices and credit notes, the billing table. */
export class BillingSettings extends Schema.Class<BillingSettings>("BillingSettings")({
  /** Days from issue to due date. */
  paymentTermDays: Schema.optionalWith(Schema.Int.pipe(Schema.nonNegative()), { default: () => 30 }),
  invoiceNumbers: Schema.optionalWith(DocumentNumberFormat, { default: () => defaultInvoiceNumberFormat }),
  creditNoteNumbers: Schema.optionalWith(DocumentNumberFormat, { default: () => defaultCreditNoteNumberFormat }),
  rules: Schema.optionalWith(BillingRules, { default: () => BillingRules.make({}) })
}) {}
