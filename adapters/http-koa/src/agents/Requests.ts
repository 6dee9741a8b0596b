import {
  acceptRequest,
  type AgentActor,
  AccountId,
  allRequestStatuses,
  askForRequestInformation,
  documentKindLabel,
  HouseholdRepository,
  isClosedRequestStatus,
  postAgentRequestMessage,
  type Request,
  type RequestAuthor,
  RequestId,
  type RequestInboxCriteria,
  requestFile,
  requestInbox,
  type RequestInboxRow,
  RequestKind,
  requestKindLabel,
  requestKindNames,
  RequestNotFound,
  RequestStatus,
  requestStatusLabel,
  refuseRequest,
  startRequestReview,
  waitingRequestStatuses
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FormView, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentDocumentPath, agentHouseholdPath, agentPaths, agentRequestPath, agentWorkPaths } from "../PortalPaths.js"
import { agentCan, requireAgentPermission } from "./AgentContext.js"

/** Requests shown per page of the inbox. */
const pageSize = 50

const inboxTitle = "Demandes des familles"

const notices: Readonly<Record<string, string>> = {
  "prise-en-charge": "Vous avez pris la demande en charge : la famille la voit « en cours d'examen ».",
  "complement-demande": "La demande de complément est envoyée : la famille la voit dans « Dernières demandes » et la demande attend sa réponse.",
  "message-envoye": "Votre message est envoyé : la famille le voit dans l'historique de sa demande.",
  "demande-acceptee": "La demande est acceptée et son effet est appliqué ; la famille en est informée.",
  "demande-refusee": "La demande est refusée ; la famille en est informée et lit votre motif dans « Dernières demandes »."
}

const firstQueryValue = (ctx: PortalContext, name: string): string => {
  const value = ctx.query[name]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === "string" ? text.slice(0, 100) : ""
}

/** The inbox's filters as typed in the address (bookmarkable). */
interface InboxValues {
  readonly type: string
  readonly statut: string
  readonly anciennete: string
  readonly prisePar: string
}

const isKind = Schema.is(RequestKind)
const isStatus = Schema.is(RequestStatus)

const criteriaOf = (agent: AgentActor, values: InboxValues): RequestInboxCriteria => ({
  ...(isKind(values.type) ? { kinds: [values.type] } : {}),
  ...(values.statut === "toutes" ? {} : isStatus(values.statut) ? { statuses: [values.statut] } : { statuses: waitingRequestStatuses }),
  ...(values.anciennete.trim() === "" ? {} : { olderThanDays: Number(values.anciennete.trim()) }),
  ...(values.prisePar === "moi"
    ? { takenBy: agent.accountId }
    : values.prisePar === "personne"
      ? { takenBy: "nobody" as const }
      : Option.match(Schema.decodeUnknownOption(AccountId)(values.prisePar), { onNone: () => ({}), onSome: (accountId) => ({ takenBy: accountId }) }))
})

const inboxHref = (values: InboxValues, page: number): string => {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) if (value !== "") query.set(name, value)
  if (page > 1) query.set("page", String(page))
  const text = query.toString()
  return text === "" ? agentPaths.requests : `${agentPaths.requests}?${text}`
}

const option = (value: string, label: string, current: string) => ({ value, label, selected: value === current })

const filtersModel = (agent: AgentActor, values: InboxValues) => ({
  values,
  kinds: [option("", "Tous les types", values.type), ...RequestKind.literals.map((kind) => option(kind, requestKindNames[kind], values.type))],
  statuses: [
    option("", "En attente de traitement", values.statut),
    option("toutes", "Toutes, closes comprises", values.statut),
    ...allRequestStatuses.map((status) => option(status, requestStatusLabel[status], values.statut))
  ],
  assignees: [
    option("", "Tous les agents", values.prisePar),
    option("moi", `Moi (${agent.displayName})`, values.prisePar),
    option("personne", "Personne (pas encore prises en charge)", values.prisePar),
    ...(["", "moi", "personne"].includes(values.prisePar) ? [] : [option(values.prisePar, "L'agent choisi dans la liste", values.prisePar)])
  ]
})

const rowView = (row: RequestInboxRow) => ({
  id: row.request.id,
  href: agentRequestPath(row.request.id),
  family: row.household === undefined ? undefined : { name: row.household.familyName, reference: row.household.reference, href: agentHouseholdPath(row.household.id) },
  declaredName: row.request.payload._tag === "AccountCreation" ? row.request.payload.declaredName : undefined,
  kind: requestKindLabel(row.request.payload),
  subject: row.subject,
  submittedAt: row.request.submittedAt,
  ageDays: row.ageDays,
  ageLabel: row.ageDays === 0 ? "aujourd'hui" : row.ageDays === 1 ? "1 jour" : `${row.ageDays} jours`,
  status: requestStatusLabel[row.request.status],
  assignee: row.assignee === undefined ? undefined : { name: row.assignee.displayName, href: `${agentPaths.requests}?prisePar=${encodeURIComponent(row.assignee.accountId)}&statut=toutes` }
})

