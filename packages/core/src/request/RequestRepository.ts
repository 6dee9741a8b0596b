import { Context, type Effect } from "effect"
import type { Instant } from "../shared/Instant.js"
import type { AccountId, DocumentId, HouseholdId, RequestId } from "../shared/Ids.js"
import type { Request, RequestNotFound } from "./Request.js"
import type { RequestKind } from "./RequestPayload.js"
import type { RequestStatus } from "./RequestStatus.js"

/** Which of a family's requests to list; every field narrows. */
export interface FamilyRequestFilter {
  readonly statuses?: ReadonlyArray<RequestStatus>
  readonly kinds?: ReadonlyArray<RequestKind>
}

/** Which requests an agent's inbox shows; every field narrows. */
export interface RequestInboxFilter {
  readonly kinds?: ReadonlyArray<RequestKind>
  readonly statuses?: ReadonlyArray<RequestStatus>
  /** Only requests submitted strictly before this instant (older than a given age). */
  readonly submittedBefore?: Instant
  /** Only requests submitted at or after this instant. */
  readonly submittedFrom?: Instant
  /** Only requests an agent took (`requestAssignee`: the agent of its last status change by an agent), or none took (`"nobody"`). */
  readonly takenBy?: AccountId | "nobody"
}

/** A page of the inbox. */
export interface RequestInboxPage {
  readonly items: ReadonlyArray<Request>
  /** How many requests match the filter in all. */
  readonly total: number
}

/** Where requests are kept. */
export class RequestRepository extends Context.Tag("@spe/core/RequestRepository")<
  RequestRepository,
  {
    readonly get: (id: RequestId) => Effect.Effect<Request, RequestNotFound>
    /** Inserts or replaces by id. */
    readonly save: (request: Request) => Effect.Effect<void>
    /** A household's requests, newest submission first. */
    readonly listByHousehold: (householdId: HouseholdId, filter?: FamilyRequestFilter) => Effect.Effect<ReadonlyArray<Request>>
    /** The requests an account made, newest submission first (an account not linked yet has only these). */
    readonly listByAccount: (accountId: AccountId, filter?: FamilyRequestFilter) => Effect.Effect<ReadonlyArray<Request>>
    /** The requests a document is attached to, newest submission first. */
    readonly listByDocument: (documentId: DocumentId) => Effect.Effect<ReadonlyArray<Request>>
    /** The agents' inbox: matching requests, oldest submission first, `limit` from `offset`. */
    readonly inbox: (
      filter: RequestInboxFilter,
      page: { readonly offset: number; readonly limit: number }
    ) => Effect.Effect<RequestInboxPage>
  }
>() {}
