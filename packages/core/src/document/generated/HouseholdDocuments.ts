import { Effect } from "effect"
import { ActivityCatalogue } from "../../activity/ActivityCatalogue.js"
import { AttendanceRegister } from "../../attendance/AttendanceRegister.js"
import { CreditNoteNotFound, InvoiceNotFound } from "../../billing/BillingErrors.js"
import type { CreditNote } from "../../billing/CreditNote.js"
import { CreditNoteRepository } from "../../billing/CreditNoteRepository.js"
import { EnrollmentRepository } from "../../enrollment/EnrollmentRepository.js"
import { HouseholdRepository } from "../../household/HouseholdRepository.js"
import { QuotientRepository } from "../../household/QuotientRepository.js"
import type { HouseholdAccount, InvoiceSituation } from "../../payment/HouseholdAccount.js"
import { loadHouseholdAccount } from "../../payment/HouseholdAccountQuery.js"
import { type InvoicePayment, invoicePayments } from "../../payment/HouseholdInvoice.js"
import { Clock } from "../../shared/Clock.js"
import type { ActivityId, CreditNoteId, HouseholdId, InvoiceId, MemberId } from "../../shared/Ids.js"
import * as LocalDate from "../../shared/LocalDate.js"
import * as ParisTime from "../../shared/ParisTime.js"
import { InvalidInput } from "../../shared/Validation.js"
import { type AttendanceCertificateDocument, attendanceCertificateDocument } from "./AttendanceCertificate.js"
import { type ChildcareAttestationDocument, childcareAttestationDocument, countsForChildcare } from "./ChildcareAttestation.js"
import { type CreditNoteDocument, creditNoteDocument } from "./CreditNoteDocument.js"
import type { GeneratedDocumentSettings, RegieDetails } from "./DocumentSettings.js"
import { type HolidayBookingCalendarDocument, holidayBookingCalendarDocument } from "./HolidayBookingCalendar.js"
import { type HouseholdSummaryDocument, householdSummaryDocument } from "./HouseholdSummary.js"
import { type InvoiceDocument, invoiceDocument } from "./InvoiceDocument.js"

/** The town's settings a household's documents are drawn with: the régie that bills, and the documents' own. */
export interface HouseholdDocumentSettings {
  readonly regie: RegieDetails
  readonly documents: GeneratedDocumentSettings
}

/** The longest period an attendance certificate covers, in days. */
export const attendanceCertificateMaxDays = 366

const today = Effect.flatMap(Clock, (clock) => clock.now).pipe(Effect.map(ParisTime.dateAt))

const householdOf = (householdId: HouseholdId) => Effect.flatMap(HouseholdRepository, (households) => households.get(householdId))

/** One invoice of a household with where it stands, its document, the payments and credit notes on it. */
export interface HouseholdInvoice {
  readonly situation: InvoiceSituation
  readonly account: HouseholdAccount
  readonly document: InvoiceDocument
  readonly payments: ReadonlyArray<InvoicePayment>
  readonly creditNotes: ReadonlyArray<CreditNote>
}

/**
 * Loads an invoice of the household ("Mes factures", its PDF): where it stands in the account,
 * its document, the payments that settle it and its credit notes. Another household's invoice is
 * `InvoiceNotFound`, exactly like an unknown one.
 */
export const loadHouseholdInvoice = (householdId: HouseholdId, invoiceId: InvoiceId, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const account = yield* loadHouseholdAccount(householdId)
    const situation = account.invoices.find((s) => s.invoice.id === invoiceId)
    if (situation === undefined) return yield* new InvoiceNotFound({ invoiceId })
    const household = yield* householdOf(householdId)
    return {
      situation,
      account,
      document: invoiceDocument(situation.invoice, household, settings.regie, settings.documents, account),
      payments: invoicePayments(account, invoiceId),
      creditNotes: account.creditNotes.filter((note) => note.invoiceId === invoiceId)
    } satisfies HouseholdInvoice
  })

/** One credit note of a household and its document. */
export interface HouseholdCreditNote {
  readonly creditNote: CreditNote
  readonly document: CreditNoteDocument
}

