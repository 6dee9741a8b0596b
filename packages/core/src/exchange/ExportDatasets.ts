import { Effect, Either, Option, Schema } from "effect"
import { AccountRepository } from "../account/AccountRepository.js"
import type { Activity, ActivityKind } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import { AttendanceRegister } from "../attendance/AttendanceRegister.js"
import { formatBillingMonthFr } from "../billing/BillingMonth.js"
import type { CreditNote } from "../billing/CreditNote.js"
import { creditNoteTotal } from "../billing/CreditNote.js"
import { CreditNoteRepository } from "../billing/CreditNoteRepository.js"
import { type HouseholdLabel, householdLabels, labelOf } from "../billing/HouseholdLabels.js"
import { Invoice } from "../billing/Invoice.js"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import type { Household } from "../household/Household.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import { applicableQuotient, describeQuotientSource, type QuotientRecord } from "../household/QuotientFamilial.js"
import { QuotientRepository } from "../household/QuotientRepository.js"
import { type HouseholdAccount, householdAccount, type InvoiceSituation, type InvoiceStatus } from "../payment/HouseholdAccount.js"
import { isPastDue } from "../payment/HouseholdInvoice.js"
import { counterTenderLabel, type Payment } from "../payment/Payment.js"
import { paymentMethodLabel } from "../payment/PaymentMethod.js"
import { PaymentRepository } from "../payment/PaymentRepository.js"
import { SessionRepository } from "../reservation/SessionRepository.js"
import * as Cents from "../shared/Cents.js"
import type { AccountId, HouseholdId, InvoiceId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import {
  type ExportAllocation,
  type ExportDatasetInfo,
  type ExportDatasetKind,
  type ExportDefinition,
  type ExportTable,
  tableRows
} from "./ExportFormat.js"

/** The days an export covers: from `from` to `to`, both included (Paris days). */
export interface ExportPeriod {
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
}

/** The period of an export ends before it starts. */
export class ExportPeriodInvalid extends Schema.TaggedError<ExportPeriodInvalid>()("ExportPeriodInvalid", {
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate
}) {
  override get message(): string {
    return `La période de l'export se termine (${LocalDate.formatFr(this.to)}) avant de commencer (${LocalDate.formatFr(this.from)}) : choisissez une fin après le début.`
  }
}

/**
 * How long a session of an activity lasts, for the attendance export's hours: in minutes, by
 * activity id first, then by the hours written in the slot's label (`Matin (8h30 - 12h)`), then by
 * the activity's kind (`morning`, `evening`, `canteen`, `wednesday`, `holiday`, `custom`).
 */
export interface ExportSettings {
  readonly sessionMinutesByActivity: Readonly<Record<string, number>>
  readonly sessionMinutesByKind: Readonly<Record<string, number>>
}

/**
 * The durations used when a town sets none: morning 1 h (7h30–8h30), evening 2 h (16h30–18h30),
 * canteen 2 h (the lunch break), a Wednesday or holiday day 9 h (8h30–17h30), other activities 0
 * (no hours counted).
 */
export const defaultExportSettings: ExportSettings = {
  sessionMinutesByActivity: {},
  sessionMinutesByKind: { morning: 60, evening: 120, canteen: 120, wednesday: 540, holiday: 540, custom: 0 }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The first instant after the period (midnight in Paris the day after `to`). */
const endOf = (to: LocalDate.LocalDate): Instant => ParisTime.toInstant(LocalDate.addDays(to, 1), ParisTime.timeOfDay("00:00"))

const withoutTransmission = (invoice: Invoice): Invoice =>
  Invoice.make({
    id: invoice.id,
    number: invoice.number,
    regieId: invoice.regieId,
    householdId: invoice.householdId,
    period: invoice.period,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    lines: invoice.lines
  })

/**
 * A household's account as it stood at the end of `to`: the invoices and credit notes issued by
 * then (a transmission to the Treasury after `to` left out), the payments received by then. Nothing
 * recorded later changes it, so an export of a closed period gives the same figures again.
 */
export const householdAccountAsOf = (householdId: HouseholdId, to: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const [invoices, creditNotes, payments] = yield* Effect.all([
      Effect.flatMap(InvoiceRepository, (r) => r.byHousehold(householdId)),
      Effect.flatMap(CreditNoteRepository, (r) => r.byHousehold(householdId)),
      Effect.flatMap(PaymentRepository, (r) => r.byHousehold(householdId))
    ])
    const until = endOf(to)
    return householdAccount(
      invoices
        .filter((i) => i.issuedOn <= to)
        .map((i) => (i.sentToTreasury !== undefined && i.sentToTreasury.sentOn > to ? withoutTransmission(i) : i)),
      creditNotes.filter((n) => n.issuedOn <= to),
      payments.filter((p) => p.receivedAt < until)
    )
  })

const accountsAsOf = (householdIds: Iterable<HouseholdId>, to: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const accounts = new Map<HouseholdId, HouseholdAccount>()
    for (const id of householdIds) if (!accounts.has(id)) accounts.set(id, yield* householdAccountAsOf(id, to))
    return accounts as ReadonlyMap<HouseholdId, HouseholdAccount>
  })