const authorName = (author: RequestAuthor): string =>
  author._tag === "Agent" ? author.displayName : author._tag === "Family" ? "La famille" : `Règle automatique (${author.rule})`

const requestIdOf = (ctx: PortalContext): RequestId => {
  const raw = ctx.params["requestId"] ?? ""
  return Option.getOrElse(Schema.decodeUnknownOption(RequestId)(raw), () => refuse(new RequestNotFound({ requestId: RequestId.make("inconnue") })))
}

const noticeOf = (ctx: PortalContext): void => {
  const key = firstQueryValue(ctx, "message")
  const notice = notices[key]
  if (notice !== undefined) ctx.state.notice = notice
}

/** The values typed in the request page's forms (shown again after a refusal). */
interface DecisionValues {
  readonly complement: string
  readonly message: string
  readonly messageAcceptation: string
  readonly referenceFoyer: string
  readonly motif: string
}

const noValues: DecisionValues = { complement: "", message: "", messageAcceptation: "", referenceFoyer: "", motif: "" }

const requestPageModel = async (kit: PortalKit, agent: AgentActor, requestId: RequestId, values: DecisionValues) => {
  const file = await kit.run(requestFile(agent, requestId))
  const request: Request = file.request
  const status = request.status
  const canDecide = agentCan(agent, "requests.decide") && !isClosedRequestStatus(status)
  const documentName = new Map(file.documents.map((d) => [d.id as string, d.file.name]))
  const base = agentRequestPath(request.id)
  return {
    title: `Demande ${request.id}`,
    request: {
      id: request.id,
      kind: requestKindLabel(request.payload),
      subject: file.subject,
      status: requestStatusLabel[status],
      statusKey: status,
      closed: isClosedRequestStatus(status),
      submittedAt: request.submittedAt,
      ageDays: file.ageDays,
      assignee: file.assignee?.displayName
    },
    family:
      file.household === undefined
        ? undefined
        : { name: file.household.familyName, reference: file.household.reference, href: agentHouseholdPath(file.household.id), email: file.household.contact.email },
    details: file.details,
    documents: file.documents.map((d) => ({
      name: d.file.name,
      kind: documentKindLabel(d.kind),
      href: agentDocumentPath(d.id, "fichier"),
      pageHref: agentDocumentPath(d.id),
      review: d.review._tag === "Accepted" ? "accepté" : d.review._tag === "Rejected" ? "refusé" : "à examiner"
    })),
    missingDocuments: file.missingDocuments,
    history: request.history.map((h) => ({
      at: h.at,
      author: authorName(h.author),
      from: h.from === undefined ? undefined : requestStatusLabel[h.from],
      to: requestStatusLabel[h.to],
      message: h.message
    })),
    messages: request.messages.map((m) => ({
      at: m.at,
      author: authorName(m.author),
      text: m.text,
      attachments: m.attachments.map((id) => documentName.get(id) ?? id)
    })),
    actions: canDecide
      ? {
          take: status === "submitted" ? `${base}/prise-en-charge` : undefined,
          ask: status === "submitted" || status === "inReview" ? `${base}/complement` : undefined,
          message: `${base}/message`,
          accept: status === "submitted" || status === "inReview" ? `${base}/acceptation` : undefined,
          needsHousehold: request.payload._tag === "AccountCreation",
          refuse: `${base}/refus`
        }
      : undefined,
    readOnly: !agentCan(agent, "requests.decide"),
    inboxHref: agentPaths.requests,
    values
  }
}

/** One action of the request page: how to read its form, which core command to run, the notice after. */
interface DecisionAction {
  readonly read: (ctx: PortalContext) => DecisionValues
  readonly fieldOfPath?: Readonly<Record<string, string>>
  readonly fieldOfTag?: Readonly<Record<string, string>>
  readonly run: (kit: PortalKit, agent: AgentActor, requestId: RequestId, values: DecisionValues) => Promise<unknown>
  readonly notice: keyof typeof notices
}

const text = (ctx: PortalContext, name: string, label: string, maxLength = 10_000) => formOf(ctx).text(name, { maxLength, label })

