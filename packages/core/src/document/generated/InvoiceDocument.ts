import { Schema } from "effect"
import { formatBillingMonthFr } from "../../billing/BillingMonth.js"
import { type Invoice, type InvoiceLine, invoiceLinesByChildAndActivity, invoiceTotal } from "../../billing/Invoice.js"
import type { Household } from "../../household/Household.js"
import type { HouseholdAccount, InvoiceStatus } from "../../payment/HouseholdAccount.js"
import type { PaymentMethod } from "../../payment/PaymentMethod.js"
import * as Cents from "../../shared/Cents.js"
import { type AddresseeView, AddresseeView as AddresseeViewSchema, addresseeView } from "./Addressee.js"
import { AmountText, amountText, DateText, dateText, fileNamePart } from "./DocumentText.js"
import { type GeneratedDocumentSettings, IssuerView, issuerView, type RegieDetails } from "./DocumentSettings.js"

/** One invoice line as printed: date, label, rule, unit price, amount, and how the price was found. */
export const InvoiceLineView = Schema.Struct({
  date: DateText,
  label: Schema.String,
  ruleCode: Schema.String,
  ruleLabel: Schema.String,
  unitPrice: AmountText,
  amount: AmountText,
  /** Set when the line completes an amount billed on an earlier invoice. */
  previouslyBilled: Schema.optionalWith(AmountText, { exact: true }),
  explanation: Schema.Array(Schema.String),
  summary: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "InvoiceLineView" })
export type InvoiceLineView = typeof InvoiceLineView.Type

/** The lines of one child for one activity, with their subtotal. */
export const InvoiceGroupView = Schema.Struct({
  childName: Schema.String,
  activityName: Schema.String,
  lineCount: Schema.Int,
  lines: Schema.Array(InvoiceLineView),
  /** The explanation every line of the group shares (printed once), empty when the lines differ. */
  sharedExplanation: Schema.Array(Schema.String),
  subtotal: AmountText
}).annotations({ identifier: "InvoiceGroupView" })
export type InvoiceGroupView = typeof InvoiceGroupView.Type

/** One way to pay, as "Comment payer" lists it. */
export const HowToPayView = Schema.Struct({
  method: Schema.String,
  title: Schema.String,
  text: Schema.String,
  url: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "HowToPayView" })
export type HowToPayView = typeof HowToPayView.Type

/** Where an invoice stands, with its French label. */
export const InvoiceStatusView = Schema.Struct({
  code: Schema.Literal("issued", "partlyPaid", "paid", "cancelled", "sentToTreasury"),
  label: Schema.String
}).annotations({ identifier: "InvoiceStatusView" })
export type InvoiceStatusView = typeof InvoiceStatusView.Type

/** The data of an invoice as its template prints it (JSON-able). */
export const InvoiceDocument = Schema.Struct({
  kind: Schema.Literal("invoice"),
  title: Schema.String,
  fileName: Schema.String,
  issuer: IssuerView,
  number: Schema.String,
  period: Schema.Struct({ month: Schema.String, text: Schema.String }),
  issuedOn: DateText,
  dueOn: DateText,
  addressee: AddresseeViewSchema,
  groups: Schema.Array(InvoiceGroupView),
  total: AmountText,
  credited: AmountText,
  paid: AmountText,
  remaining: AmountText,
  status: InvoiceStatusView,
  paymentReference: Schema.String,
  howToPay: Schema.Array(HowToPayView),
  paymentNote: Schema.String
}).annotations({ identifier: "InvoiceDocument" })
export type InvoiceDocument = typeof InvoiceDocument.Type

const STATUS_LABELS: Record<InvoiceStatus, string> = {
  issued: "À payer",
  partlyPaid: "Partiellement payée",
  paid: "Payée",
  cancelled: "Annulée par avoir",
  sentToTreasury: "Transmise au Trésor public"
}

/** The French label of an invoice status. */
export const invoiceStatusLabel = (status: InvoiceStatus): string => STATUS_LABELS[status]

