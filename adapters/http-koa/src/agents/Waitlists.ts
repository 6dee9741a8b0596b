import {
  ActivityCatalogue,
  ActivityId,
  type AgentActor,
  Clock,
  LocalDate,
  listWaitlists,
  moveWaitlistEntry,
  offerWaitlistPlace,
  ParisTime,
  ReservationId,
  SessionId,
  SessionNotFound,
  type SessionWaitlistSummary,
  viewWaitlist,
  WaitlistEntryNotFound,
  type WaitlistView
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FieldProblem, type FormView, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentPaths, agentWaitlistPath, agentWorkPaths } from "../PortalPaths.js"
import { agentCan, requireAgentPermission } from "./AgentContext.js"

const listTitle = "Listes d'attente"

/** How many days ahead the list covers when no period is chosen. */
const defaultPeriodDays = 90

const notices: Readonly<Record<string, string>> = {
  "place-reservee": "La place est donnée : l'enfant est inscrit à la séance et quitte la liste d'attente. La famille le voit dans son agenda.",
  "place-proposee": "La place est proposée à la famille : elle la voit dans « Gérer mes réservations » et doit la confirmer avant l'échéance indiquée.",
  "liste-modifiee": "L'ordre de la liste d'attente est modifié ; la nouvelle position est visible par la famille et le motif est enregistré dans le journal."
}

const firstQueryValue = (ctx: PortalContext, name: string): string => {
  const value = ctx.query[name]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === "string" ? text.slice(0, 100) : ""
}

const dateOf = (text: string): LocalDate.LocalDate | undefined => {
  const parsed = LocalDate.parse(text.trim())
  return Either.isRight(parsed) ? parsed.right : undefined
}

const sessionIdOf = (ctx: PortalContext): SessionId => {
  const raw = ctx.params["sessionId"] ?? ""
  return Option.getOrElse(Schema.decodeUnknownOption(SessionId)(raw), () => refuse(new SessionNotFound({ sessionId: SessionId.make("inconnue") })))
}

const slotLabel = (summary: { readonly activity: WaitlistView["activity"]; readonly session: WaitlistView["ledger"]["session"] }): string | undefined =>
  summary.session.slot === undefined ? undefined : summary.activity.slots.find((s) => s.code === summary.session.slot)?.label ?? summary.session.slot

const summaryView = (summary: SessionWaitlistSummary) => ({
  href: agentWaitlistPath(summary.session.id),
  activity: summary.activity.name,
  date: summary.session.date,
  slot: slotLabel(summary),
  startsAt: summary.session.startsAt,
  capacity: summary.session.capacity,
  placesLeft: summary.placesLeft,
  waiting: summary.waiting,
  offersHeld: summary.offersHeld
})

const modeLabel = (view: WaitlistView): string => {
  const mode = view.activity.bookingPolicy.waitlist
  return mode._tag === "BookAtOnce"
    ? "une place libérée est donnée d'office au premier de la liste, qui est inscrit aussitôt"
    : `une place libérée est proposée au premier de la liste, qui a ${mode.validHours} heures pour la confirmer`
}

const upper = (text: string) => text.toLocaleUpperCase("fr-FR")

/** The names of a line's reason fields (one per form and entry, so that each label has its own field). */
const offerField = (position: number) => `motifOffre${position}`
const moveField = (position: number) => `motifDeplacement${position}`

const waitlistModel = (agent: AgentActor, view: WaitlistView, values: Readonly<Record<string, string>>) => {
  const session = view.ledger.session
  const canManage = agentCan(agent, "reservations.manage") && !view.closed
  const bookAtOnce = view.activity.bookingPolicy.waitlist._tag === "BookAtOnce"
  return {
    title: `Liste d'attente – ${view.activity.name}, ${LocalDate.formatFr(session.date)}`,
    listHref: agentPaths.waitlists,
    session: {
      activity: view.activity.name,
      date: session.date,
      slot: slotLabel({ activity: view.activity, session }),
      startsAt: session.startsAt,
      capacity: session.capacity,
      placesLeft: view.placesLeft,
      mode: modeLabel(view),
      closed: view.closed
    },
    offerLabel: bookAtOnce ? "Donner la place" : "Proposer la place",
    canManage,
    readOnly: !agentCan(agent, "reservations.manage"),
    lines: view.lines.map((line) => ({
      position: line.position,
      reservationId: line.entry.reservationId,
      child: line.child === undefined ? "Enfant inconnu" : `${line.child.firstName} ${upper(line.child.lastName)}`,
      age: line.child === undefined ? undefined : LocalDate.ageOn(line.child.birthDate, session.date),
      ageGroup: line.entry.ageGroup,
      family: line.household === undefined ? undefined : { name: line.household.familyName, reference: line.household.reference, href: agentHouseholdPath(line.household.id) },
      since: line.entry.requestedAt,
      offer: line.entry.offer === undefined ? undefined : { offeredAt: line.entry.offer.offeredAt, expiresAt: line.entry.offer.expiresAt },
      placeFree: line.placeFree,
      passedOver: line.passedOver,
      canOffer: canManage && line.placeFree,
      canMoveUp: canManage && line.position > 1,
      canMoveDown: canManage && line.position < view.lines.length,
      offerAction: agentWaitlistPath(session.id, "proposer"),
      moveAction: agentWaitlistPath(session.id, "deplacer"),
      offerField: offerField(line.position),
      moveField: moveField(line.position)
    })),
    values
  }
}

