import { PassThrough } from "node:stream"
import {
  AbsenceRepository,
  AccountNotLinked,
  ActivityCatalogue,
  answerRequestInformation,
  type AbsenceId,
  cancelRequest,
  Clock,
  documentKindLabel,
  enrollmentServices,
  FamilyActor,
  FreeMessagePayload,
  type Household,
  HouseholdRepository,
  isClosedRequestStatus,
  isWebSessionLive,
  listFamilyRequests,
  listHouseholdDocuments,
  LocalDate,
  ParisTime,
  postFamilyRequestMessage,
  type Request,
  type RequestAuthor,
  RequestId,
  RequestNotFound,
  type RequestPayload,
  type RequestStatus,
  requestKindLabel,
  requestStatusLabel,
  requestTransitions,
  submitRequest,
  viewRequest,
  type WebSession,
  WebSessionStore
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, filled, formOf, type PortalContext, type PortalState, requireAccount, requireHousehold } from "../PortalContext.js"
import { PageNotFound, PortalRefusal, refuse } from "../PortalErrors.js"
import type { PortalKit, PortalServices } from "../PortalKit.js"
import { portalPaths, requestPath, supportingDocumentPath } from "../PortalPaths.js"

const listTitle = "Dernières demandes"
const newTitle = "Nouvelle demande"

const requestEventsPath = (requestId: string): string => `${requestPath(requestId)}/evenements`

const notices: Readonly<Record<string, string>> = {
  "demande-envoyee": "Votre demande a été envoyée au Service à la population. Vous suivez ici son traitement.",
  "message-envoye": "Votre message a été envoyé au Service à la population.",
  "reponse-envoyee": "Votre réponse a été envoyée : votre demande est de nouveau en cours d'examen.",
  "demande-annulee": "Votre demande a été annulée.",
  "dossier-envoye": "Votre dossier unique d'inscription a été envoyé : le Service à la population va l'examiner. Vous suivez ici son traitement.",
  "dossiers-envoyes":
    "Votre dossier unique d'inscription a été envoyé : une demande par service, que le Service à la population va examiner. Vous les suivez ci-dessous."
}

/** Shows the notice named by `?message=` of a page reached after a form, if it is one of ours. */
function showNotice(ctx: PortalContext): void {
  const key = ctx.query["message"]
  const notice = typeof key === "string" ? notices[key] : undefined
  if (notice !== undefined) ctx.state.notice = notice
}

/** The logged-in family account acting on its household (refused while the account is not linked to one). */
export function familyActor(ctx: PortalContext): FamilyActor {
  const householdId = requireHousehold(ctx)
  return new FamilyActor({ accountId: requireAccount(ctx).id, householdId })
}

/**
 * The family account of a "Dernières demandes" page, linked to a household or not yet: an account
 * waiting for its link follows its own requests there (its account-creation request).
 */
const requestsReader = (ctx: PortalContext): FamilyActor => {
  const account = requireAccount(ctx)
  return account.holder._tag === "Family" && account.holder.householdId === undefined ? new FamilyActor({ accountId: account.id }) : familyActor(ctx)
}

const capitalized = (text: string): string => text.charAt(0).toLocaleUpperCase("fr-FR") + text.slice(1)

/** A status as the badge shows it: its French label, never its colour alone. */
const statusModel = (status: RequestStatus) => ({ status, statusLabel: capitalized(requestStatusLabel[status]), closed: isClosedRequestStatus(status) })

/** What the pages need to describe requests in words: the household's children, the town's services. */
interface Describing {
  readonly household: Household | undefined
  readonly services: ReadonlyMap<string, string>
}

const loadDescribing = (kit: PortalKit, family: FamilyActor): Promise<Describing> =>
  kit.run(
    Effect.gen(function* () {
      const household = family.householdId === undefined ? undefined : yield* (yield* HouseholdRepository).get(family.householdId)
      const services = enrollmentServices(yield* (yield* ActivityCatalogue).list)
      return { household, services: new Map(services.map((s) => [s.family, s.label])) }
    })
  )

