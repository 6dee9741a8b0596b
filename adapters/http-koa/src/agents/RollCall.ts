import {
  ActivityCatalogue,
  ActivityId,
  type AgentActor,
  Clock,
  findChildrenForRollCall,
  HouseholdId,
  LocalDate,
  MemberId,
  ParisTime,
  recordRollCall,
  type RecordRollCallInput,
  type RollCallLine,
  type RollCallSessionSummary,
  rollCallSessions,
  rollCallSheet,
  type RollCallSheetView,
  SessionId,
  SessionNotFound
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FieldProblem, type FormFields, type FormView, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentPaths, agentRollCallPath, agentWorkPaths } from "../PortalPaths.js"
import { agentCan, requireAgent, requireAgentPermission } from "./AgentContext.js"

const listTitle = "Pointage"

/** The most lines a sheet may post (a session's capacity is far below). */
const maxLines = 500

const firstQueryValue = (ctx: PortalContext, name: string): string => {
  const value = ctx.query[name]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === "string" ? text.slice(0, 200) : ""
}

const todayOf = (kit: PortalKit) => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))

const sessionIdOf = (ctx: PortalContext): SessionId => {
  const raw = ctx.params["sessionId"] ?? ""
  return Option.getOrElse(Schema.decodeUnknownOption(SessionId)(raw), () => refuse(new SessionNotFound({ sessionId: SessionId.make("inconnue") })))
}

const slotLabel = (view: { readonly activity: RollCallSheetView["activity"]; readonly session: RollCallSheetView["session"] }): string | undefined =>
  view.session.slot === undefined ? undefined : view.activity.slots.find((s) => s.code === view.session.slot)?.label ?? view.session.slot

const summaryView = (summary: RollCallSessionSummary) => ({
  href: agentRollCallPath(summary.session.id),
  activity: summary.activity.name,
  slot: slotLabel(summary),
  startsAt: summary.session.startsAt,
  booked: summary.booked,
  recordedPresent: summary.recordedPresent,
  recordedAbsent: summary.recordedAbsent,
  recorded: summary.recordedPresent + summary.recordedAbsent > 0
})

const upper = (text: string) => text.toLocaleUpperCase("fr-FR")

const childLabel = (line: Pick<RollCallLine, "child">) => `${line.child.firstName} ${upper(line.child.lastName)}`

/** The statuses typed on the sheet, by child, shown again after a refusal. */
type Marks = ReadonlyMap<string, string>

const lineView = (line: RollCallLine, index: number, marks: Marks | undefined) => {
  const typed = marks?.get(line.child.id)
  const status = typed ?? line.recorded ?? (line.reportedAbsence === undefined ? "" : "absent")
  return {
    index,
    statusField: `statut-${index}`,
    childId: line.child.id,
    householdId: line.household.id,
    name: childLabel(line),
    age: line.age,
    schoolLevel: line.child.schoolLevel,
    allergies: line.child.allergies,
    notes: line.child.notes,
    family: { name: line.household.familyName, reference: line.household.reference, href: agentHouseholdPath(line.household.id) },
    booked: line.booked,
    reportedAbsence: line.reportedAbsence === undefined ? undefined : { justified: line.reportedAbsence.justified },
    present: status === "present",
    absent: status === "absent",
    recorded: line.recorded
  }
}