const situationIn = (accounts: ReadonlyMap<HouseholdId, HouseholdAccount>, householdId: HouseholdId, invoiceId: InvoiceId): InvoiceSituation | undefined =>
  accounts.get(householdId)?.invoices.find((s) => s.invoice.id === invoiceId)

const statusWords: { readonly [S in InvoiceStatus]: string } = {
  issued: "à payer",
  partlyPaid: "partiellement payée",
  paid: "payée",
  cancelled: "annulée par avoir",
  sentToTreasury: "transmise au Trésor public"
}

/** A line of the invoices' export: an invoice where it stood at the end of the period (with its days late then), or a credit note. */
export type InvoiceExportRow =
  | { readonly kind: "invoice"; readonly situation: InvoiceSituation; readonly household: HouseholdLabel; readonly daysLate: number }
  | { readonly kind: "creditNote"; readonly note: CreditNote; readonly household: HouseholdLabel }

const invoiceOnly = <A>(f: (row: Extract<InvoiceExportRow, { kind: "invoice" }>) => A) => (row: InvoiceExportRow): A | undefined =>
  row.kind === "invoice" ? f(row) : undefined

/** `factures-avoirs`: the invoices and credit notes issued in the period. */
export const invoicesDefinition: ExportDefinition<InvoiceExportRow> = {
  kind: "invoices",
  title: "Factures et avoirs",
  fileName: "factures-avoirs",
  permission: "billing.read",
  period: "Les factures et les avoirs émis du premier au dernier jour de la période (inclus). Les montants payés, le reste à payer, le statut et la transmission au Trésor public sont ceux de la fin du dernier jour : les paiements, avoirs et transmissions postérieurs n'y figurent pas.",
  order: "Par date d'émission, les factures avant les avoirs du même jour, puis par numéro.",
  columns: [
    { key: "type", header: "Type", format: "text", description: "« facture » ou « avoir ».", value: (r) => (r.kind === "invoice" ? "facture" : "avoir") },
    { key: "number", header: "Numéro", format: "text", description: "Numéro de la facture (F-AAAA-NNNNNN) ou de l'avoir (A-AAAA-NNNNNN), sans trou par régie et par année.", value: (r) => (r.kind === "invoice" ? r.situation.invoice.number : r.note.number) },
    { key: "issuedOn", header: "Date d'émission", format: "date", description: "Jour d'émission.", value: (r) => (r.kind === "invoice" ? r.situation.invoice.issuedOn : r.note.issuedOn) },
    { key: "dueOn", header: "Échéance", format: "date", description: "Date limite de paiement de la facture ; vide pour un avoir.", value: invoiceOnly((r) => r.situation.invoice.dueOn) },
    { key: "correctedInvoice", header: "Facture corrigée", format: "text", description: "Pour un avoir : le numéro de la facture qu'il corrige ; vide pour une facture.", value: (r) => (r.kind === "creditNote" ? r.note.invoiceNumber : undefined) },
    { key: "householdReference", header: "Référence du foyer", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.household.reference },
    { key: "familyName", header: "Famille", format: "text", description: "Nom de la famille.", value: (r) => r.household.familyName },
    { key: "payer", header: "Payeur", format: "text", description: "Prénom et nom du responsable légal à qui les factures sont adressées.", value: (r) => r.household.payerName },
    { key: "period", header: "Mois facturé", format: "text", description: "Mois de facturation, AAAA-MM.", value: (r) => (r.kind === "invoice" ? r.situation.invoice.period : r.note.period) },
    { key: "amount", header: "Montant", format: "amount", description: "Total des lignes ; négatif pour un avoir (la somme de la colonne est le net facturé sur la période).", value: (r) => (r.kind === "invoice" ? r.situation.total : Cents.negate(creditNoteTotal(r.note))) },
    { key: "credited", header: "Avoirs", format: "amount", description: "Facture : total des avoirs émis sur elle jusqu'à la fin de la période ; vide pour un avoir.", value: invoiceOnly((r) => r.situation.credited) },
    { key: "net", header: "Net", format: "amount", description: "Facture : montant moins avoirs ; vide pour un avoir.", value: invoiceOnly((r) => r.situation.net) },
    { key: "paid", header: "Payé", format: "amount", description: "Facture : part des paiements reçus jusqu'à la fin de la période qui lui est affectée ; vide pour un avoir.", value: invoiceOnly((r) => r.situation.paid) },
    { key: "remaining", header: "Reste à payer", format: "amount", description: "Facture : net moins payé à la fin de la période ; vide pour un avoir.", value: invoiceOnly((r) => r.situation.remaining) },
    { key: "status", header: "Statut", format: "text", description: "Facture : à payer, partiellement payée, payée, annulée par avoir ou transmise au Trésor public, à la fin de la période ; vide pour un avoir.", value: invoiceOnly((r) => statusWords[r.situation.status]) },
    { key: "reason", header: "Motif de l'avoir", format: "text", description: "Avoir : le motif imprimé sur l'avoir ; vide pour une facture.", value: (r) => (r.kind === "creditNote" ? r.note.reason : undefined) },
    { key: "sentToTreasuryOn", header: "Transmise au Trésor le", format: "date", description: "Facture : jour de sa transmission au Trésor public (titre de recette) s'il est dans la période ou avant ; vide sinon.", value: invoiceOnly((r) => r.situation.invoice.sentToTreasury?.sentOn) },
    { key: "daysLate", header: "Jours de retard", format: "integer", description: "Facture : jours entre l'échéance et le dernier jour de la période quand il reste alors à payer (0 sinon) ; vide pour un avoir.", value: invoiceOnly((r) => r.daysLate) }
  ]
}

