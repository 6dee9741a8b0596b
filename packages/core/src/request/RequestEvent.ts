import { Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { AccountId, HouseholdId, RequestId } from "../shared/Ids.js"
import { RequestAuthor } from "./Request.js"
import { RequestKind } from "./RequestPayload.js"
import { RequestStatus } from "./RequestStatus.js"

/** A request changed status (including its submission, with no `from`). */
export class RequestStatusChanged extends Schema.TaggedClass<RequestStatusChanged>()("RequestStatusChanged", {
  requestId: RequestId,
  kind: RequestKind,
  householdId: Schema.optional(HouseholdId),
  accountId: AccountId,
  from: Schema.optional(RequestStatus),
  to: RequestStatus,
  at: Instant,
  author: RequestAuthor,
  message: Schema.optional(Schema.String)
}) {}

/** A message was posted on a request. */
export class RequestMessagePosted extends Schema.TaggedClass<RequestMessagePosted>()("RequestMessagePosted", {
  requestId: RequestId,
  kind: RequestKind,
  householdId: Schema.optional(HouseholdId),
  accountId: AccountId,
  at: Instant,
  author: RequestAuthor
}) {}

/** What happened to a request, for live updates of the family's and agents' screens. */
export const RequestEvent = Schema.Union(RequestStatusChanged, RequestMessagePosted).annotations({ identifier: "RequestEvent" })
export type RequestEvent = typeof RequestEvent.Type
