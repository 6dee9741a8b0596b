import { Array as Arr, Effect } from "effect"
import { auditedAgentCommand, type AuditedOutcome } from "../account/AgentCommand.js"
import { type JsonValue, toAuditJson } from "../account/AuditRecord.js"
import type { BillingSettings } from "../billing/BillingSettings.js"
import { CreditNote } from "../billing/CreditNote.js"
import { TreasuryTransmission } from "../billing/Invoice.js"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import { type CreditRequestLine, issueCreditNote } from "../billing/IssueBilling.js"
import type * as Cents from "../shared/Cents.js"
import { Clock } from "../shared/Clock.js"
import type { HouseholdId, InvoiceId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { InvalidInput } from "../shared/Validation.js"
import type { HouseholdAccount, InvoiceSituation } from "./HouseholdAccount.js"
import { loadHouseholdAccount } from "./HouseholdAccountQuery.js"
import { type CounterTender, Payment } from "./Payment.js"
import type { PaymentMethod } from "./PaymentMethod.js"
import type { PaymentSettings } from "./PaymentSettings.js"
import { recordPayment } from "./RecordPayment.js"
import { sendInvoiceToTreasury } from "./Treasury.js"

const invoiceTarget = (input: { readonly invoiceId: InvoiceId }) => ({ kind: "invoice", id: input.invoiceId })

/** Where an invoice stands, as the journal keeps it before and after an agent's action. */
const standingOf = (situation: InvoiceSituation | undefined): JsonValue =>
  situation === undefined
    ? null
    : {
        number: situation.invoice.number,
        total: situation.total,
        credited: situation.credited,
        net: situation.net,
        paid: situation.paid,
        remaining: situation.remaining,
        status: situation.status,
        sentToTreasuryOn: situation.invoice.sentToTreasury?.sentOn ?? null
      }

const invoiceInAccount = (invoiceId: InvoiceId) =>
  Effect.gen(function* () {
    const invoice = yield* (yield* InvoiceRepository).get(invoiceId)
    const account = yield* loadHouseholdAccount(invoice.householdId)
    return { account, situation: account.invoices.find((s) => s.invoice.id === invoiceId) }
  })

const today = Effect.map(Effect.flatMap(Clock, (clock) => clock.now), (now) => ({ now, today: ParisTime.dateAt(now) }))

/** What an agent gives to correct an invoice: the lines and amounts to withdraw, and why. */
export interface InvoiceCreditNoteInput {
  readonly invoiceId: InvoiceId
  readonly lines: ReadonlyArray<CreditRequestLine>
  /** Printed on the credit note the family receives. */
  readonly reason: string
  readonly settings: BillingSettings
}

/**
 * An agent corrects an issued invoice with a credit note dated today (`issueCreditNote`: each line
 * withdraws at most what the invoice still bills for it). Refused without a reason or without a
 * line. Recorded as `billing.creditNote` on the invoice, with where it stands before and after.
 */
export const issueInvoiceCreditNote = auditedAgentCommand({
  action: "billing.creditNote",
  permission: "billing.run",
  target: invoiceTarget,
  run: (_agent, input: InvoiceCreditNoteInput) =>
    Effect.gen(function* () {
      const reason = input.reason.trim()
      const problems = [
        ...(Arr.isNonEmptyReadonlyArray(input.lines) ? [] : [{ path: "lines", message: "Choisissez au moins une ligne de la facture et le montant à retirer." }]),
        ...(reason === "" ? [{ path: "reason", message: "Indiquez le motif de l'avoir : il est imprimé sur l'avoir que reçoit la famille." }] : [])
      ]
      if (problems.length > 0 || !Arr.isNonEmptyReadonlyArray(input.lines)) return yield* new InvalidInput({ subject: "Avoir", problems })
      const before = yield* invoiceInAccount(input.invoiceId)
      const { today: issuedOn } = yield* today
      const note = yield* issueCreditNote({ invoiceId: input.invoiceId, lines: input.lines, reason, issuedOn, settings: input.settings })
      const after = yield* invoiceInAccount(input.invoiceId)
      return {
        result: note,
        before: standingOf(before.situation),
        after: { ...(standingOf(after.situation) as { readonly [key: string]: JsonValue }), creditNote: toAuditJson(CreditNote, note) }
      } satisfies AuditedOutcome<CreditNote>
    })
})

/** What an agent records of money received at the régie. */
export interface AgentPaymentInput {
  readonly householdId: HouseholdId
  /** The invoices the payer names, settled first. */
  readonly invoiceIds: ReadonlyArray<InvoiceId>
  readonly amount: Cents.Cents
  readonly method: PaymentMethod
  /** At the counter: cash or card. */
  readonly tender?: CounterTender
  /** The receipt's number, the cheque's number, the debit's reference. */
  readonly reference: string
  /** For a cheque: its bank. */
  readonly bank?: string
  /** The day the régie received it (today or before). */
  readonly receivedOn: LocalDate.LocalDate
  readonly settings: PaymentSettings
}

/** A payment an agent recorded, whether it was new (a reference recorded again gives the same payment), and the household's account after it. */
export interface AgentRecordedPayment {
  readonly payment: Payment
  readonly created: boolean
  readonly account: HouseholdAccount
}

const balanceOf = (account: HouseholdAccount, invoiceIds: ReadonlyArray<InvoiceId>): { readonly [key: string]: JsonValue } => ({
  balance: account.balance,
  credit: account.credit,
  invoices: account.invoices.filter((s) => invoiceIds.includes(s.invoice.id)).map((s) => standingOf(s))
})

/**
 * An agent records a payment received at the régie (`recordPayment`): at the counter (cash or
 * card), by cheque (number and bank), direct debit or CESU, on the day it was received (today: now;
 * an earlier day: at noon, Paris time). Refused for a day after today, a counter payment without
 * its tender, a cheque without its bank. Recorded as `payments.record` on the invoice it names
 * (on the household otherwise), with the household's balance before and after.
 */
export const recordAgentPayment = auditedAgentCommand({
  action: "payments.record",
  permission: "payments.record",
  target: (input: AgentPaymentInput) => {
    const invoiceId = input.invoiceIds[0]
    return invoiceId === undefined ? { kind: "household", id: input.householdId } : { kind: "invoice", id: invoiceId }
  },
  run: (agent, input: AgentPaymentInput) =>
    Effect.gen(function* () {
      const { now, today: day } = yield* today
      const bank = input.bank?.trim() ?? ""
      const problems = [
        ...(LocalDate.isAfter(input.receivedOn, day)
          ? [{ path: "receivedOn", message: `La date de réception ne peut pas être après aujourd'hui (${LocalDate.formatFr(day)}).` }]
          : []),
        ...(input.method === "counter" && input.tender === undefined
          ? [{ path: "tender", message: "Indiquez si le paiement au guichet est fait en espèces ou par carte bancaire." }]
          : []),
        ...(input.method === "cheque" && bank === "" ? [{ path: "bank", message: "Indiquez la banque du chèque." }] : [])
      ]
      if (problems.length > 0) return yield* new InvalidInput({ subject: "Paiement", problems })
      const before = yield* loadHouseholdAccount(input.householdId)
      const recorded = yield* recordPayment(
        {
          householdId: input.householdId,
          amount: input.amount,
          method: input.method,
          reference: input.reference,
          receivedAt: input.receivedOn === day ? now : ParisTime.toInstant(input.receivedOn, ParisTime.timeOfDay("12:00")),
          invoiceIds: input.invoiceIds,
          recordedBy: agent.accountId,
          ...(input.method === "counter" && input.tender !== undefined ? { tender: input.tender } : {}),
          ...(input.method === "cheque" ? { bank } : {})
        },
        input.settings
      )
      const after = yield* loadHouseholdAccount(input.householdId)
      return {
        result: { payment: recorded.payment, created: recorded.created, account: after },
        before: balanceOf(before, input.invoiceIds),
        after: { ...balanceOf(after, input.invoiceIds), payment: toAuditJson(Payment, recorded.payment), created: recorded.created }
      } satisfies AuditedOutcome<AgentRecordedPayment>
    })
})

/**
 * An agent transmits an unpaid invoice past its due date to the Treasury today
 * (`sendInvoiceToTreasury`). Recorded as `billing.sendToTreasury` on the invoice, with where it
 * stands before and after.
 */
export const sendInvoiceToTreasuryByAgent = auditedAgentCommand({
  action: "billing.sendToTreasury",
  permission: "billing.run",
  target: invoiceTarget,
  run: (agent, input: { readonly invoiceId: InvoiceId }) =>
    Effect.gen(function* () {
      const before = yield* invoiceInAccount(input.invoiceId)
      const { today: on } = yield* today
      const sent = yield* sendInvoiceToTreasury({ invoiceId: input.invoiceId, by: agent.accountId, on })
      const after = yield* invoiceInAccount(input.invoiceId)
      return {
        result: sent,
        before: standingOf(before.situation),
        after: {
          ...(standingOf(after.situation) as { readonly [key: string]: JsonValue }),
          transmission: sent.sentToTreasury === undefined ? null : toAuditJson(TreasuryTransmission, sent.sentToTreasury)
        }
      } satisfies AuditedOutcome<typeof sent>
    })
})