/** A line of the payments' export: a payment, its household, how it settled invoices at the end of the period. */
export interface PaymentExportRow {
  readonly payment: Payment
  readonly household: HouseholdLabel
  readonly namedInvoices: ReadonlyArray<string>
  readonly allocations: ReadonlyArray<ExportAllocation>
  readonly unallocated: Cents.Cents
  readonly recordedByName?: string
}

/** `paiements`: the payments received in the period. */
export const paymentsDefinition: ExportDefinition<PaymentExportRow> = {
  kind: "payments",
  title: "Paiements",
  fileName: "paiements",
  permission: "billing.read",
  period: "Les paiements reçus du premier au dernier jour de la période (inclus, jours de Paris). Leur affectation aux factures est celle de la fin du dernier jour.",
  order: "Par date et heure de réception, puis par identifiant.",
  columns: [
    { key: "receivedAt", header: "Reçu le", format: "datetime", description: "Date et heure de réception, heure de Paris (JJ/MM/AAAA HH:MM ; en JSON, l'instant ISO 8601 en UTC).", value: (r) => r.payment.receivedAt },
    { key: "householdReference", header: "Référence du foyer", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.household.reference },
    { key: "familyName", header: "Famille", format: "text", description: "Nom de la famille.", value: (r) => r.household.familyName },
    { key: "method", header: "Moyen de paiement", format: "text", description: "carte bancaire en ligne, prélèvement, paiement au guichet de la régie (espèces ou carte bancaire au guichet), chèque, CESU, paiement au Trésor public.", value: (r) => (r.payment.tender === undefined ? paymentMethodLabel(r.payment.method) : `${paymentMethodLabel(r.payment.method)} (${counterTenderLabel(r.payment.tender)})`) },
    { key: "reference", header: "Référence", format: "text", description: "Numéro du reçu, du chèque, de l'opération en ligne, du prélèvement ou de l'encaissement du Trésor public.", value: (r) => r.payment.reference ?? r.payment.idempotencyKey },
    { key: "bank", header: "Banque", format: "text", description: "Banque du chèque ; vide sinon.", value: (r) => r.payment.bank },
    { key: "amount", header: "Montant", format: "amount", description: "Montant reçu.", value: (r) => r.payment.amount },
    { key: "namedInvoices", header: "Factures désignées", format: "text", description: "Numéros des factures que le payeur a désignées, séparés par des virgules.", value: (r) => r.namedInvoices.join(", ") },
    { key: "allocations", header: "Affectation", format: "allocations", description: "Factures réglées par ce paiement et montant affecté à chacune (CSV : « F-2026-000012 : 12,50 / F-2026-000013 : 3,00 » ; JSON : liste d'objets { invoice, amount } en centimes).", value: (r) => r.allocations },
    { key: "unallocated", header: "Non affecté", format: "amount", description: "Part du paiement qu'aucune facture n'avait utilisée à la fin de la période (crédit du foyer).", value: (r) => r.unallocated },
    { key: "recordedBy", header: "Enregistré par", format: "text", description: "Agent qui a enregistré le paiement ; vide pour un paiement en ligne ou un import.", value: (r) => r.recordedByName },
    { key: "id", header: "Identifiant", format: "text", description: "Identifiant du paiement dans l'espace citoyen.", value: (r) => r.payment.id }
  ]
}

/** A line of the unpaid invoices' export: an invoice still unpaid after its due date at the end of the period, and its debtor. */
export interface UnpaidExportRow {
  readonly situation: InvoiceSituation
  readonly label: HouseholdLabel
  readonly household: Household | undefined
  readonly daysLate: number
}