/**
 * Loads a credit note of the household and its document. Another household's credit note is
 * `CreditNoteNotFound`, exactly like an unknown one.
 */
export const loadHouseholdCreditNote = (householdId: HouseholdId, creditNoteId: CreditNoteId, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const notes = yield* Effect.flatMap(CreditNoteRepository, (repository) => repository.byHousehold(householdId))
    const note = notes.find((n) => n.id === creditNoteId && n.householdId === householdId)
    if (note === undefined) return yield* new CreditNoteNotFound({ creditNoteId })
    const household = yield* householdOf(householdId)
    return { creditNote: note, document: creditNoteDocument(note, household, settings.regie, settings.documents) } satisfies HouseholdCreditNote
  })

/** What a family asks an attendance certificate for: one of its children, an activity, a period. */
export interface AttendanceCertificateRequest {
  readonly childId: string
  readonly activityId: string
  readonly from: string
  readonly to: string
}

const problem = (path: string, message: string) => ({ path, message })

/**
 * A family's attendance certificate for one of its children at an activity over a period, from
 * the register, issued today. Refused (`InvalidInput`, by field: `childId`, `activityId`, `from`,
 * `to`) for a child not of the household, an unknown activity, a date that is not one, a period
 * ending before it starts, starting after today, or longer than a year.
 */
export const householdAttendanceCertificate = (householdId: HouseholdId, request: AttendanceCertificateRequest, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const household = yield* householdOf(householdId)
    const issuedOn = yield* today
    const child = household.children.find((c) => c.id === request.childId)
    const activities = yield* Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list)
    const activity = activities.find((a) => a.id === request.activityId)
    const from = LocalDate.parse(request.from.trim())
    const to = LocalDate.parse(request.to.trim())
    const problems = [
      ...(child === undefined ? [problem("childId", "Choisissez l'un de vos enfants.")] : []),
      ...(activity === undefined ? [problem("activityId", "Choisissez une activité de la liste.")] : []),
      ...(from._tag === "Left" ? [problem("from", "Indiquez la date de début de la période (jj/mm/aaaa).")] : []),
      ...(to._tag === "Left" ? [problem("to", "Indiquez la date de fin de la période (jj/mm/aaaa).")] : [])
    ]
    if (from._tag === "Right" && to._tag === "Right") {
      if (LocalDate.isBefore(to.right, from.right)) problems.push(problem("to", "La fin de la période doit être le même jour que son début ou après."))
      else if (LocalDate.daysBetween(from.right, to.right) >= attendanceCertificateMaxDays) {
        problems.push(problem("to", "Une attestation de présence couvre un an au plus : choisissez une période plus courte."))
      }
      if (LocalDate.isAfter(from.right, issuedOn)) problems.push(problem("from", "La période ne peut pas commencer après aujourd'hui."))
    }
    if (problems.length > 0 || child === undefined || activity === undefined || from._tag === "Left" || to._tag === "Left") {
      return yield* new InvalidInput({ subject: "Attestation de présence", problems })
    }
    const records = yield* Effect.flatMap(AttendanceRegister, (register) => register.forChild(child.id, from.right, to.right))
    return attendanceCertificateDocument({
      household,
      child,
      activity,
      from: from.right,
      to: to.right,
      records,
      issuedOn,
      settings: settings.documents
    }) satisfies AttendanceCertificateDocument
  })

/** The first year a childcare attestation may be asked for. */
const firstAttestationYear = 2000

/**
 * A family's yearly childcare-expense attestation for `year` (`childcarePaidAmounts`), issued
 * today. Refused (`InvalidInput`, field `year`) for a year that is not one, before 2000 or after
 * the current year.
 */
