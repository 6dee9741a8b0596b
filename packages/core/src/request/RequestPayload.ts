import { Schema } from "effect"
import { AccountEmail } from "../account/Account.js"
import { NonNegativeCents } from "../shared/Cents.js"
import { AbsenceId, AccountId, DocumentId, MemberId } from "../shared/Ids.js"
import { LocalDate } from "../shared/LocalDate.js"

/** A school year named by its two calendar years, e.g. `2026-2027`. */
export const SchoolYearName = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{4}$/, { message: () => "L'année scolaire s'écrit comme « 2026-2027 »." }),
  Schema.filter((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, {
    message: () => "Une année scolaire couvre deux années qui se suivent, comme « 2026-2027 »."
  }),
  Schema.brand("SchoolYearName"),
  Schema.annotations({ identifier: "SchoolYearName" })
)
export type SchoolYearName = typeof SchoolYearName.Type

/** "Créer mon espace": a person who created an account asks to have it linked to their household. */
export class AccountCreationPayload extends Schema.TaggedClass<AccountCreationPayload>()("AccountCreation", {
  accountId: AccountId,
  /** Name of the legal guardian, as the family wrote it. */
  declaredName: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  /** The household reference, when the family knows it (from an invoice or a letter). */
  householdReference: Schema.optional(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64))),
  phone: Schema.optional(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(30)))
}) {}

/** The yearly enrollment of a child in a family of activities (dossier unique d'inscription). */
export class EnrollmentRequestPayload extends Schema.TaggedClass<EnrollmentRequestPayload>()("Enrollment", {
  childId: MemberId,
  schoolYear: SchoolYearName,
  /** The family of activities (periscolaire, extrascolaire, restauration), as activities name it. */
  activityFamily: Schema.NonEmptyTrimmedString
}) {}

/** How the family states its quotient: its income and household composition, or the CAF's figure. */
export const QuotientUpdateDeclaration = Schema.Union(
  Schema.TaggedStruct("DeclaredIncome", {
    /** Annual taxable income (revenu fiscal de référence), in cents. */
    annualIncomeCents: NonNegativeCents,
    /** Monthly family benefits, in cents. */
    monthlyBenefitsCents: NonNegativeCents,
    adults: Schema.Literal(1, 2),
    children: Schema.Int.pipe(Schema.between(0, 20)),
    /** Children with the AEEH disability allowance (each adds a half part). */
    disabledChildren: Schema.Int.pipe(Schema.between(0, 20))
  }),
  Schema.TaggedStruct("CafQuotient", {
    /** The quotient familial the CAF computed, in whole euros. */
    quotient: Schema.Int.pipe(Schema.nonNegative()),
    allocataireNumber: Schema.optional(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(20)))
  })
).annotations({ identifier: "QuotientUpdateDeclaration" })
export type QuotientUpdateDeclaration = typeof QuotientUpdateDeclaration.Type

/** A new quotient familial, with its proof, to apply from `effectiveDate` once accepted. */
export class QuotientUpdatePayload extends Schema.TaggedClass<QuotientUpdatePayload>()("QuotientUpdate", {
  declaration: QuotientUpdateDeclaration,
  effectiveDate: LocalDate,
  /** The end of validity the family reads on its proof, if any (the town's rule applies otherwise). */
  validUntil: Schema.optional(LocalDate),
  proofDocumentId: DocumentId
}) {}

/** A postal address as a family writes it in a change of contact details. */
export class ContactChangeAddress extends Schema.Class<ContactChangeAddress>("ContactChangeAddress")({
  line1: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  line2: Schema.optional(Schema.String.pipe(Schema.maxLength(200))),
  postalCode: Schema.String.pipe(
    Schema.pattern(/^\d{5}$/, { message: () => "Le code postal compte 5 chiffres, par exemple 76320." })
  ),
  city: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(100))
}) {}

const Phone = Schema.String.pipe(
  Schema.pattern(/^\+?[\d .-]{10,20}$/, { message: () => "Le numéro de téléphone s'écrit avec 10 chiffres, par exemple 02 32 96 95 70." })
)

/** New contact details the town reviews before applying; at least one field is given. */
export class ContactChangePayload extends Schema.TaggedClass<ContactChangePayload>()("ContactChange", {
  address: Schema.optional(ContactChangeAddress),
  phones: Schema.optional(Schema.Array(Phone)),
  email: Schema.optional(AccountEmail)
}) {}

/** A certificate that justifies an absence already reported. */
export class AbsenceJustificationPayload extends Schema.TaggedClass<AbsenceJustificationPayload>()("AbsenceJustification", {
  absenceId: AbsenceId,
  certificateDocumentId: DocumentId
}) {}

/** A message to the Service à la Population. */
export class FreeMessagePayload extends Schema.TaggedClass<FreeMessagePayload>()("FreeMessage", {
  subject: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  text: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(10_000))
}) {}

/** A request type the town defined itself: its code and the fields of its form. */
export class CustomRequestPayload extends Schema.TaggedClass<CustomRequestPayload>()("Custom", {
  typeCode: Schema.String.pipe(
    Schema.pattern(/^[a-z][a-z0-9-]{1,39}$/, { message: () => "Le code du type de demande s'écrit en minuscules, chiffres et tirets." })
  ),
  fields: Schema.Record({ key: Schema.String, value: Schema.String })
}) {}

/** What a request asks, by type. */
export const RequestPayload = Schema.Union(
  AccountCreationPayload,
  EnrollmentRequestPayload,
  QuotientUpdatePayload,
  ContactChangePayload,
  AbsenceJustificationPayload,
  FreeMessagePayload,
  CustomRequestPayload
).annotations({ identifier: "RequestPayload" })
export type RequestPayload = typeof RequestPayload.Type

/** The type of a request (the tag of its payload). */
export const RequestKind = Schema.Literal(
  "AccountCreation",
  "Enrollment",
  "QuotientUpdate",
  "ContactChange",
  "AbsenceJustification",
  "FreeMessage",
  "Custom"
).annotations({ identifier: "RequestKind" })
export type RequestKind = typeof RequestKind.Type

/** French name of a request's type, as the family sees it in "Dernières demandes". */
export function requestKindLabel(payload: RequestPayload): string {
  switch (payload._tag) {
    case "AccountCreation":
      return "Création de mon espace"
    case "Enrollment":
      return `Inscription ${payload.schoolYear} (dossier unique)`
    case "QuotientUpdate":
      return "Mise à jour du quotient familial"
    case "ContactChange":
      return "Changement de coordonnées"
    case "AbsenceJustification":
      return "Justificatif d'absence"
    case "FreeMessage":
      return `Message : ${payload.subject}`
    case "Custom":
      return payload.typeCode
  }
}

/** The documents a payload itself refers to (the QF proof, the absence certificate). */
export function documentsOfPayload(payload: RequestPayload): ReadonlyArray<DocumentId> {
  switch (payload._tag) {
    case "QuotientUpdate":
      return [payload.proofDocumentId]
    case "AbsenceJustification":
      return [payload.certificateDocumentId]
    default:
      return []
  }
}