const debtor = (row: UnpaidExportRow) => (row.household === undefined || row.household.adults.length === 0 ? undefined : row.household.payer)

/** `impayes-tresor`: what a finance package needs to issue titres de recettes for the unpaid invoices. */
export const unpaidDefinition: ExportDefinition<UnpaidExportRow> = {
  kind: "unpaid",
  title: "Impayés pour le Trésor public (titres de recettes)",
  fileName: "impayes-tresor",
  permission: "billing.read",
  period: "Les factures dont l'échéance tombe du premier jour de la période à la veille du dernier, et dont il reste à payer à la fin du dernier jour (paiements et avoirs reçus jusque-là déduits). Celles déjà transmises au Trésor public y figurent, avec leur date de transmission.",
  order: "Par échéance, puis par numéro de facture.",
  columns: [
    { key: "invoiceNumber", header: "Numéro de facture", format: "text", description: "Numéro de la facture (F-AAAA-NNNNNN), à rappeler sur le titre.", value: (r) => r.situation.invoice.number },
    { key: "issuedOn", header: "Date d'émission", format: "date", description: "Jour d'émission de la facture.", value: (r) => r.situation.invoice.issuedOn },
    { key: "dueOn", header: "Échéance", format: "date", description: "Date limite de paiement de la facture.", value: (r) => r.situation.invoice.dueOn },
    { key: "period", header: "Mois facturé", format: "text", description: "Mois de facturation, AAAA-MM.", value: (r) => r.situation.invoice.period },
    { key: "object", header: "Objet", format: "text", description: "Objet du titre : services et mois facturés, numéro de facture.", value: (r) => `Services enfance et jeunesse, ${formatBillingMonthFr(r.situation.invoice.period)} (facture ${r.situation.invoice.number})` },
    { key: "householdReference", header: "Référence du foyer", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.label.reference },
    { key: "debtorLastName", header: "Nom du débiteur", format: "text", description: "Nom du responsable légal à qui les factures sont adressées (le payeur).", value: (r) => debtor(r)?.lastName ?? r.label.familyName },
    { key: "debtorFirstName", header: "Prénom du débiteur", format: "text", description: "Prénom du payeur.", value: (r) => debtor(r)?.firstName },
    { key: "addressLine1", header: "Adresse", format: "text", description: "Numéro et rue du foyer.", value: (r) => r.household?.address.line1 },
    { key: "addressLine2", header: "Complément d'adresse", format: "text", description: "Complément d'adresse ; vide s'il n'y en a pas.", value: (r) => r.household?.address.line2 },
    { key: "postalCode", header: "Code postal", format: "text", description: "Code postal (5 chiffres).", value: (r) => r.household?.address.postalCode },
    { key: "city", header: "Commune", format: "text", description: "Commune du foyer.", value: (r) => r.household?.address.city },
    { key: "email", header: "E-mail", format: "text", description: "Adresse e-mail du payeur, à défaut celle du foyer.", value: (r) => debtor(r)?.email ?? r.household?.contact.email },
    { key: "phone", header: "Téléphone", format: "text", description: "Téléphone du payeur, à défaut le premier du foyer.", value: (r) => debtor(r)?.phone ?? r.household?.contact.phones[0]?.number },
    { key: "net", header: "Montant de la facture", format: "amount", description: "Montant de la facture, avoirs déduits.", value: (r) => r.situation.net },
    { key: "paid", header: "Déjà payé", format: "amount", description: "Paiements affectés à la facture à la fin de la période.", value: (r) => r.situation.paid },
    { key: "remaining", header: "Reste à payer", format: "amount", description: "Montant à recouvrer : net moins déjà payé.", value: (r) => r.situation.remaining },
    { key: "daysLate", header: "Jours de retard", format: "integer", description: "Jours entre l'échéance et le dernier jour de la période.", value: (r) => r.daysLate },
    { key: "sentToTreasuryOn", header: "Transmise au Trésor le", format: "date", description: "Jour de la transmission au Trésor public si elle a eu lieu au plus tard le dernier jour de la période ; vide sinon (titre à émettre).", value: (r) => r.situation.invoice.sentToTreasury?.sentOn },
    { key: "credited", header: "Avoirs déduits", format: "amount", description: "Total des avoirs émis sur la facture jusqu'à la fin de la période, déjà déduits du montant de la facture.", value: (r) => r.situation.credited }
  ]
}

/** How the CAF counts an activity: périscolaire (before and after school, Wednesdays), extrascolaire (holidays), the canteen, other. */
export function cafCategory(kind: ActivityKind): string {
  switch (kind) {
    case "morning":
    case "evening":
    case "wednesday":
      return "périscolaire"
    case "holiday":
      return "extrascolaire"
    case "canteen":
      return "restauration scolaire"
    default:
      return "autre"
  }
}

