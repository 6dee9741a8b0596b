import { Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { AccountId, DocumentId, HouseholdId, RequestId } from "../shared/Ids.js"
import { RequestPayload } from "./RequestPayload.js"
import { RequestStatus } from "./RequestStatus.js"

/** Who made a change or wrote a message: the family's account, an agent, or an automatic rule. */
export const RequestAuthor = Schema.Union(
  Schema.TaggedStruct("Family", { accountId: AccountId }),
  Schema.TaggedStruct("Agent", { accountId: AccountId, displayName: Schema.NonEmptyTrimmedString }),
  Schema.TaggedStruct("Automatic", { rule: Schema.NonEmptyTrimmedString })
).annotations({ identifier: "RequestAuthor" })
export type RequestAuthor = typeof RequestAuthor.Type

/** One change of status, dated, with its author and message; the first entry is the submission. */
export class RequestHistoryEntry extends Schema.Class<RequestHistoryEntry>("RequestHistoryEntry")({
  at: Instant,
  author: RequestAuthor,
  from: Schema.optional(RequestStatus),
  to: RequestStatus,
  message: Schema.optional(Schema.String)
}) {}

/** A message exchanged between the family and the service, without a change of status. */
export class RequestMessage extends Schema.Class<RequestMessage>("RequestMessage")({
  at: Instant,
  author: RequestAuthor,
  text: Schema.NonEmptyTrimmedString,
  attachments: Schema.Array(DocumentId)
}) {}

/**
 * A request (démarche) a family made to the town: what it asks, where it stands, the dated
 * history of its changes, the messages exchanged and the documents attached.
 */
export class Request extends Schema.Class<Request>("Request")({
  id: RequestId,
  /** Absent only for an account-creation request not yet accepted. */
  householdId: Schema.optional(HouseholdId),
  /** The family account that made the request. */
  accountId: AccountId,
  payload: RequestPayload,
  status: RequestStatus,
  submittedAt: Instant,
  updatedAt: Instant,
  history: Schema.NonEmptyArray(RequestHistoryEntry),
  messages: Schema.Array(RequestMessage),
  /** Every document the request refers to, its payload's and those attached later, once each. */
  attachments: Schema.Array(DocumentId)
}) {}

/** No request has this id. */
export class RequestNotFound extends Schema.TaggedError<RequestNotFound>()("RequestNotFound", {
  requestId: RequestId
}) {
  override get message(): string {
    return `Aucune demande ne porte le numéro ${this.requestId}. Retrouvez vos demandes dans « Dernières demandes ».`
  }
}
