import { Schema } from "effect"
import type { Activity, ActivityKind } from "../../activity/Activity.js"
import type { CreditNote } from "../../billing/CreditNote.js"
import type { Invoice } from "../../billing/Invoice.js"
import type { Child, Household } from "../../household/Household.js"
import { householdAccount } from "../../payment/HouseholdAccount.js"
import type { Payment } from "../../payment/Payment.js"
import * as Cents from "../../shared/Cents.js"
import type { ActivityId, InvoiceId, MemberId, PaymentId } from "../../shared/Ids.js"
import * as LocalDate from "../../shared/LocalDate.js"
import * as ParisTime from "../../shared/ParisTime.js"
import { AddresseeView, addresseeView } from "./Addressee.js"
import { AmountText, amountText, DateText, dateText } from "./DocumentText.js"
import {
  type GeneratedDocumentSettings,
  IssuerView,
  issuerView,
  type RegieDetails,
  SignatureView,
  signatureView
} from "./DocumentSettings.js"

/** What was paid in the year for one child's care at one activity. */
export const ChildcareActivityView = Schema.Struct({
  activityName: Schema.String,
  amount: AmountText
}).annotations({ identifier: "ChildcareActivityView" })
export type ChildcareActivityView = typeof ChildcareActivityView.Type

/** One child under the age limit, with what was paid in the year for its care. */
export const ChildcareChildView = Schema.Struct({
  name: Schema.String,
  birthDate: DateText,
  activities: Schema.Array(ChildcareActivityView),
  amount: AmountText
}).annotations({ identifier: "ChildcareChildView" })
export type ChildcareChildView = typeof ChildcareChildView.Type

/**
 * The data of the yearly childcare-expense attestation (attestation de frais de garde, for the
 * tax credit on the care of children under 6) as its template prints it.
 */
export const ChildcareAttestationDocument = Schema.Struct({
  kind: Schema.Literal("childcareAttestation"),
  title: Schema.String,
  fileName: Schema.String,
  issuer: IssuerView,
  addressee: AddresseeView,
  year: Schema.Int,
  ageLimit: Schema.Int,
  children: Schema.Array(ChildcareChildView),
  total: AmountText,
  statement: Schema.String,
  exclusions: Schema.String,
  issuedOn: DateText,
  signature: SignatureView
}).annotations({ identifier: "ChildcareAttestationDocument" })
export type ChildcareAttestationDocument = typeof ChildcareAttestationDocument.Type

/** What the attestation is computed from: one household's invoices, credit notes and payments, and the activities. */
export interface ChildcareAttestationInput {
  /** The calendar year attested (the year of the income declared). */
  readonly year: number
  readonly household: Household
  readonly invoices: ReadonlyArray<Invoice>
  readonly creditNotes: ReadonlyArray<CreditNote>
  readonly payments: ReadonlyArray<Payment>
  /** The activities the invoice lines name, for their kind. */
  readonly activities: ReadonlyArray<Pick<Activity, "id" | "kind" | "name">>
  readonly regie: RegieDetails
  readonly issuedOn: LocalDate.LocalDate
  readonly settings: GeneratedDocumentSettings
}

/** The amount paid in the year for one child at one activity. */
export interface ChildcarePaidAmount {
  readonly childId: MemberId
  readonly activityId: ActivityId
  readonly amount: Cents.Cents
}

const KIND_WORDS: Record<"morning" | "evening" | "wednesday" | "canteen" | "holiday", string> = {
  morning: "l'accueil du matin",
  evening: "l'accueil du soir",
  wednesday: "l'accueil du mercredi",
  canteen: "la restauration scolaire",
  holiday: "l'accueil de loisirs des vacances"
}

/** French words for an activity kind, e.g. "la restauration scolaire". */
export const activityKindWords = (kind: ActivityKind): string =>
  kind.startsWith("custom:") ? `« ${kind.slice("custom:".length)} »` : KIND_WORDS[kind as keyof typeof KIND_WORDS]

/** Whether a child counts for the attestation of a year: under the age limit on 1 January of that year. */
export const countsForChildcare = (child: Pick<Child, "birthDate">, year: number, ageLimit: number): boolean =>
  LocalDate.ageOn(child.birthDate, LocalDate.of(year, 1, 1)) < ageLimit

/**
 * What the household paid in `year` for the care of its children under the age limit on
 * 1 January of that year, per child and activity. Counted: the payments received in the year
 * (Paris date) as they settle the invoices of that year's billing months (the account's
 * allocation); of each invoice, the share of its lines (net of its credit notes) that are care of
 * such a child at an activity whose kind is not excluded (the canteen by default). An invoice
 * partly paid counts its eligible share pro rata, rounded down, so that nothing unpaid is ever
 * attested.
 */
