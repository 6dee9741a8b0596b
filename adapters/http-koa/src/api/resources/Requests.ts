import {
  FreeMessagePayload,
  Instant,
  listFamilyRequests,
  postFamilyRequestMessage,
  Request,
  RequestId,
  RequestKind,
  requestKindLabel,
  RequestNotFound,
  RequestStatus,
  requestStatusLabel,
  submitRequest,
  viewRequest
} from "@spe/core"
import { Effect, Schema } from "effect"
import { refuse } from "../../PortalErrors.js"
import { apiBasePath } from "../ApiPaths.js"
import { idParameter, json, operation, shownId } from "../ApiOperation.js"
import { pageOf, pageQuery, pageReply, paginate } from "../Pagination.js"

/** A request in the list ("Dernières demandes"). */
export const RequestSummaryJson = Schema.Struct({
  id: RequestId,
  kind: RequestKind,
  kindLabel: Schema.String.annotations({ description: "The request's type in French (« Message : Cantine »)." }),
  status: RequestStatus,
  statusLabel: Schema.String.annotations({ description: "Where it stands, in French (« en cours d'examen »)." }),
  submittedAt: Instant.Instant,
  updatedAt: Instant.Instant
}).annotations({ identifier: "RequestSummary" })

/** A request with its content, dated history, messages and documents. */
export const RequestDetailJson = Schema.Struct({
  ...Request.fields,
  kindLabel: Schema.String,
  statusLabel: Schema.String
}).annotations({ identifier: "RequestDetail" })

/** A new free message to the Service à la Population. */
export const NewRequestBody = Schema.Struct({
  subject: Schema.propertySignature(FreeMessagePayload.fields.subject).annotations({ missingMessage: () => "Indiquez l'objet de votre message." }),
  text: Schema.propertySignature(FreeMessagePayload.fields.text).annotations({ missingMessage: () => "Écrivez votre message." })
}).annotations({ identifier: "NewRequest" })

/** A message on an open request. */
export const RequestMessageBody = Schema.Struct({
  text: Schema.propertySignature(Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(10_000))).annotations({ missingMessage: () => "Écrivez votre message." })
}).annotations({ identifier: "NewRequestMessage" })

const summaryOf = (request: Request) => ({
  id: request.id,
  kind: request.payload._tag,
  kindLabel: requestKindLabel(request.payload),
  status: request.status,
  statusLabel: requestStatusLabel[request.status],
  submittedAt: request.submittedAt,
  updatedAt: request.updatedAt
})

const detailOf = (request: Request) => ({ ...request, kindLabel: requestKindLabel(request.payload), statusLabel: requestStatusLabel[request.status] })

const requestIdOf = (raw: string | undefined) => idParameter(RequestId, raw, (id) => refuse(new RequestNotFound({ requestId: RequestId.make(shownId(id)) })))

/** Another household's request is answered like an unknown one. */
const asNotFound = <A, E, R>(requestId: RequestId, effect: Effect.Effect<A, E, R>) =>
  Effect.catchIf(effect, (e): e is E => (e as { readonly _tag?: string })._tag === "RequestNotYours", () => Effect.fail(new RequestNotFound({ requestId })))

const requestPath = (id: string) => `${apiBasePath}/requests/${encodeURIComponent(id)}`

const exampleRequest = {
  id: "req-12",
  householdId: "hh-1",
  accountId: "acc-1",
  payload: { _tag: "FreeMessage", subject: "Cantine", text: "Léa mangera sans porc à partir de lundi." },
  status: "submitted",
  submittedAt: "2026-11-26T08:00:00.000Z",
  updatedAt: "2026-11-26T08:00:00.000Z",
  history: [{ at: "2026-11-26T08:00:00.000Z", author: { _tag: "Family", accountId: "acc-1" }, to: "submitted" }],
  messages: [],
  attachments: [],
  kindLabel: "Message : Cantine",
  statusLabel: "envoyée"
}