const childName = (describing: Describing, childId: string): string => {
  const child = describing.household?.children.find((c) => c.id === childId)
  return child === undefined ? "un enfant" : `${child.firstName} ${child.lastName}`
}

/** One line under the request's type in the list. */
function summaryOf(payload: RequestPayload, describing: Describing): string | undefined {
  switch (payload._tag) {
    case "Enrollment":
      return `${childName(describing, payload.childId)} : ${describing.services.get(payload.activityFamily) ?? payload.activityFamily}`
    case "QuotientUpdate":
      return `À partir du ${LocalDate.formatFr(payload.effectiveDate)}`
    case "FreeMessage":
      return payload.text.length > 140 ? `${payload.text.slice(0, 139)}…` : payload.text
    case "ContactChange":
      return [payload.address === undefined ? [] : ["adresse"], (payload.phones ?? []).length > 0 ? ["téléphone"] : [], payload.email === undefined ? [] : ["adresse e-mail"]]
        .flat()
        .join(", ")
    default:
      return undefined
  }
}

/** A request in the list "Dernières demandes". */
const listItem = (request: Request, describing: Describing) => {
  const summary = summaryOf(request.payload, describing)
  return {
    id: request.id,
    href: requestPath(request.id),
    kindLabel: requestKindLabel(request.payload),
    ...(summary === undefined || summary === "" ? {} : { summary }),
    submittedAt: request.submittedAt,
    updatedAt: request.updatedAt,
    ...statusModel(request.status)
  }
}

/** One line of "Votre demande": a label and a text, an amount in cents or a date. */
type Detail =
  | { readonly label: string; readonly text: string }
  | { readonly label: string; readonly cents: number; readonly hasCents: true }
  | { readonly label: string; readonly day: string }

const absenceDetail = (kit: PortalKit, absenceId: AbsenceId, describing: Describing) =>
  kit.run(
    Effect.gen(function* () {
      const found = yield* Effect.either((yield* AbsenceRepository).get(absenceId))
      if (Either.isLeft(found) || found.right.householdId !== describing.household?.id) return "Absence signalée"
      const absence = found.right
      const period =
        absence.start === absence.end
          ? `le ${LocalDate.formatFr(absence.start)}`
          : `du ${LocalDate.formatFr(absence.start)} au ${LocalDate.formatFr(absence.end)}`
      return `Absence de ${childName(describing, absence.childId)} ${period}`
    })
  )

