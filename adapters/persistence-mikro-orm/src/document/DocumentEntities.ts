import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * A supporting document's record as stored: household, kind, review state and upload instant,
 * what the lists and the review queue select and order on, beside the record encoded by the
 * core's schema. Its bytes are in the file store.
 */
export interface SupportingDocumentRow {
  id: string
  householdId: string
  kind: string
  review: string
  uploadedAt: string
  data: unknown
}

export const SupportingDocumentEntity = new EntitySchema<SupportingDocumentRow>({
  name: "SupportingDocumentRow",
  tableName: "supporting_document",
  indexes: [
    { name: "supporting_document_household_index", properties: ["householdId", "uploadedAt"] },
    { name: "supporting_document_review_index", properties: ["review", "uploadedAt"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    householdId: { type: "text", fieldName: "household_id" },
    kind: { type: "text" },
    review: { type: "text" },
    uploadedAt: { type: "text", fieldName: "uploaded_at" },
    data: { type: "json" }
  }
})

/** An uploaded file's bytes (`bytea`), under the key the store chose, with the name and type it was given. */
export interface StoredFileRow {
  key: string
  name: string
  mediaType: string
  sizeBytes: number
  bytes: Buffer
}

export const StoredFileEntity = new EntitySchema<StoredFileRow>({
  name: "StoredFileRow",
  tableName: "stored_file",
  properties: {
    key: { type: "text", primary: true },
    name: { type: "text" },
    mediaType: { type: "text", fieldName: "media_type" },
    sizeBytes: { type: "integer", fieldName: "size_bytes" },
    bytes: { type: "blob", columnType: "bytea", lazy: true }
  }
})
