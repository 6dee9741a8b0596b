import { Effect } from "effect"
import type { AgentActor, FamilyActor } from "../account/Actor.js"
import { auditedAgentCommand, type AuditedOutcome } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { requirePermission } from "../account/Permission.js"
import { canReadDocument, DocumentAccessDenied } from "../document/DocumentAccess.js"
import { SupportingDocumentRepository } from "../document/SupportingDocumentRepository.js"
import { publishIntegrationEvents, requestStatusDrafts } from "../integration/IntegrationPublishing.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import type { Instant } from "../shared/Instant.js"
import { RequestId, type AccountId, type DocumentId, type HouseholdId } from "../shared/Ids.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput } from "../shared/Validation.js"
import { Request } from "./Request.js"
import { RequestAcceptanceEffects, type AcceptedRequest } from "./RequestAcceptanceEffects.js"
import { decideRequest, openRequest, RequestNotYours, canReadRequest, type RequestChange, type RequestCommand } from "./RequestLifecycle.js"
import { RequestNotifications } from "./RequestNotifications.js"
import { documentsOfPayload, type RequestPayload } from "./RequestPayload.js"
import { RequestRepository, type FamilyRequestFilter, type RequestInboxFilter } from "./RequestRepository.js"

const requestTarget = (input: { readonly requestId: RequestId }) => ({ kind: "request", id: input.requestId })

/** Fails unless every document exists and the family may read it (it belongs to its household). */
const requireFamilyDocuments = (family: FamilyActor, documentIds: ReadonlyArray<DocumentId>) =>
  Effect.gen(function* () {
    const documents = yield* SupportingDocumentRepository
    for (const documentId of new Set(documentIds)) {
      const document = yield* documents.get(documentId)
      if (!canReadDocument(family, document)) {
        return yield* Effect.fail(new DocumentAccessDenied({ documentId, accountId: family.accountId }))
      }
    }
  })

const saveAndPublish = (change: RequestChange) =>
  Effect.gen(function* () {
    yield* (yield* Transactions).withTransaction(
      Effect.zipRight((yield* RequestRepository).save(change.request), publishIntegrationEvents(requestStatusDrafts(change.events)))
    )
    yield* (yield* RequestNotifications).publish(change.events)
    return change.request
  })

const applyCommand = (requestId: RequestId, command: RequestCommand) =>
  Effect.gen(function* () {
    const before = yield* (yield* RequestRepository).get(requestId)
    const now = yield* (yield* Clock).now
    const change = yield* decideRequest(before, command, now)
    const after = yield* saveAndPublish(change)
    return { result: after, before: toAuditJson(Request, before), after: toAuditJson(Request, after) } satisfies AuditedOutcome<Request>
  })

/** What a family sends with a new request. */
export interface SubmitRequestInput {
  readonly payload: RequestPayload
  readonly attachments?: ReadonlyArray<DocumentId>
  readonly message?: string
}

/**
 * A family submits a request: its documents must be its own, its account linked to a household
 * (account creation goes through `signUp` only). Saves it and publishes its submission.
 */
export const submitRequest = (family: FamilyActor, input: SubmitRequestInput) =>
  Effect.gen(function* () {
    if (input.payload._tag === "AccountCreation") {
      return yield* Effect.fail(
        new InvalidInput({
          subject: "Demande",
          problems: [{ path: "payload", message: "La création d'un espace se fait par « Créer mon espace », sans être connecté." }]
        })
      )
    }
    yield* requireFamilyDocuments(family, [...documentsOfPayload(input.payload), ...(input.attachments ?? [])])
    const id = RequestId.make(yield* (yield* IdGenerator).next("req"))
    const now = yield* (yield* Clock).now
    const change = yield* openRequest({ id, family, ...input }, now)
    return yield* saveAndPublish(change)
  })

/** A family cancels its request while it is not decided. */
export const cancelRequest = (family: FamilyActor, input: { readonly requestId: RequestId; readonly reason?: string }) =>
  applyCommand(input.requestId, { _tag: "Cancel", family, ...(input.reason === undefined ? {} : { reason: input.reason }) }).pipe(
    Effect.map((outcome) => outcome.result)
  )

/** A family answers the service's request for information, maybe with documents: back to review. */
export const answerRequestInformation = (
  family: FamilyActor,
  input: { readonly requestId: RequestId; readonly message: string; readonly attachments?: ReadonlyArray<DocumentId> }
) =>
  Effect.gen(function* () {
    const attachments = input.attachments ?? []
    yield* requireFamilyDocuments(family, attachments)
    const outcome = yield* applyCommand(input.requestId, { _tag: "AnswerInformation", family, message: input.message, attachments })
    return outcome.result
  })

/** A family writes a message on its open request, maybe with documents. */
export const postFamilyRequestMessage = (
  family: FamilyActor,
  input: { readonly requestId: RequestId; readonly text: string; readonly attachments?: ReadonlyArray<DocumentId> }
) =>
  Effect.gen(function* () {
    const attachments = input.attachments ?? []
    yield* requireFamilyDocuments(family, attachments)
    const outcome = yield* applyCommand(input.requestId, { _tag: "PostMessage", author: family, text: input.text, attachments })
    return outcome.result
  })

