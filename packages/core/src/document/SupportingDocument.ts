import { Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { AccountId, DocumentId, HouseholdId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { Sha256Hex } from "../account/Digest.js"
import { StoredFileKey } from "./FileStore.js"

/** Kinds of supporting documents; a town adds its own as `custom:<code>`. */
export const DocumentKind = Schema.Union(
  Schema.Literal("taxNotice", "cafCertificate", "medicalCertificate", "insurance", "vaccinations"),
  Schema.TemplateLiteral(Schema.Literal("custom:"), Schema.String)
).annotations({ identifier: "DocumentKind" })
export type DocumentKind = typeof DocumentKind.Type

/** French name of a kind of document, e.g. "avis d'imposition". */
export function documentKindLabel(kind: DocumentKind): string {
  switch (kind) {
    case "taxNotice":
      return "avis d'imposition"
    case "cafCertificate":
      return "attestation CAF"
    case "medicalCertificate":
      return "certificat médical"
    case "insurance":
      return "attestation d'assurance"
    case "vaccinations":
      return "carnet de vaccinations"
    default:
      return kind.slice("custom:".length)
  }
}

/** A media type such as `application/pdf`, lower case, without parameters. */
export const MediaType = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/, {
    message: () => "Le type de fichier doit s'écrire comme « application/pdf » ou « image/jpeg »."
  }),
  Schema.brand("MediaType"),
  Schema.annotations({ identifier: "MediaType" })
)
export type MediaType = typeof MediaType.Type

/** What is known of an uploaded file: its name, type, size, SHA-256, and where its bytes are. */
export class StoredFile extends Schema.Class<StoredFile>("StoredFile")({
  key: StoredFileKey,
  name: Schema.NonEmptyTrimmedString,
  mediaType: MediaType,
  sizeBytes: Schema.Int.pipe(Schema.nonNegative()),
  sha256: Sha256Hex
}) {}

/** An agent's review of a document: pending, accepted with its validity, or rejected with a reason. */
export const DocumentReview = Schema.Union(
  Schema.TaggedStruct("Pending", {}),
  Schema.TaggedStruct("Accepted", {
    by: AccountId,
    at: Instant,
    validFrom: LocalDate.LocalDate,
    validUntil: Schema.optional(LocalDate.LocalDate)
  }),
  Schema.TaggedStruct("Rejected", { by: AccountId, at: Instant, reason: Schema.NonEmptyTrimmedString })
).annotations({ identifier: "DocumentReview" })
export type DocumentReview = typeof DocumentReview.Type

/**
 * A proof a household stored (justificatif): stored once, attached to as many requests as need it.
 * `validFrom`/`validUntil` are what the family declared, then what the agent accepted.
 */
export class SupportingDocument extends Schema.Class<SupportingDocument>("SupportingDocument")({
  id: DocumentId,
  householdId: HouseholdId,
  kind: DocumentKind,
  file: StoredFile,
  uploadedAt: Instant,
  uploadedBy: AccountId,
  validFrom: Schema.optional(LocalDate.LocalDate),
  validUntil: Schema.optional(LocalDate.LocalDate),
  review: DocumentReview
}) {}

/** Whether a document was accepted and is valid on a date (its validity bounds included). */
export function isDocumentValidOn(document: SupportingDocument, date: LocalDate.LocalDate): boolean {
  const review = document.review
  if (review._tag !== "Accepted") return false
  if (LocalDate.isBefore(date, review.validFrom)) return false
  return review.validUntil === undefined || !LocalDate.isAfter(date, review.validUntil)
}

/** No supporting document has this id. */
export class DocumentNotFound extends Schema.TaggedError<DocumentNotFound>()("DocumentNotFound", {
  documentId: DocumentId
}) {
  override get message(): string {
    return `Aucun justificatif ne porte le numéro ${this.documentId} : il a peut-être été supprimé. Déposez-le à nouveau dans votre espace de stockage.`
  }
}