/** What the request asks, in words. */
async function detailsOf(kit: PortalKit, payload: RequestPayload, describing: Describing): Promise<ReadonlyArray<Detail>> {
  switch (payload._tag) {
    case "FreeMessage":
      return [
        { label: "Objet", text: payload.subject },
        { label: "Message", text: payload.text }
      ]
    case "Enrollment":
      return [
        { label: "Enfant", text: childName(describing, payload.childId) },
        { label: "Année scolaire", text: payload.schoolYear },
        { label: "Service", text: describing.services.get(payload.activityFamily) ?? payload.activityFamily }
      ]
    case "QuotientUpdate": {
      const declaration = payload.declaration
      const declared: ReadonlyArray<Detail> =
        declaration._tag === "DeclaredIncome"
          ? [
              { label: "Revenu fiscal de référence annuel", cents: declaration.annualIncomeCents, hasCents: true },
              { label: "Prestations familiales mensuelles", cents: declaration.monthlyBenefitsCents, hasCents: true },
              { label: "Adultes du foyer", text: String(declaration.adults) },
              { label: "Enfants à charge", text: String(declaration.children) },
              { label: "Enfants bénéficiaires de l'AEEH", text: String(declaration.disabledChildren) }
            ]
          : [
              { label: "Quotient familial CAF", text: `${declaration.quotient} €` },
              ...(declaration.allocataireNumber === undefined ? [] : [{ label: "Numéro d'allocataire CAF", text: declaration.allocataireNumber }])
            ]
      return [
        ...declared,
        { label: "À appliquer à partir du", day: payload.effectiveDate },
        ...(payload.validUntil === undefined ? [] : [{ label: "Valable jusqu'au", day: payload.validUntil }])
      ]
    }
    case "ContactChange": {
      const address = payload.address
      return [
        ...(address === undefined
          ? []
          : [{ label: "Nouvelle adresse", text: [address.line1, address.line2 ?? "", `${address.postalCode} ${address.city}`].filter((l) => l.trim() !== "").join(", ") }]),
        ...((payload.phones ?? []).length === 0 ? [] : [{ label: "Nouveaux numéros de téléphone", text: (payload.phones ?? []).join(", ") }]),
        ...(payload.email === undefined ? [] : [{ label: "Nouvelle adresse e-mail", text: payload.email }])
      ]
    }
    case "AbsenceJustification":
      return [{ label: "Absence", text: await absenceDetail(kit, payload.absenceId, describing) }]
    case "Custom":
      return [{ label: "Type de demande", text: payload.typeCode }, ...Object.entries(payload.fields).map(([label, text]) => ({ label, text }))]
    case "AccountCreation":
      return [
        { label: "Nom déclaré", text: payload.declaredName },
        ...(payload.householdReference === undefined ? [] : [{ label: "Référence du foyer", text: payload.householdReference }]),
        ...(payload.phone === undefined ? [] : [{ label: "Téléphone", text: payload.phone }])
      ]
  }
}

const authorName = (author: RequestAuthor): string =>
  author._tag === "Family" ? "Votre famille" : author._tag === "Agent" ? "Le Service à la population" : "Le Service à la population (traitement automatique)"

const statusPhrase: { readonly [S in RequestStatus]: string } = {
  submitted: "Demande envoyée",
  inReview: "Demande prise en examen",
  informationRequested: "Complément demandé",
  accepted: "Demande acceptée",
  refused: "Demande refusée",
  cancelled: "Demande annulée"
}

/** One dated step of a request's history: a change of status or a message, with who made it. */
export interface HistoryItem {
  /** Stable within the request: `s<n>` for the n-th status entry, `m<n>` for the n-th message. */
  readonly key: string
  readonly at: string
  /** The date and time in Paris, in French. */
  readonly when: string
  readonly who: string
  readonly fromFamily: boolean
  readonly title: string
  readonly statusLabel?: string
  readonly text?: string
}

/** The request's history and messages, oldest first. */
export function historyOf(request: Request): ReadonlyArray<HistoryItem> {
  const statuses = request.history.map(
    (entry, i): HistoryItem => ({
      key: `s${i}`,
      at: entry.at,
      when: ParisTime.formatFr(entry.at),
      who: authorName(entry.author),
      fromFamily: entry.author._tag === "Family",
      title: entry.from === undefined ? statusPhrase.submitted : entry.author._tag === "Family" && entry.to === "inReview" ? "Complément envoyé" : statusPhrase[entry.to],
      statusLabel: requestStatusLabel[entry.to],
      ...(entry.message === undefined ? {} : { text: entry.message })
    })
  )
  const messages = request.messages.map(
    (message, i): HistoryItem => ({
      key: `m${i}`,
      at: message.at,
      when: ParisTime.formatFr(message.at),
      who: authorName(message.author),
      fromFamily: message.author._tag === "Family",
      title: "Message",
      text: message.text
    })
  )
  return [...statuses, ...messages].map((item, order) => ({ item, order })).sort((a, b) => (a.item.at < b.item.at ? -1 : a.item.at > b.item.at ? 1 : a.order - b.order)).map((x) => x.item)
}