/** One request as its family or an agent sees it. */
export const viewRequest = (viewer: FamilyActor | AgentActor, requestId: RequestId) =>
  Effect.gen(function* () {
    if (viewer._tag === "AgentActor") yield* requirePermission(viewer, "requests.read")
    const request = yield* (yield* RequestRepository).get(requestId)
    if (!canReadRequest(viewer, request)) return yield* Effect.fail(new RequestNotYours({ requestId, accountId: viewer.accountId }))
    return request
  })

/** A family's requests ("Dernières demandes"): its household's and its account's, newest first. */
export const listFamilyRequests = (family: FamilyActor, filter: FamilyRequestFilter = {}) =>
  Effect.gen(function* () {
    const requests = yield* RequestRepository
    const own = yield* requests.listByAccount(family.accountId, filter)
    const household = family.householdId === undefined ? [] : yield* requests.listByHousehold(family.householdId, filter)
    const byId = new Map<string, Request>()
    for (const request of [...household, ...own]) byId.set(request.id, request)
    return [...byId.values()].sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0))
  })

/** The agents' inbox, by type, status and age, oldest first; needs `requests.read`. */
export const listRequestInbox = (agent: AgentActor, filter: RequestInboxFilter, page: { readonly offset: number; readonly limit: number }) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "requests.read")
    return yield* (yield* RequestRepository).inbox(filter, page)
  })

/**
 * Applies what accepting a request does in the other modules, through `RequestAcceptanceEffects`.
 * The request must carry its household (every accepted request does).
 */
export const applyAcceptanceEffects = (request: Request, decidedBy: AccountId | undefined, decidedAt: Instant) =>
  Effect.gen(function* () {
    const effects = yield* RequestAcceptanceEffects
    const householdId: HouseholdId | undefined = request.householdId
    if (householdId === undefined) return yield* Effect.dieMessage(`Accepted request ${request.id} has no household`)
    const accepted: AcceptedRequest = { requestId: request.id, householdId, ...(decidedBy === undefined ? {} : { decidedBy }), decidedAt }
    const payload = request.payload
    switch (payload._tag) {
      case "AccountCreation":
        return yield* effects.linkAccountToHousehold(accepted, payload)
      case "QuotientUpdate":
        return yield* effects.applyQuotientUpdate(accepted, payload)
      case "Enrollment":
        return yield* effects.openEnrollment(accepted, payload)
      case "ContactChange":
        return yield* effects.applyContactChange(accepted, payload)
      case "AbsenceJustification":
        return yield* effects.justifyAbsence(accepted, payload)
      case "Custom":
        return yield* effects.applyCustomRequest(accepted, payload)
      case "FreeMessage":
        return
    }
  })

/** An agent takes a submitted request into review. */
export const startRequestReview = auditedAgentCommand({
  action: "requests.startReview",
  permission: "requests.decide",
  target: requestTarget,
  run: (agent, input: { readonly requestId: RequestId }) => applyCommand(input.requestId, { _tag: "StartReview", agent })
})

/** An agent asks the family for information (a message is required). */
export const askForRequestInformation = auditedAgentCommand({
  action: "requests.askForInformation",
  permission: "requests.decide",
  target: requestTarget,
  run: (agent, input: { readonly requestId: RequestId; readonly message: string }) =>
    applyCommand(input.requestId, { _tag: "AskForInformation", agent, message: input.message })
})

/** An agent refuses a request (a reason is required). */
export const refuseRequest = auditedAgentCommand({
  action: "requests.refuse",
  permission: "requests.decide",
  target: requestTarget,
  run: (agent, input: { readonly requestId: RequestId; readonly reason: string }) =>
    applyCommand(input.requestId, { _tag: "Refuse", agent, reason: input.reason })
})

/** An agent writes to the family on an open request. */
export const postAgentRequestMessage = auditedAgentCommand({
  action: "requests.postMessage",
  permission: "requests.decide",
  target: requestTarget,
  run: (agent, input: { readonly requestId: RequestId; readonly text: string; readonly attachments?: ReadonlyArray<DocumentId> }) =>
    applyCommand(input.requestId, { _tag: "PostMessage", author: agent, text: input.text, attachments: input.attachments ?? [] })
})

/** What an agent gives to accept a request. */
export interface AcceptRequestInput {
  readonly requestId: RequestId
  readonly message?: string
  /** For an account-creation request: the household to link the account to. */
  readonly linkToHousehold?: HouseholdId
}

/**
 * An agent accepts a request: the decision and its effects in the other modules (the QF applies
 * from its date, the enrollment opens booking, the account is linked…) happen in the same use
 * case; when an effect is refused, nothing is saved.
 */
export const acceptRequest = auditedAgentCommand({
  action: "requests.accept",
  permission: "requests.decide",
  target: requestTarget,
  run: (agent, input: AcceptRequestInput) =>
    Effect.gen(function* () {
      const before = yield* (yield* RequestRepository).get(input.requestId)
      const now = yield* (yield* Clock).now
      const change = yield* decideRequest(
        before,
        {
          _tag: "Accept",
          agent,
          ...(input.message === undefined ? {} : { message: input.message }),
          ...(input.linkToHousehold === undefined ? {} : { linkToHousehold: input.linkToHousehold })
        },
        now
      )
      yield* applyAcceptanceEffects(change.request, agent.accountId, now)
      const after = yield* saveAndPublish(change)
      return { result: after, before: toAuditJson(Request, before), after: toAuditJson(Request, after) } satisfies AuditedOutcome<Request>
    })
})