export const householdChildcareAttestation = (householdId: HouseholdId, year: string, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const issuedOn = yield* today
    const current = LocalDate.year(issuedOn)
    const value = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : Number.NaN
    if (!Number.isInteger(value) || value < firstAttestationYear || value > current) {
      return yield* new InvalidInput({
        subject: "Attestation de frais de garde",
        problems: [problem("year", `Choisissez une année de ${firstAttestationYear} à ${current}.`)]
      })
    }
    const household = yield* householdOf(householdId)
    const account = yield* loadHouseholdAccount(householdId)
    const activities = yield* Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list)
    return childcareAttestationDocument({
      year: value,
      household,
      invoices: account.invoices.map((s) => s.invoice),
      creditNotes: account.creditNotes,
      payments: account.payments,
      activities,
      regie: settings.regie,
      issuedOn,
      settings: settings.documents
    }) satisfies ChildcareAttestationDocument
  })

/**
 * The holiday booking calendar of a school year (`"2026-2027"`), issued today. Refused
 * (`InvalidInput`, field `schoolYear`) for a name that is not two following years.
 */
export const schoolYearBookingCalendar = (schoolYear: string, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const name = schoolYear.trim()
    const match = /^(\d{4})-(\d{4})$/.exec(name)
    if (match === null || Number(match[2]) !== Number(match[1]) + 1) {
      return yield* new InvalidInput({
        subject: "Calendrier des réservations",
        problems: [problem("schoolYear", "Choisissez une année scolaire de la liste (par exemple 2026-2027).")]
      })
    }
    const activities = yield* Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list)
    return holidayBookingCalendarDocument({ schoolYear: name, activities, issuedOn: yield* today, settings: settings.documents }) satisfies HolidayBookingCalendarDocument
  })

/** The household's summary (fiche famille) today: members, contact, QF, enrollments and balance. */
export const householdSummaryToday = (householdId: HouseholdId, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const household = yield* householdOf(householdId)
    const quotients = yield* Effect.flatMap(QuotientRepository, (repository) => repository.listByHousehold(householdId))
    const enrollments = yield* Effect.flatMap(EnrollmentRepository, (repository) => repository.forHousehold(householdId))
    const account = yield* loadHouseholdAccount(householdId)
    return householdSummaryDocument({ household, quotients, on: yield* today, enrollments, account, settings: settings.documents }) satisfies HouseholdSummaryDocument
  })

/** A child as the documents' forms offer it. */
export interface DocumentChild {
  readonly id: MemberId
  readonly name: string
  /** Whether the child counts for the childcare attestation of the current year. */
  readonly countsForChildcare: boolean
}

/** What the family may choose on the "Édition de documents" page, and the defaults. */
export interface HouseholdDocumentChoices {
  readonly today: LocalDate.LocalDate
  readonly children: ReadonlyArray<DocumentChild>
  readonly activities: ReadonlyArray<{ readonly id: ActivityId; readonly name: string }>
  /** The current school year, then the next one. */
  readonly schoolYears: ReadonlyArray<string>
  /** The current year, then the two before. */
  readonly attestationYears: ReadonlyArray<number>
  /** The first day of the current school year: where the attendance certificate's period starts by default. */
  readonly defaultFrom: LocalDate.LocalDate
  /** The childcare attestation's age limit. */
  readonly childcareAgeLimit: number
}

/** The choices of the documents' forms: the household's children, the activities, the school years and years. */
export const householdDocumentChoices = (householdId: HouseholdId, settings: HouseholdDocumentSettings) =>
  Effect.gen(function* () {
    const household = yield* householdOf(householdId)
    const activities = yield* Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list)
    const on = yield* today
    const year = LocalDate.year(on)
    const current = LocalDate.schoolYear(on)
    const start = Number(current.slice(0, 4))
    const ageLimit = settings.documents.childcareAgeLimit
    return {
      today: on,
      children: household.children.map((c) => ({ id: c.id, name: c.fullName, countsForChildcare: countsForChildcare(c, year, ageLimit) })),
      activities: activities.map((a) => ({ id: a.id, name: a.name })),
      schoolYears: [current, `${start + 1}-${start + 2}`],
      attestationYears: [year, year - 1, year - 2],
      defaultFrom: LocalDate.schoolYearBounds(current).start,
      childcareAgeLimit: ageLimit
    } satisfies HouseholdDocumentChoices
  })