/** The documents attached to a request, with a link to each when it is still in the household's storage. */
const documentsOf = async (kit: PortalKit, family: FamilyActor, request: Request) => {
  if (request.attachments.length === 0 || family.householdId === undefined) return []
  const stored = await kit.run(listHouseholdDocuments(family, family.householdId))
  return request.attachments.map((id) => {
    const document = stored.find((d) => d.id === id)
    return document === undefined
      ? { name: `Justificatif n° ${id}`, kindLabel: "retiré de votre espace de stockage" }
      : { name: document.file.name, kindLabel: documentKindLabel(document.kind), href: supportingDocumentPath(document.id) }
  })
}

/** The request's id from the address; an address no request could have is a missing page. */
const requestIdOf = (ctx: PortalContext): RequestId => {
  const decoded = Schema.decodeUnknownEither(RequestId)(ctx.params["requestId"])
  return Either.isRight(decoded) ? decoded.right : refuse(new PageNotFound({ path: ctx.path }))
}

/**
 * The household's request: another household's answers exactly like an unknown one (404), so a
 * family cannot learn which numbers exist.
 */
async function ownRequest(kit: PortalKit, family: FamilyActor, requestId: RequestId): Promise<Request> {
  const result = await kit.attempt(viewRequest(family, requestId))
  if (Either.isRight(result)) return result.right
  if (result.left._tag === "RequestNotYours" || result.left._tag === "RequestNotFound") return refuse(new RequestNotFound({ requestId }))
  throw new PortalRefusal(result.left)
}

interface DetailValues {
  readonly message: string
  readonly reponse: string
  readonly motif: string
}

const emptyDetailValues: DetailValues = { message: "", reponse: "", motif: "" }

/** The page of one request: what it asks, its documents, its history, and what the family may do. */
async function detailModel(kit: PortalKit, family: FamilyActor, request: Request, values: DetailValues) {
  const describing = await loadDescribing(kit, family)
  const history = historyOf(request)
  const question = request.status === "informationRequested" ? [...request.history].reverse().find((h) => h.to === "informationRequested")?.message : undefined
  const base = requestPath(request.id)
  return {
    title: requestKindLabel(request.payload),
    id: request.id,
    kindLabel: requestKindLabel(request.payload),
    submittedAt: request.submittedAt,
    ...statusModel(request.status),
    details: await detailsOf(kit, request.payload, describing),
    documents: await documentsOf(kit, family, request),
    history,
    ...(question === undefined ? {} : { question }),
    canAnswer: request.status === "informationRequested",
    canWrite: !isClosedRequestStatus(request.status),
    canCancel: requestTransitions.Cancel.from.includes(request.status),
    eventsHref: requestEventsPath(request.id),
    messageAction: `${base}/message`,
    answerAction: `${base}/complement`,
    cancelAction: `${base}/annulation`,
    listHref: portalPaths.latestRequests,
    values
  }
}

const newRequestModel = (values: { readonly objet: string; readonly message: string }) => ({ title: newTitle, values, listHref: portalPaths.latestRequests })

