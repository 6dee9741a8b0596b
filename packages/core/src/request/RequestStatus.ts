import { Schema } from "effect"

/**
 * Where a request stands: submitted, in review, waiting for information from the family, then
 * accepted or refused by an agent, or cancelled by the family before a decision.
 */
export const RequestStatus = Schema.Literal(
  "submitted",
  "inReview",
  "informationRequested",
  "accepted",
  "refused",
  "cancelled"
).annotations({ identifier: "RequestStatus" })
export type RequestStatus = typeof RequestStatus.Type

/** Every status, in the order of the lifecycle. */
export const allRequestStatuses: ReadonlyArray<RequestStatus> = RequestStatus.literals

/** The statuses from which nothing changes any more. */
export const closedRequestStatuses: ReadonlyArray<RequestStatus> = ["accepted", "refused", "cancelled"]

/** Whether a request in this status is closed (decided or cancelled). */
export const isClosedRequestStatus = (status: RequestStatus): boolean => closedRequestStatuses.includes(status)

/** French label of a status, as the family follows it. */
export const requestStatusLabel: { readonly [S in RequestStatus]: string } = {
  submitted: "envoyée",
  inReview: "en cours d'examen",
  informationRequested: "en attente de complément",
  accepted: "acceptée",
  refused: "refusée",
  cancelled: "annulée"
}