const stringArray = (value: unknown): ReadonlyArray<string> | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as ReadonlyArray<string>) : undefined

/** The French lines explaining a line's price, from the tariff's explanation kept on the line. */
export function explanationLines(line: InvoiceLine): ReadonlyArray<string> {
  const lines = stringArray(line.pricing["lines"])
  if (lines !== undefined) return lines
  const summary = line.pricing["summary"]
  return typeof summary === "string" ? [summary] : []
}

/** The unit price the tariff gave for a line, or the line's amount when the line keeps none. */
export function unitPriceOf(line: InvoiceLine): Cents.Cents {
  const amount = line.pricing["amount"]
  return typeof amount === "number" && Number.isSafeInteger(amount) && amount >= 0 ? Cents.cents(amount) : line.amount
}

function lineView(line: InvoiceLine): InvoiceLineView {
  const summary = line.pricing["summary"]
  const explanation = [...explanationLines(line)]
  if (line.previouslyBilled !== undefined)
    explanation.push(
      `Déjà facturé : ${Cents.formatEuros(line.previouslyBilled)} ; complément facturé ici : ${Cents.formatEuros(line.amount)}`
    )
  return {
    date: dateText(line.date),
    label: `${line.activityName}, ${dateText(line.date).text}`,
    ruleCode: line.rule.code,
    ruleLabel: line.rule.label,
    unitPrice: amountText(unitPriceOf(line)),
    amount: amountText(line.amount),
    ...(line.previouslyBilled === undefined ? {} : { previouslyBilled: amountText(line.previouslyBilled) }),
    explanation,
    ...(typeof summary === "string" ? { summary } : {})
  }
}

/** The lines grouped by child and activity, as the invoice prints them. */
export function invoiceGroupViews(lines: ReadonlyArray<InvoiceLine>): ReadonlyArray<InvoiceGroupView> {
  return invoiceLinesByChildAndActivity(lines).map((group) => {
    const views = group.lines.map(lineView)
    const first = views[0]?.explanation ?? []
    const shared = views.every((v) => v.explanation.length === first.length && v.explanation.every((l, i) => l === first[i]))
    return {
      childName: group.childName,
      activityName: group.activityName,
      lineCount: group.lines.length,
      lines: views,
      sharedExplanation: shared ? first : [],
      subtotal: amountText(group.subtotal)
    }
  })
}

const METHOD_TITLES: Record<PaymentMethod, string> = {
  card: "En ligne, par carte bancaire",
  directDebit: "Par prélèvement automatique",
  counter: "Au guichet de la régie",
  cheque: "Par chèque",
  cesu: "Par CESU",
  treasury: "Auprès du Trésor public"
}

/**
 * How a family can pay an invoice, one entry per accepted method: online on the portal, by direct
 * debit, at the régie's counter, by cheque to the order of the Trésor public, by CESU. Once the
 * invoice is sent to the Treasury, only the Treasury's own means remain.
 */