/** A line of the attendance export: one child at one activity in one month. */
export interface AttendanceExportRow {
  readonly month: string
  readonly activity: { readonly name: string; readonly kind: ActivityKind }
  readonly householdReference: string
  readonly childFirstName: string
  readonly childLastName: string
  readonly birthDate: LocalDate.LocalDate | undefined
  readonly age: number | undefined
  readonly days: number
  readonly sessions: number
  readonly minutes: number
}

/** `presences`: the days and hours of presence per child, activity and month, for the CAF's reports. */
export const attendanceDefinition: ExportDefinition<AttendanceExportRow> = {
  kind: "attendance",
  title: "Présences par activité et par mois (CAF)",
  fileName: "presences",
  permission: "households.read",
  period: "Les présences pointées du premier au dernier jour de la période (inclus), regroupées par mois, activité et enfant. Le registre tel qu'il est au moment de l'export : une correction ultérieure du pointage le change.",
  order: "Par mois, activité, nom et prénom de l'enfant, puis référence du foyer.",
  columns: [
    { key: "month", header: "Mois", format: "text", description: "Mois des présences, AAAA-MM.", value: (r) => r.month },
    { key: "activity", header: "Activité", format: "text", description: "Nom de l'activité.", value: (r) => r.activity.name },
    { key: "category", header: "Type d'accueil", format: "text", description: "périscolaire (matin, soir, mercredi), extrascolaire (vacances), restauration scolaire, ou autre.", value: (r) => cafCategory(r.activity.kind) },
    { key: "householdReference", header: "Référence du foyer", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.householdReference },
    { key: "childLastName", header: "Nom de l'enfant", format: "text", description: "Nom de l'enfant.", value: (r) => r.childLastName },
    { key: "childFirstName", header: "Prénom de l'enfant", format: "text", description: "Prénom de l'enfant.", value: (r) => r.childFirstName },
    { key: "birthDate", header: "Date de naissance", format: "date", description: "Date de naissance de l'enfant.", value: (r) => r.birthDate },
    { key: "age", header: "Âge", format: "integer", description: "Âge en années révolues le premier jour du mois.", value: (r) => r.age },
    { key: "ageBand", header: "Tranche d'âge", format: "text", description: "« moins de 6 ans » ou « 6 ans et plus » le premier jour du mois (les deux tranches des déclarations CAF).", value: (r) => (r.age === undefined ? undefined : r.age < 6 ? "moins de 6 ans" : "6 ans et plus") },
    { key: "days", header: "Jours de présence", format: "integer", description: "Jours où l'enfant a été pointé présent à l'activité.", value: (r) => r.days },
    { key: "sessions", header: "Séances de présence", format: "integer", description: "Séances où l'enfant a été pointé présent (un mercredi matin et après-midi comptent deux séances, un jour).", value: (r) => r.sessions },
    { key: "hours", header: "Heures de présence", format: "hours", description: "Heures réalisées : la durée de chaque séance de présence (horaires du créneau, ou durée de l'activité), en heures décimales (9,50 = 9 h 30).", value: (r) => r.minutes }
  ]
}

/** A line of the households' export: a household and its QF on the last day of the period. */
export interface HouseholdExportRow {
  readonly household: Household
  readonly quotient: QuotientRecord | undefined
}

const phonesText = (household: Household): string =>
  household.contact.phones.map((p) => (p.label === undefined ? p.number : `${p.label} : ${p.number}`)).join(" / ")

