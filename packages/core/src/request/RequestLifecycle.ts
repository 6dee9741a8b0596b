import { Either, Schema } from "effect"
import type { AgentActor, FamilyActor } from "../account/Actor.js"
import { AccountNotLinked } from "../account/Account.js"
import { requirePermission, roleHasPermission, type PermissionDenied } from "../account/Permission.js"
import type { Instant } from "../shared/Instant.js"
import { AccountId, RequestId, type DocumentId, type HouseholdId } from "../shared/Ids.js"
import { InvalidInput } from "../shared/Validation.js"
import { Request, RequestHistoryEntry, RequestMessage, type RequestAuthor } from "./Request.js"
import { RequestMessagePosted, RequestStatusChanged, type RequestEvent } from "./RequestEvent.js"
import { documentsOfPayload, requestKindLabel, type RequestPayload } from "./RequestPayload.js"
import { isClosedRequestStatus, requestStatusLabel, RequestStatus } from "./RequestStatus.js"

/** What someone does to a request. Agents' commands need the `requests.decide` permission. */
export type RequestCommand =
  | { readonly _tag: "StartReview"; readonly agent: AgentActor }
  | { readonly _tag: "AskForInformation"; readonly agent: AgentActor; readonly message: string }
  | {
      readonly _tag: "AnswerInformation"
      readonly family: FamilyActor
      readonly message: string
      readonly attachments: ReadonlyArray<DocumentId>
    }
  | {
      readonly _tag: "Accept"
      readonly agent: AgentActor
      readonly message?: string
      /** For an account-creation request: the household the agent links the account to. */
      readonly linkToHousehold?: HouseholdId
    }
  | { readonly _tag: "AcceptByRule"; readonly rule: string; readonly linkToHousehold?: HouseholdId }
  | { readonly _tag: "Refuse"; readonly agent: AgentActor; readonly reason: string }
  | { readonly _tag: "Cancel"; readonly family: FamilyActor; readonly reason?: string }
  | {
      readonly _tag: "PostMessage"
      readonly author: FamilyActor | AgentActor
      readonly text: string
      readonly attachments: ReadonlyArray<DocumentId>
    }

/** The name of a command. */
export const RequestAction = Schema.Literal(
  "StartReview",
  "AskForInformation",
  "AnswerInformation",
  "Accept",
  "AcceptByRule",
  "Refuse",
  "Cancel",
  "PostMessage"
).annotations({ identifier: "RequestAction" })
export type RequestAction = typeof RequestAction.Type

/** A status change: from which statuses, to which, by whom. */
export interface RequestTransition {
  readonly from: ReadonlyArray<RequestStatus>
  readonly to: RequestStatus
  readonly by: "agent" | "family" | "rule"
}

/**
 * The status machine: submitted → in review → information requested ↔ in review → accepted /
 * refused; cancelled by the family while not decided. Closed statuses have no way out.
 */
export const requestTransitions: { readonly [A in Exclude<RequestAction, "PostMessage">]: RequestTransition } = {
  StartReview: { from: ["submitted"], to: "inReview", by: "agent" },
  AskForInformation: { from: ["submitted", "inReview"], to: "informationRequested", by: "agent" },
  AnswerInformation: { from: ["informationRequested"], to: "inReview", by: "family" },
  Accept: { from: ["submitted", "inReview"], to: "accepted", by: "agent" },
  AcceptByRule: { from: ["submitted"], to: "accepted", by: "rule" },
  Refuse: { from: ["submitted", "inReview", "informationRequested"], to: "refused", by: "agent" },
  Cancel: { from: ["submitted", "inReview", "informationRequested"], to: "cancelled", by: "family" }
}

/** A request and the events its change produced, to save and publish. */
export interface RequestChange {
  readonly request: Request
  readonly events: ReadonlyArray<RequestEvent>
}

/** "de la refuser", "d'y écrire": the preposition elided before a vowel. */
const ofAction = (action: RequestAction): string => {
  const phrase = actionPhrase[action]
  return /^[aeiouyéèê]/i.test(phrase) ? `d'${phrase}` : `de ${phrase}`
}

const actionPhrase: { readonly [A in RequestAction]: string } = {
  StartReview: "la prendre en examen",
  AskForInformation: "demander un complément à la famille",
  AnswerInformation: "répondre à une demande de complément",
  Accept: "l'accepter",
  AcceptByRule: "l'accepter",
  Refuse: "la refuser",
  Cancel: "l'annuler",
  PostMessage: "y écrire un message"
}

