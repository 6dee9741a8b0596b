import { Option, Schema } from "effect"
import type { Enrollment } from "../../enrollment/Enrollment.js"
import type { Household } from "../../household/Household.js"
import { applicableQuotient, describeQuotientSource, type QuotientRecord } from "../../household/QuotientFamilial.js"
import type { HouseholdAccount } from "../../payment/HouseholdAccount.js"
import * as Cents from "../../shared/Cents.js"
import * as LocalDate from "../../shared/LocalDate.js"
import { addressLines } from "./Addressee.js"
import { AmountText, amountText, DateText, dateText } from "./DocumentText.js"
import { type GeneratedDocumentSettings, IssuerView, issuerView } from "./DocumentSettings.js"

/** An adult of the household as the summary lists it. */
export const AdultView = Schema.Struct({
  name: Schema.String,
  relationship: Schema.optionalWith(Schema.String, { exact: true }),
  isPayer: Schema.Boolean,
  email: Schema.optionalWith(Schema.String, { exact: true }),
  phone: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "AdultView" })
export type AdultView = typeof AdultView.Type

/** A child of the household as the summary lists it. */
export const ChildView = Schema.Struct({
  name: Schema.String,
  birthDate: DateText,
  age: Schema.Int,
  schoolLevel: Schema.optionalWith(Schema.String, { exact: true }),
  school: Schema.optionalWith(Schema.String, { exact: true })
}).annotations({ identifier: "ChildView" })
export type ChildView = typeof ChildView.Type

/** The QF that applies on the summary's date, or the fact that none does. */
export const QuotientView = Schema.Struct({
  known: Schema.Boolean,
  qf: Schema.optionalWith(Schema.Int, { exact: true }),
  source: Schema.optionalWith(Schema.String, { exact: true }),
  validFrom: Schema.optionalWith(DateText, { exact: true }),
  validTo: Schema.optionalWith(DateText, { exact: true }),
  text: Schema.String
}).annotations({ identifier: "QuotientView" })
export type QuotientView = typeof QuotientView.Type

/** An enrollment (dossier d'inscription) as the summary lists it. */
export const EnrollmentView = Schema.Struct({
  childName: Schema.String,
  schoolYear: Schema.String,
  enrollmentFamily: Schema.String,
  status: Schema.String
}).annotations({ identifier: "EnrollmentView" })
export type EnrollmentView = typeof EnrollmentView.Type

/** The household's balance and what it means. */
export const BalanceView = Schema.Struct({
  balance: AmountText,
  text: Schema.String
}).annotations({ identifier: "BalanceView" })
export type BalanceView = typeof BalanceView.Type

/** The data of a household summary (fiche famille) as its template prints it. */
export const HouseholdSummaryDocument = Schema.Struct({
  kind: Schema.Literal("householdSummary"),
  title: Schema.String,
  fileName: Schema.String,
  issuer: IssuerView,
  reference: Schema.String,
  familyName: Schema.String,
  residency: Schema.String,
  addressLines: Schema.Array(Schema.String),
  email: Schema.String,
  phones: Schema.Array(Schema.Struct({ label: Schema.optionalWith(Schema.String, { exact: true }), number: Schema.String })),
  adults: Schema.Array(AdultView),
  children: Schema.Array(ChildView),
  quotient: QuotientView,
  enrollments: Schema.optionalWith(Schema.Array(EnrollmentView), { exact: true }),
  balance: Schema.optionalWith(BalanceView, { exact: true }),
  on: DateText
}).annotations({ identifier: "HouseholdSummaryDocument" })
export type HouseholdSummaryDocument = typeof HouseholdSummaryDocument.Type

/** What a household summary shows: the household, its QF records, and its enrollments and account where known. */
export interface HouseholdSummaryInput {
  readonly household: Household
  readonly quotients: ReadonlyArray<QuotientRecord>
  /** The date the summary is drawn up on: the QF and ages are those of that day. */
  readonly on: LocalDate.LocalDate
  readonly enrollments?: ReadonlyArray<Enrollment>
  readonly account?: HouseholdAccount
  readonly settings: GeneratedDocumentSettings
}