/** `foyers`: the households with their members and QF. */
export const householdsDefinition: ExportDefinition<HouseholdExportRow> = {
  kind: "households",
  title: "Foyers",
  fileName: "foyers",
  permission: "households.read",
  period: "Tous les foyers tels qu'ils sont enregistrés au moment de l'export ; le QF est celui qui s'applique le dernier jour de la période, parmi ceux validés au plus tard ce jour-là.",
  order: "Par référence de dossier.",
  columns: [
    { key: "reference", header: "Référence", format: "text", description: "Référence du dossier du foyer (FAM-…).", value: (r) => r.household.reference },
    { key: "familyName", header: "Nom de famille", format: "text", description: "Nom de la famille.", value: (r) => r.household.familyName },
    { key: "resident", header: "Habite la commune", format: "text", description: "« oui » ou « non » (tarif non-résident).", value: (r) => (r.household.residency === "resident" ? "oui" : "non") },
    { key: "addressLine1", header: "Adresse", format: "text", description: "Numéro et rue.", value: (r) => r.household.address.line1 },
    { key: "addressLine2", header: "Complément d'adresse", format: "text", description: "Complément d'adresse ; vide s'il n'y en a pas.", value: (r) => r.household.address.line2 },
    { key: "postalCode", header: "Code postal", format: "text", description: "Code postal (5 chiffres).", value: (r) => r.household.address.postalCode },
    { key: "city", header: "Commune", format: "text", description: "Commune.", value: (r) => r.household.address.city },
    { key: "email", header: "E-mail", format: "text", description: "Adresse e-mail du foyer (celle du compte de la famille).", value: (r) => r.household.contact.email },
    { key: "phones", header: "Téléphones", format: "text", description: "Numéros du foyer avec leur libellé, séparés par « / ».", value: (r) => phonesText(r.household) },
    { key: "payer", header: "Payeur", format: "text", description: "Prénom et nom du responsable légal à qui les factures sont adressées.", value: (r) => (r.household.adults.length === 0 ? undefined : r.household.payer.fullName) },
    { key: "adults", header: "Responsables légaux", format: "text", description: "Prénom, nom et lien de chaque responsable légal, séparés par « / ».", value: (r) => r.household.adults.map((a) => (a.relationship === undefined ? a.fullName : `${a.fullName} (${a.relationship})`)).join(" / ") },
    { key: "childrenCount", header: "Nombre d'enfants", format: "integer", description: "Nombre d'enfants du foyer.", value: (r) => r.household.children.length },
    { key: "children", header: "Enfants", format: "text", description: "Prénom, nom et date de naissance (JJ/MM/AAAA) de chaque enfant, séparés par « / ».", value: (r) => r.household.children.map((c) => `${c.fullName} (${c.birthDate.slice(8, 10)}/${c.birthDate.slice(5, 7)}/${c.birthDate.slice(0, 4)})`).join(" / ") },
    { key: "qf", header: "QF", format: "integer", description: "Quotient familial qui s'applique le dernier jour de la période ; vide sans QF valable (tarif le plus haut).", value: (r) => r.quotient?.qf },
    { key: "qfValidFrom", header: "QF valable du", format: "date", description: "Début de validité de ce QF.", value: (r) => r.quotient?.validFrom },
    { key: "qfValidTo", header: "QF valable au", format: "date", description: "Fin de validité de ce QF.", value: (r) => r.quotient?.validTo },
    { key: "qfSource", header: "Origine du QF", format: "text", description: "Déclaré avec justificatif, transmis par la CAF (numéro d'allocataire) ou fixé par le Service à la Population.", value: (r) => (r.quotient === undefined ? undefined : describeQuotientSource(r.quotient.source)) }
  ]
}

/** Every dataset's definition, by kind. */
export const exportDefinitions = {
  invoices: invoicesDefinition,
  payments: paymentsDefinition,
  unpaid: unpaidDefinition,
  attendance: attendanceDefinition,
  households: householdsDefinition
} as const

/** What a dataset is (names, permission, period, order, columns), without its programs. */
export const exportDatasetInfo = (kind: ExportDatasetKind): ExportDatasetInfo => {
  const definition: ExportDatasetInfo = exportDefinitions[kind]
  return {
    kind: definition.kind,
    title: definition.title,
    fileName: definition.fileName,
    permission: definition.permission,
    period: definition.period,
    order: definition.order,
    columns: definition.columns.map(({ key, header, format, description }) => ({ key, header, format, description }))
  }
}

const tableOf = <Row>(definition: ExportDefinition<Row>, period: ExportPeriod, rows: ReadonlyArray<Row>): ExportTable => ({
  dataset: exportDatasetInfo(definition.kind),
  from: period.from,
  to: period.to,
  rows: tableRows(definition, rows)
})

const invoiceRows = (period: ExportPeriod) =>
  Effect.gen(function* () {
    const invoices = yield* (yield* InvoiceRepository).search({ issuedFrom: period.from, issuedTo: period.to })
    const notes = yield* (yield* CreditNoteRepository).issuedBetween(period.from, period.to)
    const households = [...invoices.map((i) => i.householdId), ...notes.map((n) => n.householdId)]
    const accounts = yield* accountsAsOf(households, period.to)
    const labels = yield* householdLabels(households)
    const rows: Array<InvoiceExportRow> = []
    for (const invoice of invoices) {
      const situation = situationIn(accounts, invoice.householdId, invoice.id)
      if (situation !== undefined) {
        const daysLate = isPastDue(situation, period.to) ? LocalDate.daysBetween(invoice.dueOn, period.to) : 0
        rows.push({ kind: "invoice", situation, household: labelOf(labels, invoice.householdId), daysLate })
      }
    }
    for (const note of notes) rows.push({ kind: "creditNote", note, household: labelOf(labels, note.householdId) })
    const key = (r: InvoiceExportRow) =>
      r.kind === "invoice" ? ([r.situation.invoice.issuedOn, 0, r.situation.invoice.number] as const) : ([r.note.issuedOn, 1, r.note.number] as const)
    return rows.sort((a, b) => {
      const [dayA, kindA, numberA] = key(a)
      const [dayB, kindB, numberB] = key(b)
      return byText(dayA, dayB) || kindA - kindB || byText(numberA, numberB)
    })
  })

