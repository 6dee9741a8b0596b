import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * A request as stored: household (none for an account creation not yet accepted), account, kind,
 * status and submission instant, what the lists and the inbox select and order on, beside the
 * request encoded by the core's schema.
 */
export interface RequestRow {
  id: string
  householdId: string | null
  accountId: string
  kind: string
  status: string
  submittedAt: string
  data: unknown
}

export const RequestEntity = new EntitySchema<RequestRow>({
  name: "RequestRow",
  tableName: "request",
  indexes: [
    { name: "request_household_index", properties: ["householdId", "submittedAt"] },
    { name: "request_account_index", properties: ["accountId", "submittedAt"] },
    { name: "request_submitted_index", properties: ["submittedAt", "id"] },
    { name: "request_status_index", properties: ["status", "submittedAt"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    householdId: { type: "text", fieldName: "household_id", nullable: true },
    accountId: { type: "text", fieldName: "account_id" },
    kind: { type: "text" },
    status: { type: "text" },
    submittedAt: { type: "text", fieldName: "submitted_at" },
    data: { type: "json" }
  }
})

/** A document attached to a request, once per request: which requests a document is used by. */
export interface RequestAttachmentRow {
  documentId: string
  requestId: string
}

export const RequestAttachmentEntity = new EntitySchema<RequestAttachmentRow>({
  name: "RequestAttachmentRow",
  tableName: "request_attachment",
  indexes: [{ name: "request_attachment_request_index", properties: ["requestId"] }],
  properties: {
    documentId: { type: "text", primary: true, fieldName: "document_id" },
    requestId: { type: "text", primary: true, fieldName: "request_id" }
  }
})