function quotientView(records: ReadonlyArray<QuotientRecord>, on: LocalDate.LocalDate): QuotientView {
  return Option.match(applicableQuotient(records, on), {
    onNone: (): QuotientView => ({
      known: false,
      text: "Aucun quotient familial valide à cette date : le tarif le plus élevé s'applique. Transmettez votre avis d'imposition ou votre attestation CAF depuis « Mes QF/Revenus »."
    }),
    onSome: (record): QuotientView => {
      const source = describeQuotientSource(record.source)
      const validFrom = dateText(record.validFrom)
      const validTo = dateText(record.validTo)
      return {
        known: true,
        qf: record.qf,
        source,
        validFrom,
        validTo,
        text: `Quotient familial : ${record.qf} €, ${source}, valable du ${validFrom.text} au ${validTo.text}.`
      }
    }
  })
}

function enrollmentStatus(enrollment: Enrollment): string {
  switch (enrollment.status._tag) {
    case "Requested":
      return "Demande en cours d'examen"
    case "Accepted":
      return "Acceptée"
    case "Refused":
      return `Refusée : ${enrollment.status.reason}`
  }
}

function balanceView(account: HouseholdAccount): BalanceView {
  const balance = account.balance
  const text =
    balance > 0
      ? `Reste à payer : ${Cents.formatEuros(balance)}.`
      : balance < 0
        ? `Votre compte est créditeur de ${Cents.formatEuros(Cents.negate(balance))} : ce crédit viendra en déduction de vos prochaines factures.`
        : "Votre compte est à jour : rien à payer."
  return { balance: amountText(balance), text }
}

/**
 * The data of a household summary: members, contact details, the QF that applies on the day with
 * its source and validity, the enrollments and the balance where given.
 */
export function householdSummaryDocument(input: HouseholdSummaryInput): HouseholdSummaryDocument {
  const { household, on } = input
  const childNames = new Map<string, string>(household.children.map((c) => [c.id, c.fullName]))
  return {
    kind: "householdSummary",
    title: `Fiche famille ${household.familyName}`,
    fileName: `fiche-famille-${household.reference.toLowerCase()}`,
    issuer: issuerView(input.settings),
    reference: household.reference,
    familyName: household.familyName,
    residency: household.residency === "resident" ? `Habite ${input.settings.town.townName}` : `N'habite pas ${input.settings.town.townName}`,
    addressLines: addressLines(household.address),
    email: household.contact.email,
    phones: household.contact.phones.map((p) => ({ ...(p.label === undefined ? {} : { label: p.label }), number: p.number })),
    adults: household.adults.map((a) => ({
      name: a.fullName,
      ...(a.relationship === undefined ? {} : { relationship: a.relationship }),
      isPayer: a.isPayer,
      ...(a.email === undefined ? {} : { email: a.email }),
      ...(a.phone === undefined ? {} : { phone: a.phone })
    })),
    children: household.children.map((c) => ({
      name: c.fullName,
      birthDate: dateText(c.birthDate),
      age: LocalDate.ageOn(c.birthDate, on),
      ...(c.schoolLevel === undefined ? {} : { schoolLevel: c.schoolLevel }),
      ...(c.school === undefined ? {} : { school: c.school })
    })),
    quotient: quotientView(input.quotients.filter((q) => q.householdId === household.id), on),
    ...(input.enrollments === undefined
      ? {}
      : {
          enrollments: input.enrollments
            .filter((e) => e.householdId === household.id)
            .map((e) => ({
              childName: childNames.get(e.childId) ?? e.childId,
              schoolYear: e.schoolYear,
              enrollmentFamily: e.enrollmentFamily,
              status: enrollmentStatus(e)
            }))
        }),
    ...(input.account === undefined ? {} : { balance: balanceView(input.account) }),
    on: dateText(on)
  }
}
