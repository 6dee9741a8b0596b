import { EntitySchema } from "@mikro-orm/postgresql"

/** A mail of the outbox, one column per field of the core's `OutgoingMail`. */
export interface OutgoingMailRow {
  id: string
  messageId: string
  recipient: string
  subject: string
  textBody: string
  htmlBody: string
  kind: string
  createdAt: string
  status: string
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  sentAt: string | null
}

export const OutgoingMailEntity = new EntitySchema<OutgoingMailRow>({
  name: "OutgoingMailRow",
  tableName: "outgoing_mail",
  indexes: [
    {
      name: "outgoing_mail_due_index",
      expression: "create index outgoing_mail_due_index on outgoing_mail (next_attempt_at, created_at, id) where status = 'pending'"
    },
    { name: "outgoing_mail_created_index", properties: ["createdAt", "id"] },
    { name: "outgoing_mail_recipient_index", properties: ["recipient", "createdAt"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    messageId: { type: "text", fieldName: "message_id" },
    recipient: { type: "text" },
    subject: { type: "text" },
    textBody: { type: "text", fieldName: "text_body" },
    htmlBody: { type: "text", fieldName: "html_body" },
    kind: { type: "text" },
    createdAt: { type: "text", fieldName: "created_at" },
    status: { type: "text" },
    attempts: { type: "integer" },
    nextAttemptAt: { type: "text", fieldName: "next_attempt_at" },
    lastError: { type: "text", fieldName: "last_error", nullable: true },
    sentAt: { type: "text", fieldName: "sent_at", nullable: true }
  }
})