export function childcarePaidAmounts(input: Omit<ChildcareAttestationInput, "regie" | "issuedOn">): ReadonlyArray<ChildcarePaidAmount> {
  const { year, household, settings } = input
  const excluded = new Set<string>(settings.childcareExcludedKinds)
  const kinds = new Map<string, ActivityKind>(input.activities.map((a) => [a.id, a.kind]))
  const eligibleChildren = new Set<string>(
    household.children.filter((c) => countsForChildcare(c, year, settings.childcareAgeLimit)).map((c) => c.id)
  )
  const isEligible = (line: { readonly childId: MemberId; readonly activityId: ActivityId }): boolean => {
    const kind = kinds.get(line.activityId)
    return eligibleChildren.has(line.childId) && kind !== undefined && !excluded.has(kind)
  }
  const invoices = input.invoices.filter((i) => i.householdId === household.id)
  const creditNotes = input.creditNotes.filter((c) => c.householdId === household.id)
  const payments = input.payments.filter((p) => p.householdId === household.id)
  const account = householdAccount(invoices, creditNotes, payments)
  const paidInYear = new Set<PaymentId>(
    payments.filter((p) => LocalDate.year(ParisTime.dateAt(p.receivedAt)) === year).map((p) => p.id)
  )
  const paidByInvoice = new Map<InvoiceId, Cents.Cents>()
  for (const a of account.allocations)
    if (paidInYear.has(a.paymentId)) paidByInvoice.set(a.invoiceId, Cents.add(paidByInvoice.get(a.invoiceId) ?? Cents.zero, a.amount))

  const totals = new Map<string, ChildcarePaidAmount>()
  for (const situation of account.invoices) {
    const invoice = situation.invoice
    if (Number(invoice.period.slice(0, 4)) !== year) continue
    const paid = paidByInvoice.get(invoice.id) ?? Cents.zero
    if (paid <= 0 || situation.net <= 0) continue
    const eligibleNet = new Map<string, { childId: MemberId; activityId: ActivityId; amount: number }>()
    const add = (line: { readonly childId: MemberId; readonly activityId: ActivityId; readonly amount: Cents.Cents }, sign: 1 | -1) => {
      if (!isEligible(line)) return
      const key = `${line.childId}\u0000${line.activityId}`
      const entry = eligibleNet.get(key) ?? { childId: line.childId, activityId: line.activityId, amount: 0 }
      entry.amount += sign * line.amount
      eligibleNet.set(key, entry)
    }
    for (const line of invoice.lines) add(line, 1)
    for (const note of creditNotes) if (note.invoiceId === invoice.id) for (const line of note.lines) add(line, -1)
    let budget: number = Cents.min(paid, situation.net)
    for (const [key, entry] of eligibleNet) {
      if (entry.amount <= 0) continue
      const share = Math.min(budget, Number((BigInt(entry.amount) * BigInt(Cents.min(paid, situation.net))) / BigInt(situation.net)))
      budget -= share
      const previous = totals.get(key)
      totals.set(key, {
        childId: entry.childId,
        activityId: entry.activityId,
        amount: Cents.add(previous?.amount ?? Cents.zero, Cents.cents(share))
      })
    }
  }
  return [...totals.values()].filter((t) => t.amount > 0)
}

/**
 * The data of the yearly childcare-expense attestation: per child under the age limit on
 * 1 January, what was paid in the year for its care (see `childcarePaidAmounts`), the total, and
 * the service's signature.
 */
export function childcareAttestationDocument(input: ChildcareAttestationInput): ChildcareAttestationDocument {
  const { year, household, settings } = input
  const amounts = childcarePaidAmounts(input)
  const names = new Map<string, string>(input.activities.map((a) => [a.id, a.name]))
  const children = household.children.flatMap((child): ReadonlyArray<ChildcareChildView> => {
    const own = amounts.filter((a) => a.childId === child.id)
    if (own.length === 0) return []
    return [{
      name: child.fullName,
      birthDate: dateText(child.birthDate),
      activities: own.map((a) => ({ activityName: names.get(a.activityId) ?? a.activityId, amount: amountText(a.amount) })),
      amount: amountText(Cents.sum(own.map((a) => a.amount)))
    }]
  })
  const total = Cents.sum(amounts.map((a) => a.amount))
  const town = settings.town
  const excludedWords = settings.childcareExcludedKinds.map(activityKindWords)
  return {
    kind: "childcareAttestation",
    title: `Attestation de frais de garde ${year}`,
    fileName: `attestation-frais-de-garde-${year}-${household.reference.toLowerCase()}`,
    issuer: issuerView(settings, input.regie),
    addressee: addresseeView(household),
    year,
    ageLimit: settings.childcareAgeLimit,
    children,
    total: amountText(total),
    statement:
      total > 0
        ? `Le ${town.serviceName} de ${town.townName} atteste que ${household.payer.fullName} a payé en ${year}, pour la garde de ses enfants âgés de moins de ${settings.childcareAgeLimit} ans au 1er janvier ${year}, la somme de ${Cents.formatEuros(total)}, à déclarer au titre des frais de garde des jeunes enfants (crédit d'impôt, article 200 quater B du Code général des impôts).`
        : `Le ${town.serviceName} de ${town.townName} atteste qu'aucun frais de garde d'enfant âgé de moins de ${settings.childcareAgeLimit} ans au 1er janvier ${year} n'a été payé en ${year} par ${household.payer.fullName}.`,
    exclusions:
      excludedWords.length === 0
        ? "Seules les sommes effectivement payées dans l'année sont comptées."
        : `Seules les sommes effectivement payées dans l'année sont comptées ; ${excludedWords.join(", ")} ${excludedWords.length > 1 ? "n'entrent" : "n'entre"} pas dans les frais de garde${settings.childcareExcludedKinds.includes("canteen") ? " (les repas ne sont pas des frais de garde)" : ""}.`,
    issuedOn: dateText(input.issuedOn),
    signature: signatureView(settings)
  }
}