/** The request's status does not allow this change. */
export class RequestChangeNotAllowed extends Schema.TaggedError<RequestChangeNotAllowed>()("RequestChangeNotAllowed", {
  requestId: RequestId,
  requestLabel: Schema.String,
  status: RequestStatus,
  action: RequestAction
}) {
  override get message(): string {
    const where = `La demande « ${this.requestLabel} » est ${requestStatusLabel[this.status]}`
    if (isClosedRequestStatus(this.status)) {
      return `${where} : elle est close, il n'est plus possible ${ofAction(this.action)}. Pour une nouvelle question, envoyez un message au Service à la Population depuis « Dernières demandes ».`
    }
    if (this.action === "AnswerInformation") {
      return `${where} : aucun complément ne vous est demandé pour l'instant. Pour ajouter une précision ou un justificatif, écrivez un message sur la demande.`
    }
    return `${where} : il n'est pas possible ${ofAction(this.action)} dans cet état.`
  }
}

/** A family acted on a request of another household. */
export class RequestNotYours extends Schema.TaggedError<RequestNotYours>()("RequestNotYours", {
  requestId: RequestId,
  accountId: AccountId
}) {
  override get message(): string {
    return "Cette demande a été faite par un autre foyer : vous ne pouvez ni la consulter ni la modifier. Retrouvez les vôtres dans « Dernières demandes »."
  }
}

/** An account-creation request cannot be accepted before the agent chooses the household to link. */
export class HouseholdToLinkMissing extends Schema.TaggedError<HouseholdToLinkMissing>()("HouseholdToLinkMissing", {
  requestId: RequestId
}) {
  override get message(): string {
    return "Pour accepter cette demande de création d'espace, choisissez d'abord le foyer auquel relier le compte (recherchez-le par le nom ou la référence déclarés)."
  }
}

/** Every way a command on a request can be refused. */
export type RequestChangeRefused =
  | RequestChangeNotAllowed
  | RequestNotYours
  | HouseholdToLinkMissing
  | PermissionDenied
  | InvalidInput

/** Whether a family's account made the request or belongs to its household. */
export const isRequestOwner = (family: FamilyActor, request: Request): boolean =>
  family.accountId === request.accountId ||
  (request.householdId !== undefined && family.householdId === request.householdId)

/** Whether someone may see a request: its family, or an agent allowed to read requests. */
export const canReadRequest = (viewer: FamilyActor | AgentActor, request: Request): boolean =>
  viewer._tag === "AgentActor" ? roleHasPermission(viewer.role, "requests.read") : isRequestOwner(viewer, request)

/** The author a history entry or a message records for an actor. */
export const requestAuthorOf = (actor: FamilyActor | AgentActor): RequestAuthor =>
  actor._tag === "AgentActor"
    ? { _tag: "Agent", accountId: actor.accountId, displayName: actor.displayName }
    : { _tag: "Family", accountId: actor.accountId }

const maxTextLength = 10_000

const requireText = (field: string, text: string | undefined, subject: string): Either.Either<string, InvalidInput> => {
  const trimmed = (text ?? "").trim()
  if (trimmed.length === 0) {
    return Either.left(new InvalidInput({ subject, problems: [{ path: field, message: "Écrivez un message : il ne peut pas être vide." }] }))
  }
  if (trimmed.length > maxTextLength) {
    return Either.left(
      new InvalidInput({ subject, problems: [{ path: field, message: `Le message dépasse ${maxTextLength} caractères : raccourcissez-le.` }] })
    )
  }
  return Either.right(trimmed)
}

const optionalText = (text: string | undefined): { readonly message?: string } => {
  const trimmed = (text ?? "").trim()
  return trimmed.length === 0 ? {} : { message: trimmed }
}

const union = (a: ReadonlyArray<DocumentId>, b: ReadonlyArray<DocumentId>): ReadonlyArray<DocumentId> => [
  ...new Set([...a, ...b])
]

const statusEvent = (request: Request, entry: RequestHistoryEntry): RequestStatusChanged =>
  new RequestStatusChanged({
    requestId: request.id,
    kind: request.payload._tag,
    ...(request.householdId === undefined ? {} : { householdId: request.householdId }),
    accountId: request.accountId,
    ...(entry.from === undefined ? {} : { from: entry.from }),
    to: entry.to,
    at: entry.at,
    author: entry.author,
    ...(entry.message === undefined ? {} : { message: entry.message })
  })

/** Who acts in a command: a family, an agent, or nobody for an automatic rule. */
function actorOfCommand(command: RequestCommand): FamilyActor | AgentActor | undefined {
  switch (command._tag) {
    case "AcceptByRule":
      return undefined
    case "AnswerInformation":
    case "Cancel":
      return command.family
    case "PostMessage":
      return command.author
    default:
      return command.agent
  }
}

/** What a family submits. */
export interface OpenRequestInput {
  readonly id: RequestId
  readonly family: FamilyActor
  readonly payload: RequestPayload
  readonly attachments?: ReadonlyArray<DocumentId>
  readonly message?: string
}