const counts = (lines: ReadonlyArray<RollCallLine>) => {
  const present = lines.filter((l) => l.recorded === "present").length
  const absent = lines.filter((l) => l.recorded === "absent").length
  return { present, absent, unrecorded: lines.length - present - absent }
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`

const sheetModel = (
  agent: AgentActor,
  view: RollCallSheetView,
  options: { readonly marks?: Marks; readonly query?: string; readonly found?: ReadonlyArray<{ readonly childId: string; readonly householdId: string; readonly name: string; readonly family: string; readonly reference: string; readonly age: number; readonly onSheet: boolean }> } = {}
) => ({
  title: `Pointage – ${view.activity.name}, ${LocalDate.formatFr(view.session.date)}`,
  listHref: `${agentPaths.rollCall}?date=${view.session.date}`,
  session: { activity: view.activity.name, date: view.session.date, slot: slotLabel(view), startsAt: view.session.startsAt, open: view.open },
  action: agentRollCallPath(view.session.id),
  addAction: agentRollCallPath(view.session.id, "ajout"),
  searchAction: agentRollCallPath(view.session.id),
  lines: view.lines.map((line, index) => lineView(line, index, options.marks)),
  lineCount: view.lines.length,
  cancelledForAbsence: view.cancelledForAbsence.map((line) => ({ name: childLabel(line), family: line.household.familyName })),
  counts: counts(view.lines),
  canRecord: agentCan(agent, "attendance.record") && view.open,
  query: options.query ?? "",
  searched: options.query !== undefined && options.query.trim() !== "",
  found: options.found ?? []
})

const readIds = (form: FormFields, index: number) => {
  const childId = Schema.decodeUnknownOption(MemberId)(form.text(`enfant-${index}`, { maxLength: 64 }))
  const householdId = Schema.decodeUnknownOption(HouseholdId)(form.text(`foyer-${index}`, { maxLength: 64 }))
  return Option.isSome(childId) && Option.isSome(householdId) ? { childId: childId.value, householdId: householdId.value } : undefined
}

/**
 * The roll-call (pointage): `GET /agents/pointage` (`attendance.record`; a day, today in Paris by
 * default, and its sessions, maybe of one activity), `GET /agents/pointage/:sessionId` (the sheet:
 * the booked children with their age or class, allergies and notes, the absences their families
 * reported, a search to add a child present without a reservation), and the core's audited
 * `attendance.record`: `POST /agents/pointage/:sessionId` saves the whole sheet at once, `POST
 * /agents/pointage/:sessionId/ajout` records a child present without a reservation.
 */
export function agentRollCallRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.rollCall, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "attendance.record")
    const today = await todayOf(kit)
    const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
    const values = { date: firstQueryValue(ctx, "date") || today, activite: firstQueryValue(ctx, "activite") }
    const model = {
      title: listTitle,
      values,
      today,
      activities: [
        { value: "", label: "Toutes les activités", selected: values.activite === "" },
        ...activities.map((a) => ({ value: a.id, label: a.name, selected: a.id === values.activite }))
      ]
    }
    ctx.state.formView = { page: "agents-roll-call", title: listTitle, model: { ...model, refused: true } } satisfies FormView
    const parsed = LocalDate.parse(values.date.trim())
    const activity = activities.find((a) => a.id === values.activite)
    checkForm(listTitle, [
      Either.isLeft(parsed) ? { path: "date", message: "Indiquez la date sous la forme AAAA-MM-JJ, par exemple 2026-11-26." } : undefined,
      values.activite !== "" && activity === undefined ? { path: "activite", message: "Choisissez une activité de la liste." } : undefined
    ])
    if (Either.isLeft(parsed)) return
    const sessions = await kit.run(rollCallSessions(agent, parsed.right, activity === undefined ? undefined : ActivityId.make(activity.id)))
    kit.render(ctx, "agents-roll-call", {
      ...model,
      day: parsed.right,
      isToday: parsed.right === today,
      previousDay: `${agentPaths.rollCall}?date=${LocalDate.addDays(parsed.right, -1)}${values.activite === "" ? "" : `&activite=${encodeURIComponent(values.activite)}`}`,
      nextDay: `${agentPaths.rollCall}?date=${LocalDate.addDays(parsed.right, 1)}${values.activite === "" ? "" : `&activite=${encodeURIComponent(values.activite)}`}`,
      sessions: sessions.map(summaryView)
    })
  })

  router.get(agentWorkPaths.rollCallSheet, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "attendance.record")
    const view = await kit.run(rollCallSheet(agent, sessionIdOf(ctx)))
    const message = firstQueryValue(ctx, "message")
    if (message === "enregistre") {
      const c = counts(view.lines)
      ctx.state.notice = `Pointage enregistré : ${plural(c.present, "présent", "présents")}, ${plural(c.absent, "absent", "absents")}${c.unrecorded > 0 ? `, ${plural(c.unrecorded, "enfant non pointé", "enfants non pointés")}` : ""}.`
    } else if (message === "ajoute") {
      ctx.state.notice = "L'enfant est ajouté à la feuille, pointé présent sans réservation."
    }
    const query = firstQueryValue(ctx, "recherche")
    const onSheet = new Set<string>(view.lines.map((l) => l.child.id))
    const found =
      query.trim() === ""
        ? []
        : (await kit.run(findChildrenForRollCall(agent, query))).map((m) => ({
            childId: m.child.id,
            householdId: m.household.id,
            name: `${m.child.firstName} ${upper(m.child.lastName)}`,
            family: m.household.familyName,
            reference: m.household.reference,
            age: LocalDate.ageOn(m.child.birthDate, view.session.date),
            onSheet: onSheet.has(m.child.id)
          }))
    kit.render(ctx, "agents-roll-call-sheet", sheetModel(agent, view, { query, found }))
  })

  router.post(agentWorkPaths.rollCallSheet, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const sessionId = sessionIdOf(ctx)
    const form = formOf(ctx)
    const count = Number.parseInt(form.text("lignes", { maxLength: 4 }), 10)
    if (!Number.isSafeInteger(count) || count < 0 || count > maxLines) {
      return checkForm("Pointage", [{ path: "", message: "La feuille de pointage envoyée est incomplète : rechargez la page, puis pointez à nouveau." }])
    }
    const entries: Array<RecordRollCallInput["entries"][number]> = []
    const marks = new Map<string, string>()
    const problems: Array<FieldProblem> = []
    for (let index = 0; index < count; index++) {
      const ids = readIds(form, index)
      const status = form.text(`statut-${index}`, { maxLength: 10 })
      if (ids === undefined) {
        problems.push({ path: "", message: "Une ligne de la feuille est illisible : rechargez la page, puis pointez à nouveau." })
        continue
      }
      marks.set(ids.childId, status)
      if (status === "") continue
      if (status !== "present" && status !== "absent") {
        problems.push({ path: `statut-${index}`, message: "Choisissez « Présent » ou « Absent »." })
        continue
      }
      entries.push({ ...ids, status })
    }
    if (agentCan(agent, "attendance.record")) {
      const view = await kit.run(rollCallSheet(agent, sessionId))
      const model = sheetModel(agent, view, { marks })
      ctx.state.formView = { page: "agents-roll-call-sheet", title: model.title, model }
    }
    checkForm("Pointage", problems)
    await kit.run(recordRollCall(agent, { sessionId, entries }))
    seeOther(ctx, `${agentRollCallPath(sessionId)}?message=enregistre`)
  })

  router.post(agentWorkPaths.rollCallAdd, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const sessionId = sessionIdOf(ctx)
    const form = formOf(ctx)
    const childId = Schema.decodeUnknownOption(MemberId)(form.text("enfant", { maxLength: 64 }))
    const householdId = Schema.decodeUnknownOption(HouseholdId)(form.text("foyer", { maxLength: 64 }))
    if (agentCan(agent, "attendance.record")) {
      const view = await kit.run(rollCallSheet(agent, sessionId))
      const model = sheetModel(agent, view)
      ctx.state.formView = { page: "agents-roll-call-sheet", title: model.title, model }
    }
    if (Option.isNone(childId) || Option.isNone(householdId)) {
      return checkForm("Pointage", [{ path: "recherche", message: "Cet enfant n'a pas pu être lu : recherchez-le à nouveau par son nom." }])
    }
    await kit.run(recordRollCall(agent, { sessionId, entries: [{ childId: childId.value, householdId: householdId.value, status: "present" }] }))
    seeOther(ctx, `${agentRollCallPath(sessionId)}?message=ajoute`)
  })
}