const agentNames = (ids: Iterable<AccountId>) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const names = new Map<AccountId, string>()
    for (const id of ids) {
      if (names.has(id)) continue
      const account = yield* Effect.either(accounts.get(id))
      if (Either.isRight(account) && account.right.holder._tag === "Agent") names.set(id, account.right.holder.displayName)
    }
    return names as ReadonlyMap<AccountId, string>
  })

const paymentRows = (period: ExportPeriod) =>
  Effect.gen(function* () {
    const start = ParisTime.toInstant(period.from, ParisTime.timeOfDay("00:00"))
    const payments = [...(yield* (yield* PaymentRepository).receivedBetween(start, endOf(period.to)))].sort(
      (a, b) => byText(a.receivedAt, b.receivedAt) || byText(a.id, b.id)
    )
    const accounts = yield* accountsAsOf(payments.map((p) => p.householdId), period.to)
    const labels = yield* householdLabels(payments.map((p) => p.householdId))
    const names = yield* agentNames(payments.flatMap((p) => (p.recordedBy === undefined ? [] : [p.recordedBy])))
    return payments.map((payment): PaymentExportRow => {
      const account = accounts.get(payment.householdId)
      const numberOf = (id: InvoiceId) => account?.invoices.find((s) => s.invoice.id === id)?.invoice.number ?? id
      const allocations = (account?.allocations ?? [])
        .filter((a) => a.paymentId === payment.id)
        .map((a) => ({ invoiceNumber: numberOf(a.invoiceId), amount: a.amount }))
      const recordedByName = payment.recordedBy === undefined ? undefined : names.get(payment.recordedBy)
      return {
        payment,
        household: labelOf(labels, payment.householdId),
        namedInvoices: payment.invoiceIds.map(numberOf),
        allocations,
        unallocated: Cents.subtract(payment.amount, Cents.sum(allocations.map((a) => a.amount))),
        ...(recordedByName === undefined ? {} : { recordedByName })
      }
    })
  })

const unpaidRows = (period: ExportPeriod) =>
  Effect.gen(function* () {
    const invoices = (yield* (yield* InvoiceRepository).search({ dueBefore: period.to, issuedTo: period.to })).filter((i) => i.dueOn >= period.from)
    const accounts = yield* accountsAsOf(invoices.map((i) => i.householdId), period.to)
    const labels = yield* householdLabels(invoices.map((i) => i.householdId))
    const repository = yield* HouseholdRepository
    const households = new Map<HouseholdId, Household | undefined>()
    const rows: Array<UnpaidExportRow> = []
    for (const invoice of invoices) {
      const situation = situationIn(accounts, invoice.householdId, invoice.id)
      if (situation === undefined || !isPastDue(situation, period.to)) continue
      if (!households.has(invoice.householdId)) households.set(invoice.householdId, Either.getOrUndefined(yield* Effect.either(repository.get(invoice.householdId))))
      rows.push({
        situation,
        label: labelOf(labels, invoice.householdId),
        household: households.get(invoice.householdId),
        daysLate: LocalDate.daysBetween(invoice.dueOn, period.to)
      })
    }
    return rows.sort((a, b) => byText(a.situation.invoice.dueOn, b.situation.invoice.dueOn) || byText(a.situation.invoice.number, b.situation.invoice.number))
  })

const hoursInLabel = /(\d{1,2})\s*h\s*(\d{2})?\s*[-–à]\s*(\d{1,2})\s*h\s*(\d{2})?/

/** The minutes between the two times written in a slot's label (`Matin (8h30 - 12h)` → 210), if any. */
export function minutesInSlotLabel(label: string): number | undefined {
  const match = hoursInLabel.exec(label)
  if (match === null) return undefined
  const start = Number(match[1]) * 60 + Number(match[2] ?? "0")
  const end = Number(match[3]) * 60 + Number(match[4] ?? "0")
  return end > start ? end - start : undefined
}

/** How long a session of an activity lasts, in minutes (see `ExportSettings`). */
export function sessionMinutes(activity: Activity, slot: string | undefined, settings: ExportSettings): number {
  const byActivity = settings.sessionMinutesByActivity[activity.id]
  if (byActivity !== undefined) return byActivity
  const label = slot === undefined ? undefined : activity.slots.find((s) => s.code === slot)?.label
  const fromLabel = label === undefined ? undefined : minutesInSlotLabel(label)
  if (fromLabel !== undefined) return fromLabel
  const kind = activity.kind.startsWith("custom:") ? "custom" : activity.kind
  return settings.sessionMinutesByKind[kind] ?? 0
}

