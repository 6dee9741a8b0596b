import { Array as Arr, Effect } from "effect"
import { invoiceIssuedDraft, publishIntegrationEvent } from "../integration/IntegrationPublishing.js"
import * as Cents from "../shared/Cents.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { CreditNoteId, type InvoiceId, InvoiceId as InvoiceIdSchema, type MemberId, type RegieId, type SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput } from "../shared/Validation.js"
import { chargeKey } from "./BillableFact.js"
import { CreditLineNotOnInvoice } from "./BillingErrors.js"
import type { BillingPlan } from "./BillingRun.js"
import { billingRuleLabel } from "./BillingRules.js"
import type { BillingSettings } from "./BillingSettings.js"
import { CreditNote, CreditNoteLine, checkCreditLines } from "./CreditNote.js"
import { CreditNoteRepository } from "./CreditNoteRepository.js"
import { formatDocumentNumber } from "./DocumentNumber.js"
import { DocumentNumbering } from "./DocumentNumbering.js"
import { BilledRule, Invoice } from "./Invoice.js"
import { InvoiceRepository } from "./InvoiceRepository.js"

/** What an issue step produced. */
export interface IssuedBilling {
  readonly invoices: ReadonlyArray<Invoice>
  readonly creditNotes: ReadonlyArray<CreditNote>
}

const issueCredit = (input: {
  readonly invoice: Invoice
  readonly reason: string
  readonly lines: Arr.NonEmptyReadonlyArray<CreditNoteLine>
  readonly issuedOn: LocalDate.LocalDate
  readonly settings: BillingSettings
}) =>
  Effect.gen(function* () {
    const numbering = yield* DocumentNumbering
    const ids = yield* IdGenerator
    const year = LocalDate.year(input.issuedOn)
    const sequence = yield* numbering.next(input.invoice.regieId, year, "credit")
    const note = CreditNote.make({
      id: CreditNoteId.make(yield* ids.next("avoir")),
      number: formatDocumentNumber(input.settings.creditNoteNumbers, year, sequence),
      regieId: input.invoice.regieId,
      householdId: input.invoice.householdId,
      invoiceId: input.invoice.id,
      invoiceNumber: input.invoice.number,
      period: input.invoice.period,
      issuedOn: input.issuedOn,
      reason: input.reason,
      lines: input.lines
    })
    yield* (yield* CreditNoteRepository).add(note)
    return note
  })

/**
 * Issues a planned billing run: one numbered invoice per household with new charges, one
 * numbered credit note per corrected invoice, and `invoice.issued` for each invoice in the event
 * outbox. Run it inside `Transactions` so that numbers, documents and events are saved together.
 */
export const issueBillingPlan = (
  plan: BillingPlan,
  options: { readonly regieId: RegieId; readonly issuedOn: LocalDate.LocalDate; readonly settings: BillingSettings }
) =>
  Effect.gen(function* () {
    const numbering = yield* DocumentNumbering
    const ids = yield* IdGenerator
    const invoiceRepository = yield* InvoiceRepository
    const year = LocalDate.year(options.issuedOn)
    const invoices: Array<Invoice> = []
    const creditNotes: Array<CreditNote> = []
    for (const household of plan.households) {
      if (Arr.isNonEmptyReadonlyArray(household.charges)) {
        const sequence = yield* numbering.next(options.regieId, year, "invoice")
        const invoice = Invoice.make({
          id: InvoiceIdSchema.make(yield* ids.next("fac")),
          number: formatDocumentNumber(options.settings.invoiceNumbers, year, sequence),
          regieId: options.regieId,
          householdId: household.householdId,
          period: plan.period,
          issuedOn: options.issuedOn,
          dueOn: LocalDate.addDays(options.issuedOn, options.settings.paymentTermDays),
          lines: household.charges
        })
        yield* invoiceRepository.add(invoice)
        yield* publishIntegrationEvent(invoiceIssuedDraft(invoice))
        invoices.push(invoice)
      }
      for (const credit of household.credits) {
        creditNotes.push(yield* issueCredit({ ...credit, issuedOn: options.issuedOn, settings: options.settings }))
      }
    }
    return { invoices, creditNotes } satisfies IssuedBilling
  })

/** An amount an agent withdraws from one line (session × child) of an invoice. */
export interface CreditRequestLine {
  readonly sessionId: SessionId
  readonly childId: MemberId
  readonly amount: Cents.Cents
}

/**
 * An agent corrects an issued invoice with a credit note (never by editing it): each line
 * withdraws at most what the invoice still bills for that session and child. The check and the
 * numbering happen in one transaction, so two agents crediting the same line cannot both succeed
 * and a refused credit gives its number back.
 */
export const issueCreditNote = (input: {
  readonly invoiceId: InvoiceId
  readonly lines: Arr.NonEmptyReadonlyArray<CreditRequestLine>
  readonly reason: string
  readonly issuedOn: LocalDate.LocalDate
  readonly settings: BillingSettings
}) =>
  Effect.flatMap(Transactions, (transactions) => transactions.withTransaction(Effect.gen(function* () {
    const invoice = yield* (yield* InvoiceRepository).get(input.invoiceId)
    const existing = yield* (yield* CreditNoteRepository).byInvoice(invoice.id)
    const manual = BilledRule.make({ code: "manual-correction", label: billingRuleLabel("manual-correction") })
    const lines: Array<CreditNoteLine> = []
    for (const requested of input.lines) {
      const line = invoice.lines.find((l) => chargeKey(l) === chargeKey(requested))
      if (requested.amount <= 0) {
        return yield* new InvalidInput({
          subject: "Avoir",
          problems: [{ path: "amount", message: "Le montant retiré par un avoir doit être supérieur à zéro." }]
        })
      }
      if (line === undefined) {
        return yield* new CreditLineNotOnInvoice({ invoiceNumber: invoice.number, childName: requested.childId })
      }
      lines.push(CreditNoteLine.make({
        childId: line.childId,
        childName: line.childName,
        activityId: line.activityId,
        activityName: line.activityName,
        sessionId: line.sessionId,
        date: line.date,
        rule: manual,
        amount: Cents.cents(requested.amount)
      }))
    }
    if (!Arr.isNonEmptyReadonlyArray(lines)) return yield* Effect.dieMessage("issueCreditNote: no line")
    yield* checkCreditLines(invoice, existing, lines)
    return yield* issueCredit({ invoice, reason: input.reason, lines, issuedOn: input.issuedOn, settings: input.settings })
  })))