/** The household's requests ("Dernières demandes"): list, detail, a new free message, a message on a request. */
export const requestOperations = [
  operation({
    method: "get",
    path: "/requests",
    operationId: "listRequests",
    tag: "Demandes",
    summary: "Dernières demandes",
    description: "Les demandes du foyer et du compte, la plus récente d'abord, page par page.",
    access: "family",
    paginated: true,
    query: pageQuery,
    response: {
      status: 200,
      description: "Une page de demandes.",
      schema: pageOf(RequestSummaryJson, "RequestPage"),
      example: { items: [{ id: "req-12", kind: "FreeMessage", kindLabel: "Message : Cantine", status: "submitted", statusLabel: "envoyée", submittedAt: "2026-11-26T08:00:00.000Z", updatedAt: "2026-11-26T08:00:00.000Z" }], next: "/api/v1/requests?limit=1&cursor=cmVxLTEy" }
    },
    problems: [400, 403],
    handle: async ({ ctx, kit, caller }) => {
      const requests = await kit.run(listFamilyRequests(caller.family))
      const page = paginate(ctx, requests, (r) => r.id)
      return pageReply(page, summaryOf)
    }
  }),
  operation({
    method: "get",
    path: "/requests/{requestId}",
    operationId: "getRequest",
    tag: "Demandes",
    summary: "Une demande",
    description: "Le contenu de la demande, l'historique daté de ses changements de statut, les messages échangés et les justificatifs joints. La demande d'un autre foyer est introuvable (404), comme une demande inconnue.",
    access: "family",
    pathParameters: { requestId: "L'identifiant de la demande (`id`)." },
    response: { status: 200, description: "La demande.", schema: RequestDetailJson, example: exampleRequest },
    problems: [403, 404],
    handle: async ({ kit, caller, params }) => {
      const requestId = requestIdOf(params["requestId"])
      return json(detailOf(await kit.run(asNotFound(requestId, viewRequest(caller.family, requestId)))))
    }
  }),
  operation({
    method: "post",
    path: "/requests",
    operationId: "createRequest",
    tag: "Demandes",
    summary: "Écrire au Service à la Population",
    description: "Envoie un message libre au Service à la Population : une nouvelle demande, suivie ensuite dans « Dernières demandes ».",
    access: "family",
    body: {
      schema: NewRequestBody,
      subject: "Votre message",
      description: "L'objet (200 caractères au plus) et le texte (10 000 au plus).",
      example: { subject: "Cantine", text: "Léa mangera sans porc à partir de lundi." }
    },
    response: { status: 201, description: "La demande créée (son adresse dans l'en-tête `Location`).", schema: RequestDetailJson, example: exampleRequest },
    problems: [400, 403, 413, 415, 422],
    handle: async ({ kit, caller, body }) => {
      const request = await kit.run(submitRequest(caller.family, { payload: FreeMessagePayload.make({ subject: body.subject, text: body.text }) }))
      return json(detailOf(request), { status: 201, location: requestPath(request.id) })
    }
  }),
  operation({
    method: "post",
    path: "/requests/{requestId}/messages",
    operationId: "postRequestMessage",
    tag: "Demandes",
    summary: "Écrire sur une demande",
    description: "Ajoute un message à une demande du foyer tant qu'elle n'est pas close (409 sinon).",
    access: "family",
    pathParameters: { requestId: "L'identifiant de la demande (`id`)." },
    body: { schema: RequestMessageBody, subject: "Votre message", description: "Le texte du message (10 000 caractères au plus).", example: { text: "Voici l'attestation demandée." } },
    response: { status: 201, description: "La demande avec le nouveau message.", schema: RequestDetailJson, example: exampleRequest },
    problems: [400, 403, 404, 409, 413, 415, 422],
    handle: async ({ kit, caller, params, body }) => {
      const requestId = requestIdOf(params["requestId"])
      const request = await kit.run(asNotFound(requestId, postFamilyRequestMessage(caller.family, { requestId, text: body.text })))
      return json(detailOf(request), { status: 201, location: requestPath(request.id) })
    }
  })
]