const attendanceRows = (period: ExportPeriod, settings: ExportSettings) =>
  Effect.gen(function* () {
    const records = (yield* (yield* AttendanceRegister).between(period.from, period.to)).filter((r) => r.status === "present")
    const activities = new Map((yield* (yield* ActivityCatalogue).list).map((a) => [a.id, a] as const))
    const sessions = yield* SessionRepository
    const slots = new Map<string, string | undefined>()
    for (const activityId of new Set(records.map((r) => r.activityId))) {
      for (const session of yield* sessions.listByActivity(activityId, period.from, period.to)) slots.set(session.id, session.slot)
    }
    const repository = yield* HouseholdRepository
    const households = new Map<HouseholdId, Household | undefined>()
    const groups = new Map<string, { row: Omit<AttendanceExportRow, "days" | "sessions" | "minutes">; days: Set<string>; sessions: Set<string>; minutes: number }>()
    for (const record of records) {
      if (!households.has(record.householdId)) households.set(record.householdId, Either.getOrUndefined(yield* Effect.either(repository.get(record.householdId))))
      const household = households.get(record.householdId)
      const child = household?.child(record.childId)
      const activity = activities.get(record.activityId)
      const month = LocalDate.yearMonth(record.date)
      const key = `${month}\u0000${record.activityId}\u0000${record.childId}`
      let group = groups.get(key)
      if (group === undefined) {
        group = {
          row: {
            month,
            activity: { name: activity?.name ?? record.activityId, kind: activity?.kind ?? "custom:inconnue" },
            householdReference: household?.reference ?? record.householdId,
            childFirstName: child?.firstName ?? record.childId,
            childLastName: child?.lastName ?? "",
            birthDate: child?.birthDate,
            age: child === undefined ? undefined : LocalDate.ageOn(child.birthDate, LocalDate.unsafe(`${month}-01`))
          },
          days: new Set(),
          sessions: new Set(),
          minutes: 0
        }
        groups.set(key, group)
      }
      if (group.sessions.has(record.sessionId)) continue
      group.sessions.add(record.sessionId)
      group.days.add(record.date)
      group.minutes += activity === undefined ? 0 : sessionMinutes(activity, slots.get(record.sessionId), settings)
    }
    return [...groups.values()]
      .map(({ row, days, sessions: present, minutes }): AttendanceExportRow => ({ ...row, days: days.size, sessions: present.size, minutes }))
      .sort(
        (a, b) =>
          byText(a.month, b.month) ||
          a.activity.name.localeCompare(b.activity.name, "fr") ||
          a.childLastName.localeCompare(b.childLastName, "fr") ||
          a.childFirstName.localeCompare(b.childFirstName, "fr") ||
          byText(a.householdReference, b.householdReference)
      )
  })

const householdRows = (period: ExportPeriod) =>
  Effect.gen(function* () {
    const households = [...(yield* (yield* HouseholdRepository).list)].sort((a, b) => byText(a.reference, b.reference))
    const quotients = yield* QuotientRepository
    const until = endOf(period.to)
    const rows: Array<HouseholdExportRow> = []
    for (const household of households) {
      const records = (yield* quotients.listByHousehold(household.id)).filter((r) => r.review._tag === "Validated" && r.review.at < until)
      rows.push({ household, quotient: Option.getOrUndefined(applicableQuotient(records, period.to)) })
    }
    return rows
  })

/**
 * Exports a dataset for a period, in a stable order: the same period exported again gives the same
 * rows (see each definition's `period` for what is read as of the period's end). Refused when the
 * period ends before it starts.
 *
 * @example
 * const table = yield* exportDataset("invoices", { from: LocalDate.unsafe("2026-10-01"), to: LocalDate.unsafe("2026-10-31") })
 * const csv = exportCsv(table)
 */
export const exportDataset = (kind: ExportDatasetKind, period: ExportPeriod, settings: ExportSettings = defaultExportSettings) =>
  Effect.gen(function* () {
    if (LocalDate.isBefore(period.to, period.from)) return yield* new ExportPeriodInvalid({ from: period.from, to: period.to })
    switch (kind) {
      case "invoices":
        return tableOf(invoicesDefinition, period, yield* invoiceRows(period))
      case "payments":
        return tableOf(paymentsDefinition, period, yield* paymentRows(period))
      case "unpaid":
        return tableOf(unpaidDefinition, period, yield* unpaidRows(period))
      case "attendance":
        return tableOf(attendanceDefinition, period, yield* attendanceRows(period, settings))
      case "households":
        return tableOf(householdsDefinition, period, yield* householdRows(period))
    }
  })
