import {
  AccountId,
  DocumentId,
  type DocumentKind,
  HouseholdId,
  Instant,
  MediaType,
  Sha256Hex,
  StoredFile,
  StoredFileKey,
  SupportingDocument
} from "@spe/core"
import fc from "fast-check"

/** The first bytes of a real PDF, then `size - 4` zero bytes (at least the 4 of the signature). */
export function pdfBytes(size = 2048): Uint8Array {
  const bytes = new Uint8Array(Math.max(4, size))
  bytes.set([0x25, 0x50, 0x44, 0x46])
  return bytes
}

/** A tax notice of the seed's household, pending review; override any field. */
export function aSupportingDocument(overrides: Partial<ConstructorParameters<typeof SupportingDocument>[0]> = {}): SupportingDocument {
  return new SupportingDocument({
    id: DocumentId.make("doc-avis-2025"),
    householdId: HouseholdId.make("hh-concerto"),
    kind: "taxNotice",
    file: new StoredFile({
      key: StoredFileKey.make("file-avis-2025"),
      name: "avis-imposition-2025.pdf",
      mediaType: MediaType.make("application/pdf"),
      sizeBytes: 182_331,
      sha256: Sha256Hex.make("ab".repeat(32))
    }),
    uploadedAt: Instant.unsafe("2026-06-01T19:12:00Z"),
    uploadedBy: AccountId.make("acc-concerto"),
    review: { _tag: "Pending" },
    ...overrides
  })
}

/** Any kind of document, the town's own included. */
export const documentKindArbitrary: fc.Arbitrary<DocumentKind> = fc.oneof(
  fc.constantFrom<DocumentKind>("taxNotice", "cafCertificate", "medicalCertificate", "insurance", "vaccinations"),
  fc.constantFrom<DocumentKind>("custom:attestation-employeur", "custom:jugement")
)
