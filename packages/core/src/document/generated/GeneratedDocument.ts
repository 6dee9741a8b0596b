import { Schema } from "effect"
import { AttendanceCertificateDocument } from "./AttendanceCertificate.js"
import { ChildcareAttestationDocument } from "./ChildcareAttestation.js"
import { CreditNoteDocument } from "./CreditNoteDocument.js"
import { HolidayBookingCalendarDocument } from "./HolidayBookingCalendar.js"
import { HouseholdSummaryDocument } from "./HouseholdSummary.js"
import { InvoiceDocument } from "./InvoiceDocument.js"

/** The documents the town generates (édition de documents). */
export const generatedDocumentKinds = [
  "invoice",
  "creditNote",
  "attendanceCertificate",
  "childcareAttestation",
  "holidayBookingCalendar",
  "householdSummary"
] as const

/** A kind of generated document. */
export const GeneratedDocumentKind = Schema.Literal(...generatedDocumentKinds).annotations({ identifier: "GeneratedDocumentKind" })
export type GeneratedDocumentKind = typeof GeneratedDocumentKind.Type

/** The data of each kind of generated document. */
export interface GeneratedDocumentModels {
  readonly invoice: InvoiceDocument
  readonly creditNote: CreditNoteDocument
  readonly attendanceCertificate: AttendanceCertificateDocument
  readonly childcareAttestation: ChildcareAttestationDocument
  readonly holidayBookingCalendar: HolidayBookingCalendarDocument
  readonly householdSummary: HouseholdSummaryDocument
}

/** The schema of each kind's data. */
export const generatedDocumentSchemas = {
  invoice: InvoiceDocument,
  creditNote: CreditNoteDocument,
  attendanceCertificate: AttendanceCertificateDocument,
  childcareAttestation: ChildcareAttestationDocument,
  holidayBookingCalendar: HolidayBookingCalendarDocument,
  householdSummary: HouseholdSummaryDocument
} as const

/** Any generated document's data, told apart by its `kind`. */
export const GeneratedDocument = Schema.Union(
  InvoiceDocument,
  CreditNoteDocument,
  AttendanceCertificateDocument,
  ChildcareAttestationDocument,
  HolidayBookingCalendarDocument,
  HouseholdSummaryDocument
).annotations({ identifier: "GeneratedDocument" })
export type GeneratedDocument = typeof GeneratedDocument.Type

const TITLES: Record<GeneratedDocumentKind, string> = {
  invoice: "facture",
  creditNote: "avoir",
  attendanceCertificate: "attestation de présence",
  childcareAttestation: "attestation de frais de garde",
  holidayBookingCalendar: "calendrier des réservations des vacances",
  householdSummary: "fiche famille"
}

/** The French name of a kind of document, e.g. "attestation de présence". */
export const generatedDocumentName = (kind: GeneratedDocumentKind): string => TITLES[kind]