const actions: ReadonlyArray<readonly [string, DecisionAction]> = [
  [
    agentWorkPaths.requestTake,
    {
      read: () => noValues,
      run: (kit, agent, requestId) => kit.run(startRequestReview(agent, { requestId })),
      notice: "prise-en-charge"
    }
  ],
  [
    agentWorkPaths.requestAsk,
    {
      read: (ctx) => ({ ...noValues, complement: text(ctx, "complement", "Complément demandé") }),
      fieldOfPath: { message: "complement" },
      run: (kit, agent, requestId, values) => kit.run(askForRequestInformation(agent, { requestId, message: values.complement })),
      notice: "complement-demande"
    }
  ],
  [
    agentWorkPaths.requestMessage,
    {
      read: (ctx) => ({ ...noValues, message: text(ctx, "message", "Message à la famille") }),
      fieldOfPath: { text: "message" },
      run: (kit, agent, requestId, values) => kit.run(postAgentRequestMessage(agent, { requestId, text: values.message })),
      notice: "message-envoye"
    }
  ],
  [
    agentWorkPaths.requestAccept,
    {
      read: (ctx) => ({
        ...noValues,
        messageAcceptation: text(ctx, "messageAcceptation", "Message à la famille"),
        referenceFoyer: formOf(ctx).has("referenceFoyer") ? text(ctx, "referenceFoyer", "Référence du foyer", 64) : ""
      }),
      fieldOfTag: { HouseholdToLinkMissing: "referenceFoyer" },
      run: async (kit, agent, requestId, values) => {
        const reference = values.referenceFoyer.trim()
        const household =
          reference === "" ? Option.none() : await kit.run(Effect.flatMap(HouseholdRepository, (households) => households.findByReference(reference)))
        if (reference !== "" && Option.isNone(household)) {
          checkForm("Acceptation de la demande", [{ path: "referenceFoyer", message: `Aucun foyer ne porte la référence « ${reference} » : vérifiez-la dans « Foyers ».` }])
        }
        const message = values.messageAcceptation.trim()
        return kit.run(
          acceptRequest(agent, {
            requestId,
            ...(message === "" ? {} : { message }),
            ...(Option.isSome(household) ? { linkToHousehold: household.value.id } : {})
          })
        )
      },
      notice: "demande-acceptee"
    }
  ],
  [
    agentWorkPaths.requestRefuse,
    {
      read: (ctx) => ({ ...noValues, motif: text(ctx, "motif", "Motif du refus") }),
      fieldOfPath: { reason: "motif" },
      run: (kit, agent, requestId, values) => kit.run(refuseRequest(agent, { requestId, reason: values.motif })),
      notice: "demande-refusee"
    }
  ]
]

/**
 * The agents' requests inbox: `GET /agents/demandes` (`requests.read`; filters by type, status,
 * age and who took it, in the address; oldest waiting first; 50 a page), `GET
 * /agents/demandes/:requestId` (the request in words, its documents, history and messages, and
 * the actions of `requests.decide`), and its actions, each an audited command of the core: take it
 * (`startRequestReview`), ask for information, write to the family, accept (its effect applied:
 * QF, enrollment, contact details…) or refuse with a reason. The family is notified through the
 * core's request notifications.
 */
export function agentRequestRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.requests, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "requests.read")
    const values: InboxValues = {
      type: firstQueryValue(ctx, "type"),
      statut: firstQueryValue(ctx, "statut"),
      anciennete: firstQueryValue(ctx, "anciennete"),
      prisePar: firstQueryValue(ctx, "prisePar")
    }
    const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(firstQueryValue(ctx, "page"), 10) || 1))
    ctx.state.formView = {
      page: "agents-requests",
      title: inboxTitle,
      model: { ...filtersModel(agent, values), rows: [], total: 0, refused: true },
      fieldOfPath: { olderThanDays: "anciennete" }
    } satisfies FormView
    checkForm(inboxTitle, [
      values.anciennete.trim() !== "" && !/^\d{1,4}$/.test(values.anciennete.trim())
        ? { path: "anciennete", message: "Indiquez un nombre de jours, en chiffres (par exemple 7)." }
        : undefined,
      values.prisePar !== "" && Option.isNone(Schema.decodeUnknownOption(AccountId)(values.prisePar))
        ? { path: "prisePar", message: "Choisissez un agent dans la liste « Prises en charge par »." }
        : undefined
    ])
    const inbox = await kit.run(requestInbox(agent, criteriaOf(agent, values), { offset: (pageNumber - 1) * pageSize, limit: pageSize }))
    const pages = Math.max(1, Math.ceil(inbox.total / pageSize))
    kit.render(ctx, "agents-requests", {
      title: inboxTitle,
      ...filtersModel(agent, values),
      rows: inbox.rows.map(rowView),
      total: inbox.total,
      filtered: Object.values(values).some((v) => v !== ""),
      pagination:
        pages > 1
          ? {
              page: pageNumber,
              pages,
              ...(pageNumber > 1 ? { previous: inboxHref(values, pageNumber - 1) } : {}),
              ...(pageNumber < pages ? { next: inboxHref(values, pageNumber + 1) } : {})
            }
          : undefined
    })
  })

  router.get(agentWorkPaths.request, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "requests.read")
    noticeOf(ctx)
    const model = await requestPageModel(kit, agent, requestIdOf(ctx), noValues)
    kit.render(ctx, "agents-request", model)
  })

  for (const [path, action] of actions) {
    router.post(path, async (ctx: PortalContext) => {
      const agent = requireAgentPermission(ctx, "requests.read")
      const requestId = requestIdOf(ctx)
      const values = action.read(ctx)
      const model = await requestPageModel(kit, agent, requestId, values)
      ctx.state.formView = {
        page: "agents-request",
        title: model.title,
        model,
        ...(action.fieldOfPath === undefined ? {} : { fieldOfPath: action.fieldOfPath }),
        ...(action.fieldOfTag === undefined ? {} : { fieldOfTag: action.fieldOfTag })
      }
      await action.run(kit, agent, requestId, values)
      seeOther(ctx, `${agentRequestPath(requestId)}?message=${action.notice}`)
    })
  }
}