/**
 * A new request, submitted `now` by a family: the first history entry is the submission. Every
 * type but account creation needs the account to be linked to a household; a change of contact
 * details must change something.
 */
export function openRequest(input: OpenRequestInput, now: Instant): Either.Either<RequestChange, AccountNotLinked | InvalidInput> {
  const { family, payload } = input
  if (payload._tag !== "AccountCreation" && family.householdId === undefined) {
    return Either.left(new AccountNotLinked({ accountId: family.accountId }))
  }
  if (payload._tag === "ContactChange" && payload.address === undefined && (payload.phones ?? []).length === 0 && payload.email === undefined) {
    return Either.left(
      new InvalidInput({
        subject: "Changement de coordonnées",
        problems: [{ path: "", message: "Indiquez au moins une nouvelle coordonnée : adresse, téléphone ou adresse e-mail." }]
      })
    )
  }
  const entry = new RequestHistoryEntry({ at: now, author: requestAuthorOf(family), to: "submitted", ...optionalText(input.message) })
  const request = new Request({
    id: input.id,
    ...(family.householdId === undefined ? {} : { householdId: family.householdId }),
    accountId: family.accountId,
    payload,
    status: "submitted",
    submittedAt: now,
    updatedAt: now,
    history: [entry],
    messages: [],
    attachments: union(documentsOfPayload(payload), input.attachments ?? [])
  })
  return Either.right({ request, events: [statusEvent(request, entry)] })
}

/**
 * Applies a command to a request `now`: checks who acts (the family that owns it, an agent with
 * `requests.decide`), that the status allows it (`requestTransitions`), and records one history
 * entry per status change, or one message for `PostMessage`. A closed request never changes.
 */
export function decideRequest(
  request: Request,
  command: RequestCommand,
  now: Instant
): Either.Either<RequestChange, RequestChangeRefused> {
  return Either.gen(function* () {
    const notAllowed = () =>
      new RequestChangeNotAllowed({
        requestId: request.id,
        requestLabel: requestKindLabel(request.payload),
        status: request.status,
        action: command._tag
      })
    const actor = actorOfCommand(command)
    if (actor !== undefined) {
      if (actor._tag === "AgentActor") yield* requirePermission(actor, "requests.decide")
      else if (!isRequestOwner(actor, request)) return yield* Either.left(new RequestNotYours({ requestId: request.id, accountId: actor.accountId }))
    }
    if (command._tag === "PostMessage") {
      if (isClosedRequestStatus(request.status)) return yield* Either.left(notAllowed())
      const text = yield* requireText("text", command.text, "Message")
      const message = new RequestMessage({ at: now, author: requestAuthorOf(command.author), text, attachments: [...command.attachments] })
      const updated = new Request({
        ...request,
        updatedAt: now,
        messages: [...request.messages, message],
        attachments: union(request.attachments, command.attachments)
      })
      const event = new RequestMessagePosted({
        requestId: updated.id,
        kind: updated.payload._tag,
        ...(updated.householdId === undefined ? {} : { householdId: updated.householdId }),
        accountId: updated.accountId,
        at: now,
        author: message.author
      })
      return { request: updated, events: [event] }
    }
    const transition = requestTransitions[command._tag]
    if (!transition.from.includes(request.status)) return yield* Either.left(notAllowed())
    let householdId = request.householdId
    let message: { readonly message?: string } = {}
    let attachments = request.attachments
    switch (command._tag) {
      case "AskForInformation":
        message = { message: yield* requireText("message", command.message, "Demande de complément") }
        break
      case "AnswerInformation":
        message = { message: yield* requireText("message", command.message, "Réponse") }
        attachments = union(attachments, command.attachments)
        break
      case "Refuse":
        message = { message: yield* requireText("reason", command.reason, "Refus de la demande") }
        break
      case "Accept":
      case "AcceptByRule":
        if (request.payload._tag === "AccountCreation") householdId = command.linkToHousehold ?? householdId
        if (householdId === undefined) return yield* Either.left(new HouseholdToLinkMissing({ requestId: request.id }))
        message = command._tag === "Accept" ? optionalText(command.message) : { message: command.rule }
        break
      case "Cancel":
        message = optionalText(command.reason)
        break
      case "StartReview":
        break
    }
    const author: RequestAuthor =
      actor === undefined ? { _tag: "Automatic", rule: command._tag === "AcceptByRule" ? command.rule : command._tag } : requestAuthorOf(actor)
    const entry = new RequestHistoryEntry({ at: now, author, from: request.status, to: transition.to, ...message })
    const updated = new Request({
      ...request,
      ...(householdId === undefined ? {} : { householdId }),
      status: transition.to,
      updatedAt: now,
      history: [...request.history, entry],
      attachments
    })
    return { request: updated, events: [statusEvent(updated, entry)] }
  })
}