/** The posted entry of the list (hidden field `inscription`) and its 1-based position; 404 when it is not on the list. */
const postedEntry = (ctx: PortalContext, view: WaitlistView) => {
  const raw = formOf(ctx).text("inscription", { maxLength: 64 })
  const reservationId = Option.getOrElse(Schema.decodeUnknownOption(ReservationId)(raw), () => ReservationId.make("inconnue"))
  const line = view.lines.find((l) => l.entry.reservationId === reservationId)
  if (line === undefined) return refuse(new WaitlistEntryNotFound({ sessionId: view.ledger.session.id, sessionDate: view.ledger.session.date, reservationId }))
  return { reservationId, position: line.position }
}

/**
 * The agents' waiting lists: `GET /agents/listes-d-attente` (`households.read`; the sessions of a
 * period that have a waiting list, by activity: places left, length of the list), `GET
 * /agents/listes-d-attente/:sessionId` (the list in order: child, family, since when, position,
 * offer and its expiry), and with `reservations.manage` the core's audited commands: give or offer
 * a free place to an entry (`waitlists.offer`, a reason to pass others over) and move an entry up
 * or down for a reason (`waitlists.move`).
 */
export function agentWaitlistRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.waitlists, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const today = await kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))
    const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
    const values = {
      activite: firstQueryValue(ctx, "activite"),
      du: firstQueryValue(ctx, "du") || today,
      au: firstQueryValue(ctx, "au") || LocalDate.addDays(today, defaultPeriodDays)
    }
    const model = {
      title: listTitle,
      values,
      activities: [
        { value: "", label: "Toutes les activités", selected: values.activite === "" },
        ...activities.map((a) => ({ value: a.id, label: a.name, selected: a.id === values.activite }))
      ]
    }
    ctx.state.formView = { page: "agents-waitlists", title: listTitle, model: { ...model, refused: true }, fieldOfPath: { from: "du", to: "au" } } satisfies FormView
    const from = dateOf(values.du)
    const to = dateOf(values.au)
    const activity = activities.find((a) => a.id === values.activite)
    checkForm(listTitle, [
      from === undefined ? { path: "du", message: "Indiquez la date de début sous la forme AAAA-MM-JJ, par exemple 2026-12-01." } : undefined,
      to === undefined ? { path: "au", message: "Indiquez la date de fin sous la forme AAAA-MM-JJ, par exemple 2026-12-31." } : undefined,
      values.activite !== "" && activity === undefined ? { path: "activite", message: "Choisissez une activité de la liste." } : undefined
    ])
    if (from === undefined || to === undefined) return
    const summaries = await kit.run(listWaitlists(agent, { from, to, ...(activity === undefined ? {} : { activityId: ActivityId.make(activity.id) }) }))
    kit.render(ctx, "agents-waitlists", { ...model, from, to, sessions: summaries.map(summaryView) })
  })

  router.get(agentWorkPaths.waitlist, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const notice = notices[firstQueryValue(ctx, "message")]
    if (notice !== undefined) ctx.state.notice = notice
    const view = await kit.run(viewWaitlist(agent, sessionIdOf(ctx)))
    kit.render(ctx, "agents-waitlist", waitlistModel(agent, view, {}))
  })

  router.post(agentWorkPaths.waitlistOffer, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const sessionId = sessionIdOf(ctx)
    const view = await kit.run(viewWaitlist(agent, sessionId))
    const { reservationId, position } = postedEntry(ctx, view)
    const field = offerField(position)
    const reason = formOf(ctx).text(field, { maxLength: 1000, label: "Motif" })
    const model = waitlistModel(agent, view, { [field]: reason })
    ctx.state.formView = {
      page: "agents-waitlist",
      title: model.title,
      model,
      fieldOfPath: { reason: field }
    }
    const given = await kit.run(offerWaitlistPlace(agent, { sessionId, reservationId, ...(reason.trim() === "" ? {} : { reason }) }))
    seeOther(ctx, `${agentWaitlistPath(sessionId)}?message=${given.outcome._tag === "Booked" ? "place-reservee" : "place-proposee"}`)
  })

  router.post(agentWorkPaths.waitlistMove, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "households.read")
    const sessionId = sessionIdOf(ctx)
    const view = await kit.run(viewWaitlist(agent, sessionId))
    const { reservationId, position } = postedEntry(ctx, view)
    const field = moveField(position)
    const form = formOf(ctx)
    const reason = form.text(field, { maxLength: 1000, label: "Motif" })
    const direction = form.text("sens", { maxLength: 20 })
    const model = waitlistModel(agent, view, { [field]: reason })
    ctx.state.formView = { page: "agents-waitlist", title: model.title, model, fieldOfPath: { reason: field }, fieldOfTag: { WaitlistMoveImpossible: field } }
    const problem: FieldProblem | undefined =
      direction === "monter" || direction === "descendre" ? undefined : { path: field, message: "Choisissez « Monter » ou « Descendre »." }
    checkForm("Ordre de la liste d'attente", [problem])
    await kit.run(moveWaitlistEntry(agent, { sessionId, reservationId, direction: direction === "monter" ? "up" : "down", reason }))
    seeOther(ctx, `${agentWaitlistPath(sessionId)}?message=liste-modifiee`)
  })
}