export function howToPay(
  invoice: Pick<Invoice, "number">,
  status: InvoiceStatus,
  regie: RegieDetails,
  settings: GeneratedDocumentSettings
): ReadonlyArray<HowToPayView> {
  if (status === "paid" || status === "cancelled") return []
  if (status === "sentToTreasury")
    return [{
      method: "treasury",
      title: "Auprès du Trésor public",
      text: `Cette facture a été transmise au Trésor public : réglez-la désormais selon l'avis des sommes à payer qu'il vous adresse, en rappelant la référence ${invoice.number}.`
    }]
  const onlineUrl = settings.onlinePaymentUrl ?? settings.town.portalUrl
  const counter = [regie.name, ...regie.addressLines].join(", ")
  const hours = regie.counterHours.length > 0 ? ` (${regie.counterHours.join(" ; ")})` : ""
  return settings.acceptedMethods.map((method): HowToPayView => {
    switch (method) {
      case "card":
        return {
          method,
          title: METHOD_TITLES.card,
          text: `Sur votre espace citoyen, rubrique « Mes factures » : ${onlineUrl}. Paiement sécurisé par le service PayFiP de la DGFiP, 24 h / 24.`,
          url: onlineUrl
        }
      case "directDebit":
        return {
          method,
          title: METHOD_TITLES.directDebit,
          text: `Si vous avez signé un mandat de prélèvement, le montant sera prélevé à l'échéance. Pour en signer un, contactez le ${settings.town.serviceName}.`
        }
      case "counter":
        return {
          method,
          title: METHOD_TITLES.counter,
          text: `En espèces ou par carte bancaire : ${counter}${hours}. Présentez cette facture.`
        }
      case "cheque":
        return {
          method,
          title: METHOD_TITLES.cheque,
          text: `À l'ordre du ${settings.chequePayee}, en indiquant au dos la référence ${invoice.number}, à remettre ou à envoyer à : ${counter}.`
        }
      case "cesu":
        return {
          method,
          title: METHOD_TITLES.cesu,
          text: `Chèques emploi service universel acceptés pour l'accueil des enfants de moins de 6 ans, à remettre au guichet : ${counter}.`
        }
      case "treasury":
        return {
          method,
          title: METHOD_TITLES.treasury,
          text: `Selon l'avis des sommes à payer que le Trésor public vous adresse, en rappelant la référence ${invoice.number}.`
        }
    }
  })
}

function paymentNote(status: InvoiceStatus, remaining: Cents.Cents, dueText: string): string {
  switch (status) {
    case "paid":
      return "Cette facture est réglée : vous n'avez rien à payer. Merci."
    case "cancelled":
      return "Cette facture a été annulée par avoir : vous n'avez rien à payer."
    case "sentToTreasury":
      return `Reste à payer au Trésor public : ${Cents.formatEuros(remaining)}.`
    case "partlyPaid":
      return `Reste à payer ${Cents.formatEuros(remaining)} avant le ${dueText}.`
    case "issued":
      return `À payer ${Cents.formatEuros(remaining)} avant le ${dueText}.`
  }
}

/**
 * The data of an invoice for its template: the régie's header, the invoice's number and dates,
 * the payer, the lines grouped by child and activity (each explained), subtotals, the total, what
 * is already paid and what remains (from the household's account when given), the status and how
 * to pay.
 *
 * @example
 * const doc = invoiceDocument(invoice, household, regie, settings, account)
 * doc.total.cents === invoiceTotal(invoice) // true
 */
export function invoiceDocument(
  invoice: Invoice,
  household: Household,
  regie: RegieDetails,
  settings: GeneratedDocumentSettings,
  account?: HouseholdAccount
): InvoiceDocument {
  const total = invoiceTotal(invoice)
  const situation = account?.invoices.find((s) => s.invoice.id === invoice.id)
  const credited = situation?.credited ?? Cents.zero
  const paid = situation?.paid ?? Cents.zero
  const remaining = situation?.remaining ?? total
  const status: InvoiceStatus = situation?.status ?? (invoice.sentToTreasury === undefined ? "issued" : "sentToTreasury")
  const dueOn = dateText(invoice.dueOn)
  const addressee: AddresseeView = addresseeView(household)
  return {
    kind: "invoice",
    title: `Facture ${invoice.number}`,
    fileName: `facture-${fileNamePart(invoice.number)}`,
    issuer: issuerView(settings, regie),
    number: invoice.number,
    period: { month: invoice.period, text: formatBillingMonthFr(invoice.period) },
    issuedOn: dateText(invoice.issuedOn),
    dueOn,
    addressee,
    groups: invoiceGroupViews(invoice.lines),
    total: amountText(total),
    credited: amountText(credited),
    paid: amountText(paid),
    remaining: amountText(remaining),
    status: { code: status, label: invoiceStatusLabel(status) },
    paymentReference: invoice.number,
    howToPay: howToPay(invoice, status, regie, settings),
    paymentNote: paymentNote(status, remaining, dueOn.text)
  }
}