/** One server-sent event: its name and its data as JSON. */
const sseEvent = (name: string, data: unknown): string => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`

const keepAliveMs = 20_000

const serverStopping = (ctx: PortalContext): boolean => (ctx.req.socket as { readonly server?: { readonly listening?: boolean } }).server?.listening === false

/** Whether the session that opened a stream is still live (read without recording activity, so a stream never keeps a session alive). */
const sessionStillLive = (kit: PortalKit, session: WebSession) =>
  kit.run(
    Effect.gen(function* () {
      const found = yield* (yield* WebSessionStore).get(session.idHash)
      const now = yield* (yield* Clock).now
      return Option.isSome(found) && isWebSessionLive(found.value, now)
    })
  )

/**
 * Answers `text/event-stream`: `tick` runs at once and then every `requestEventsPollMs` (reading
 * the store, so that changes made by any server process are seen), and what it gives is sent; a
 * comment every 20 s keeps the connection open. Ends with a `fin` event when the session ends or
 * the server stops, and stops polling when the browser goes.
 */
function eventStream(ctx: PortalContext, kit: PortalKit, tick: () => Promise<ReadonlyArray<string>>): void {
  const session = ctx.state.session
  if (session === undefined) return refuse(new PageNotFound({ path: ctx.path }))
  ctx.req.setTimeout(0)
  ctx.status = 200
  ctx.set("Content-Type", "text/event-stream; charset=utf-8")
  ctx.set("Cache-Control", "no-store")
  ctx.set("X-Accel-Buffering", "no")
  const stream = new PassThrough()
  ctx.body = stream
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const keepAlive = setInterval(() => write(": maintien de la connexion\n\n"), keepAliveMs)
  function write(text: string): void {
    if (!closed) stream.write(text)
  }
  const stop = () => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    if (timer !== undefined) clearTimeout(timer)
    stream.end()
  }
  ctx.res.once("close", stop)
  stream.once("close", stop)
  const run = async () => {
    if (closed) return
    try {
      const stopping = serverStopping(ctx)
      if (stopping || !(await sessionStillLive(kit, session))) {
        write(sseEvent("fin", {}))
        if (stopping) ctx.res.once("finish", () => ctx.req.socket.end())
        stop()
        return
      }
      for (const event of await tick()) write(event)
    } catch (error) {
      if (!closed && !(error instanceof PortalRefusal)) kit.settings.logError(`SSE ${ctx.path}`, error)
      stop()
      return
    }
    if (!closed) timer = setTimeout(() => void run(), kit.settings.requestEventsPollMs)
  }
  write("retry: 10000\n\n")
  void run()
}

/** What the list's stream sends for a request that changed. */
const listEventItem = (request: Request) => ({ requestId: request.id, kindLabel: requestKindLabel(request.payload), updatedAt: request.updatedAt, ...statusModel(request.status) })

const fingerprint = (request: Request): string => `${request.status}|${request.updatedAt}|${request.history.length}|${request.messages.length}`

/**
 * "Dernières demandes": the household's requests newest first, each with its status; a request's
 * page with what it asks, its documents, its dated history, and the forms to write, answer a
 * request for information or cancel; "Nouvelle demande" (a free message to the Service à la
 * population); and the live status of both pages by server-sent events.
 */
export function requestRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.latestRequests, async (ctx: PortalContext) => {
    const family = requestsReader(ctx)
    showNotice(ctx)
    const [requests, describing] = await Promise.all([kit.run(listFamilyRequests(family)), loadDescribing(kit, family)])
    kit.render(ctx, "requests", {
      title: listTitle,
      requests: requests.map((r) => listItem(r, describing)),
      linked: family.householdId !== undefined,
      ...(family.householdId === undefined ? { notLinked: new AccountNotLinked({ accountId: family.accountId }).message } : {}),
      newRequestHref: portalPaths.newRequest,
      enrollmentHref: portalPaths.enrollment,
      eventsHref: portalPaths.latestRequestsEvents
    })
  })

  router.get(portalPaths.latestRequestsEvents, async (ctx: PortalContext) => {
    const family = requestsReader(ctx)
    const sent = new Map<string, string>()
    let started = false
    eventStream(ctx, kit, async () => {
      const requests = await kit.run(listFamilyRequests(family))
      const changed = requests.filter((r) => sent.get(r.id) !== fingerprint(r))
      const first = !started
      started = true
      for (const r of changed) sent.set(r.id, fingerprint(r))
      return first || changed.length > 0 ? [sseEvent("demandes", { requests: changed.map(listEventItem) })] : []
    })
  })

  router.get(portalPaths.newRequest, (ctx: PortalContext) => {
    familyActor(ctx)
    kit.render(ctx, "request-new", newRequestModel({ objet: "", message: "" }))
  })

  router.post(portalPaths.latestRequests, async (ctx: PortalContext) => {
    const family = familyActor(ctx)
    const form = formOf(ctx)
    const values = { objet: form.text("objet", { maxLength: 200, label: "Objet" }), message: form.text("message", { maxLength: 10_000, label: "Message" }) }
    ctx.state.formView = { page: "request-new", title: newTitle, model: newRequestModel(values), fieldOfPath: { subject: "objet", text: "message", payload: "message" } }
    checkForm(newTitle, [
      filled("objet", values.objet, "Indiquez l'objet de votre demande."),
      filled("message", values.message, "Écrivez votre message : il ne peut pas être vide.")
    ])
    const request = await kit.run(submitRequest(family, { payload: FreeMessagePayload.make({ subject: values.objet.trim(), text: values.message.trim() }) }))
    seeOther(ctx, `${requestPath(request.id)}?message=demande-envoyee`)
  })

  router.get(portalPaths.request, async (ctx: PortalContext) => {
    const family = requestsReader(ctx)
    const request = await ownRequest(kit, family, requestIdOf(ctx))
    showNotice(ctx)
    kit.render(ctx, "request", await detailModel(kit, family, request, emptyDetailValues))
  })

  router.get(portalPaths.requestEvents, async (ctx: PortalContext) => {
    const family = requestsReader(ctx)
    const requestId = requestIdOf(ctx)
    await ownRequest(kit, family, requestId)
    const sentKeys = new Set<string>()
    let sentStatus: RequestStatus | undefined
    eventStream(ctx, kit, async () => {
      const request = await ownRequest(kit, family, requestId)
      const items = historyOf(request).filter((item) => !sentKeys.has(item.key))
      if (sentStatus === request.status && items.length === 0) return []
      sentStatus = request.status
      for (const item of items) sentKeys.add(item.key)
      return [
        sseEvent("statut", {
          requestId: request.id,
          kindLabel: requestKindLabel(request.payload),
          ...statusModel(request.status),
          canAnswer: request.status === "informationRequested",
          canWrite: !isClosedRequestStatus(request.status),
          canCancel: requestTransitions.Cancel.from.includes(request.status),
          items
        })
      ]
    })
  })

  const detailAction = (
    path: string,
    field: keyof DetailValues,
    label: string,
    fieldOfPath: Readonly<Record<string, string>>,
    act: (family: FamilyActor, requestId: RequestId, text: string) => Effect.Effect<Request, unknown, PortalServices>,
    notice: string
  ) =>
    router.post(path, async (ctx: PortalContext) => {
      const family = requestsReader(ctx)
      const request = await ownRequest(kit, family, requestIdOf(ctx))
      const text = formOf(ctx).text(field, { maxLength: 10_000, label })
      const values = { ...emptyDetailValues, [field]: text }
      const model = await detailModel(kit, family, request, values)
      const formShown = field === "message" ? model.canWrite : field === "reponse" ? model.canAnswer : model.canCancel
      ctx.state.formView = {
        page: "request",
        title: model.title,
        model,
        fieldOfPath,
        ...(formShown ? { fieldOfTag: { RequestChangeNotAllowed: field } } : {})
      }
      await kit.run(act(family, request.id, text))
      seeOther(ctx, `${requestPath(request.id)}?message=${notice}`)
    })

  detailAction(
    portalPaths.requestMessage,
    "message",
    "Message",
    { text: "message" },
    (family, requestId, text) => postFamilyRequestMessage(family, { requestId, text }),
    "message-envoye"
  )
  detailAction(
    portalPaths.requestAnswer,
    "reponse",
    "Votre réponse",
    { message: "reponse" },
    (family, requestId, text) => answerRequestInformation(family, { requestId, message: text }),
    "reponse-envoyee"
  )
  detailAction(
    portalPaths.requestCancel,
    "motif",
    "Motif de l'annulation",
    { reason: "motif" },
    (family, requestId, text) => cancelRequest(family, { requestId, ...(text.trim() === "" ? {} : { reason: text }) }),
    "demande-annulee"
  )
}
