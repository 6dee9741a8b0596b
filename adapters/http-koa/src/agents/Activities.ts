import {
  type Activity,
  ActivityCatalogue,
  ActivityId,
  activityKindChoices,
  activityKindLabel,
  activityScheduleLabel,
  ActivityNotFound,
  addBookingWindow,
  changeActivityCapacity,
  changeSessionCapacity,
  Clock,
  createActivity,
  LocalDate,
  ParisTime,
  previewActivitySessions,
  publishActivitySessions,
  removeBookingWindow,
  scheduleOf,
  SchoolLevel,
  type Session,
  SessionId,
  SessionLedgerRepository,
  SessionNotFound,
  sessionOccupancy,
  SessionRepository,
  TariffCatalogue,
  updateActivity
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FieldProblem, type FormFields, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentActivityPath, agentActivityPaths, agentPaths, agentRollCallPath, agentTariffPath, agentWaitlistPath } from "../PortalPaths.js"
import { requireAgentPermission } from "./AgentContext.js"
import { agentCalendarRoutes } from "./Calendar.js"
import { agentTariffRoutes } from "./Tariffs.js"
import { eurosField, eurosText, numberField, optionsOf, queryValue, readFields, textField } from "./ActivityFormFields.js"

const listTitle = "Activités"
const newTitle = "Nouvelle activité"

/** Age groups an activity's form offers (filled rows, then blank ones). */
const ageGroupRows = 6

/** The most published sessions listed at once on an activity's page. */
const sessionsShown = 100

/** How many days of published sessions an activity's page lists when no period is chosen. */
const defaultSessionDays = 13

const notices: Readonly<Record<string, string>> = {
  "activite-creee": "L'activité est créée. Publiez maintenant ses séances pour que les familles puissent réserver, et créez sa grille tarifaire.",
  "activite-modifiee": "L'activité est enregistrée. Les séances déjà publiées gardent leur capacité et leur heure.",
  "capacite-modifiee": "La capacité est modifiée. Les places libérées ont été données aux listes d'attente, dans l'ordre.",
  "seances-publiees": "Les séances sont publiées : les familles peuvent les réserver.",
  "fenetre-ajoutee": "La période de réservation est publiée ; elle figure dans le calendrier de réservation des familles.",
  "fenetre-retiree": "La période de réservation est retirée. Les réservations déjà faites restent."
}

const levelField = (level: string) => `niveau-${level}`
const groupField = (row: number, part: "Nom" | "AgeMin" | "AgeMax" | "Places") => `groupe${row}${part}`

const activityFieldNames: ReadonlyArray<string> = [
  "nom",
  "type",
  "typePropre",
  "familleInscription",
  "capacite",
  "ageMin",
  "ageMax",
  "jours",
  "heureDebut",
  "reservationJours",
  "reservationDecompte",
  "reservationHeure",
  "annulationJours",
  "annulationDecompte",
  "annulationHeure",
  "semaineEntiere",
  "listeAttente",
  "dureeOffre",
  "seuilImpayes",
  ...SchoolLevel.schoolLevels.map(levelField),
  ...Array.from({ length: ageGroupRows }, (_, i) => (["Nom", "AgeMin", "AgeMax", "Places"] as const).map((part) => groupField(i + 1, part))).flat()
]

const windowFieldNames = [
  "fenetreNom",
  "fenetreDu",
  "fenetreAu",
  "fenetreResidentsJour",
  "fenetreResidentsHeure",
  "fenetreTousJour",
  "fenetreTousHeure",
  "fenetreClotureJour",
  "fenetreClotureHeure"
] as const

const windowFieldOfPath: Readonly<Record<string, string>> = {
  label: "fenetreNom",
  periodStart: "fenetreDu",
  periodEnd: "fenetreAu",
  residentsDate: "fenetreResidentsJour",
  residentsTime: "fenetreResidentsHeure",
  everyoneDate: "fenetreTousJour",
  everyoneTime: "fenetreTousHeure",
  closesDate: "fenetreClotureJour",
  closesTime: "fenetreClotureHeure"
}

const countingChoices = [
  ["calendar", "jours calendaires"],
  ["working", "jours ouvrés (sans week-ends ni jours fériés)"]
] as const

const waitlistChoices = [
  ["BookAtOnce", "Inscrire d'office le premier de la liste"],
  ["Offer", "Proposer la place au premier de la liste, qui la confirme"]
] as const

const kindName = (kind: string): string => activityKindLabel[kind] ?? (kind.startsWith("custom:") ? `Propre à la commune (${kind.slice(7)})` : kind)

const deadlineLabel = (deadline: Activity["bookingPolicy"]["bookingDeadline"]): string =>
  deadline.daysBefore === 0
    ? `le jour même à ${deadline.at}`
    : `${deadline.daysBefore} ${deadline.counting === "working" ? "jour(s) ouvré(s)" : "jour(s)"} avant, à ${deadline.at}`

const waitlistLabel = (activity: Activity): string => {
  const mode = activity.bookingPolicy.waitlist
  return mode._tag === "BookAtOnce" ? "inscription d'office du premier de la liste" : `place proposée au premier de la liste, ${mode.validHours} h pour confirmer`
}

const todayOf = (kit: PortalKit) => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))

const activityIdOf = (ctx: PortalContext): ActivityId => {
  const raw = ctx.params["activityId"] ?? ""
  return Option.getOrElse(Schema.decodeUnknownOption(ActivityId)(raw), () => refuse(new ActivityNotFound({ activityId: "inconnue" })))
}

const loadActivity = (kit: PortalKit, id: ActivityId) => kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.byId(id)))

const dateOf = (text: string): LocalDate.LocalDate | undefined => {
  const parsed = LocalDate.parse(text.trim())
  return parsed._tag === "Right" ? parsed.right : undefined
}

/** The form's values of an existing activity. */
function activityValues(activity: Activity): Record<string, string> {
  const custom = activity.kind.startsWith("custom:")
  const policy = activity.bookingPolicy
  const values: Record<string, string> = {
    nom: activity.name,
    type: custom ? "custom" : activity.kind,
    typePropre: custom ? activity.kind.slice("custom:".length) : "",
    familleInscription: activity.enrollmentFamily,
    capacite: String(activity.capacity),
    ageMin: activity.eligibility.minAge === undefined ? "" : String(activity.eligibility.minAge),
    ageMax: activity.eligibility.maxAge === undefined ? "" : String(activity.eligibility.maxAge),
    jours: activity.schedule ?? "",
    heureDebut: activity.startsAt ?? "",
    reservationJours: String(policy.bookingDeadline.daysBefore),
    reservationDecompte: policy.bookingDeadline.counting,
    reservationHeure: policy.bookingDeadline.at,
    annulationJours: String(policy.cancellationDeadline.daysBefore),
    annulationDecompte: policy.cancellationDeadline.counting,
    annulationHeure: policy.cancellationDeadline.at,
    semaineEntiere: policy.wholeWeekOnly ? "oui" : "",
    listeAttente: policy.waitlist._tag,
    dureeOffre: policy.waitlist._tag === "Offer" ? String(policy.waitlist.validHours) : "",
    seuilImpayes: eurosText(policy.unpaidBlockThresholdCents)
  }
  for (const level of activity.eligibility.schoolLevels ?? []) values[levelField(level)] = "oui"
  activity.ageGroups.forEach((group, i) => {
    values[groupField(i + 1, "Nom")] = group.label
    values[groupField(i + 1, "AgeMin")] = String(group.minAge)
    values[groupField(i + 1, "AgeMax")] = String(group.maxAge)
    values[groupField(i + 1, "Places")] = String(group.capacity)
  })
  return values
}

/** The values of a new activity's form: the seed town's usual settings. */
const blankActivityValues: Readonly<Record<string, string>> = {
  type: "wednesday",
  familleInscription: "periscolaire",
  reservationJours: "2",
  reservationDecompte: "calendar",
  reservationHeure: "18:00",
  annulationJours: "2",
  annulationDecompte: "calendar",
  annulationHeure: "18:00",
  listeAttente: "BookAtOnce"
}

/** The draft the core checks from the form's values, the rows of the age groups typed, and the problems of format. */
function draftOf(values: Readonly<Record<string, string>>) {
  const problems: Array<FieldProblem> = []
  const rows: Array<number> = []
  const ageGroups: Array<Record<string, unknown>> = []
  for (let row = 1; row <= ageGroupRows; row++) {
    const parts = (["Nom", "AgeMin", "AgeMax", "Places"] as const).map((part) => values[groupField(row, part)] ?? "")
    if (parts.every((p) => p.trim() === "")) continue
    rows.push(row)
    ageGroups.push(
      Object.fromEntries(
        Object.entries({
          label: textField(parts[0]),
          minAge: numberField(parts[1]),
          maxAge: numberField(parts[2]),
          capacity: numberField(parts[3])
        }).filter(([, v]) => v !== undefined)
      )
    )
  }
  const threshold = eurosField("seuilImpayes", values["seuilImpayes"], "Le seuil d'impayés")
  if (threshold.problem !== undefined) problems.push(threshold.problem)
  const deadline = (prefix: string) =>
    Object.fromEntries(
      Object.entries({
        daysBefore: numberField(values[`${prefix}Jours`]),
        counting: textField(values[`${prefix}Decompte`]),
        at: textField(values[`${prefix}Heure`])
      }).filter(([, v]) => v !== undefined)
    )
  const optional = Object.entries({
    customKind: values["type"] === "custom" ? textField(values["typePropre"]) : undefined,
    capacity: numberField(values["capacite"]),
    minAge: numberField(values["ageMin"]),
    maxAge: numberField(values["ageMax"]),
    schedule: textField(values["jours"]),
    startsAt: textField(values["heureDebut"]),
    unpaidBlockThresholdCents: threshold.cents,
    name: textField(values["nom"]),
    kind: textField(values["type"]),
    enrollmentFamily: textField(values["familleInscription"])
  }).filter(([, v]) => v !== undefined)
  const draft = {
    ...Object.fromEntries(optional),
    schoolLevels: SchoolLevel.schoolLevels.filter((level) => values[levelField(level)] === "oui"),
    ageGroups,
    bookingDeadline: deadline("reservation"),
    cancellationDeadline: deadline("annulation"),
    wholeWeekOnly: values["semaineEntiere"] === "oui",
    waitlist: Object.fromEntries(
      Object.entries({ mode: textField(values["listeAttente"]), validHours: numberField(values["dureeOffre"]) }).filter(([, v]) => v !== undefined)
    )
  }
  return { draft, rows, problems }
}

/** Which form field each path of the core's refusals concerns. */
function activityFieldOfPath(rows: ReadonlyArray<number>): Record<string, string> {
  const fields: Record<string, string> = {
    name: "nom",
    kind: "type",
    customKind: "typePropre",
    enrollmentFamily: "familleInscription",
    capacity: "capacite",
    minAge: "ageMin",
    maxAge: "ageMax",
    schoolLevels: levelField(SchoolLevel.schoolLevels[0]),
    schedule: "jours",
    startsAt: "heureDebut",
    bookingDeadline: "reservationJours",
    "bookingDeadline.daysBefore": "reservationJours",
    "bookingDeadline.counting": "reservationDecompte",
    "bookingDeadline.at": "reservationHeure",
    cancellationDeadline: "annulationJours",
    "cancellationDeadline.daysBefore": "annulationJours",
    "cancellationDeadline.counting": "annulationDecompte",
    "cancellationDeadline.at": "annulationHeure",
    wholeWeekOnly: "semaineEntiere",
    waitlist: "listeAttente",
    "waitlist.mode": "listeAttente",
    "waitlist.validHours": "dureeOffre",
    unpaidBlockThresholdCents: "seuilImpayes"
  }
  rows.forEach((row, i) => {
    fields[`ageGroups.${i}`] = groupField(row, "Nom")
    fields[`ageGroups.${i}.label`] = groupField(row, "Nom")
    fields[`ageGroups.${i}.minAge`] = groupField(row, "AgeMin")
    fields[`ageGroups.${i}.maxAge`] = groupField(row, "AgeMax")
    fields[`ageGroups.${i}.capacity`] = groupField(row, "Places")
  })
  return fields
}

/** What the activity form shows: its values and the choices of its lists. */
function activityFormModel(values: Readonly<Record<string, string>>) {
  const filledRows = Array.from({ length: ageGroupRows }, (_, i) => i + 1).filter((row) =>
    (["Nom", "AgeMin", "AgeMax", "Places"] as const).some((part) => (values[groupField(row, part)] ?? "").trim() !== "")
  )
  const shown = Math.min(ageGroupRows, Math.max(2, (filledRows.at(-1) ?? 0) + 2))
  return {
    values,
    kindOptions: optionsOf(activityKindChoices.map((k) => [k, activityKindLabel[k] ?? k] as const), values["type"] ?? ""),
    scheduleOptions: optionsOf(
      [["", "Selon le type d'activité"], ...Object.entries(activityScheduleLabel)],
      values["jours"] ?? ""
    ),
    bookingCountingOptions: optionsOf(countingChoices, values["reservationDecompte"] ?? "calendar"),
    cancellationCountingOptions: optionsOf(countingChoices, values["annulationDecompte"] ?? "calendar"),
    waitlistOptions: optionsOf(waitlistChoices, values["listeAttente"] ?? "BookAtOnce"),
    levels: SchoolLevel.schoolLevels.map((level) => ({ field: levelField(level), label: level, checked: values[levelField(level)] === "oui" })),
    groups: Array.from({ length: shown }, (_, i) => ({
      row: i + 1,
      nameField: groupField(i + 1, "Nom"),
      minField: groupField(i + 1, "AgeMin"),
      maxField: groupField(i + 1, "AgeMax"),
      placesField: groupField(i + 1, "Places")
    })),
    wholeWeekChecked: values["semaineEntiere"] === "oui"
  }
}

/** Plain values of a session's row: date, slot, start, places booked out of the capacity, waiting list. */
const sessionRow = (activity: Activity, session: Session, booked: number, waiting: number) => ({
  href: agentActivityPath(activity.id, "seances", session.id),
  date: session.date,
  slot: session.slot === undefined ? undefined : activity.slots.find((s) => s.code === session.slot)?.label ?? session.slot,
  startsAt: session.startsAt,
  capacity: session.capacity,
  booked,
  waiting
})

interface ActivityPageExtras {
  readonly values?: Readonly<Record<string, string>>
  readonly windowValues?: Readonly<Record<string, string>>
  readonly capacityValue?: string
  readonly sessionValues?: { readonly seancesDu: string; readonly seancesAu: string }
  readonly preview?: { readonly count: number; readonly toAdd: number; readonly first?: string; readonly last?: string; readonly from: string; readonly to: string }
}

/** Everything an activity's page shows: its form, capacity, booking windows, sessions of a period, grids. */
async function activityPage(kit: PortalKit, ctx: PortalContext, activity: Activity, extras: ActivityPageExtras = {}) {
  const today = await todayOf(kit)
  const from = dateOf(queryValue(ctx, "du")) ?? today
  const askedTo = dateOf(queryValue(ctx, "au")) ?? LocalDate.addDays(from, defaultSessionDays)
  const to = askedTo < from ? from : LocalDate.min(askedTo, LocalDate.addDays(from, 366))
  const published = await kit.run(Effect.flatMap(SessionRepository, (store) => store.listByActivity(activity.id, from, to)))
  const ledgers = new Map(
    (await kit.run(Effect.flatMap(SessionLedgerRepository, (store) => store.between(from, to)))).map((ledger) => [ledger.session.id as string, ledger])
  )
  const rows = published.slice(0, sessionsShown).map((session) => {
    const occupancy = sessionOccupancy(session, ledgers.get(session.id), activity.name)
    return sessionRow(activity, session, occupancy.booked, occupancy.waiting)
  })
  const schoolYear = LocalDate.schoolYear(today)
  const nextYear = `${Number(schoolYear.slice(0, 4)) + 1}-${Number(schoolYear.slice(0, 4)) + 2}`
  const grids = (await kit.run(Effect.flatMap(TariffCatalogue, (catalogue) => Effect.all([catalogue.listForSchoolYear(schoolYear), catalogue.listForSchoolYear(nextYear)]))))
    .flat()
    .filter((grid) => grid.activityIds.includes(activity.id))
  const schedule = scheduleOf(activity)
  const policy = activity.bookingPolicy
  return {
    title: `Activité – ${activity.name}`,
    isNew: false,
    action: agentActivityPath(activity.id),
    activity: {
      id: activity.id,
      name: activity.name,
      kind: kindName(activity.kind),
      capacity: activity.capacity,
      schedule: schedule === undefined ? "non précisés" : (activityScheduleLabel[schedule] ?? schedule).toLowerCase(),
      bookingDeadline: deadlineLabel(policy.bookingDeadline),
      cancellationDeadline: deadlineLabel(policy.cancellationDeadline),
      waitlist: waitlistLabel(activity),
      slots: activity.slots.map((slot) => ({ label: slot.label, capacity: slot.capacity, startsAt: slot.startsAt })),
      isHoliday: schedule === "holiday-weekdays"
    },
    ...activityFormModel(extras.values ?? activityValues(activity)),
    capacityAction: agentActivityPath(activity.id, "capacite"),
    capacityValue: extras.capacityValue ?? String(activity.capacity),
    windowsAction: agentActivityPath(activity.id, "fenetres"),
    windowRemovalAction: agentActivityPath(activity.id, "fenetres", "retrait"),
    windows: policy.windows.map((window) => ({
      label: window.label,
      periodStart: window.periodStart,
      periodEnd: window.periodEnd,
      phases: window.phases.map((phase) => ({ opensAt: phase.opensAt, audience: phase.audience === "residents" ? "habitants de la commune" : "toutes les familles" })),
      closesAt: window.closesAt
    })),
    windowValues: extras.windowValues ?? {},
    sessionsAction: agentActivityPath(activity.id, "seances"),
    sessionValues: extras.sessionValues ?? { seancesDu: today, seancesAu: LocalDate.addDays(today, 30) },
    preview: extras.preview,
    sessionsFilter: { action: agentActivityPath(activity.id), du: from, au: to },
    sessions: rows,
    sessionsTotal: published.length,
    sessionsTruncated: published.length > rows.length,
    grids: grids.map((grid) => ({ label: grid.label, schoolYear: grid.schoolYear, href: agentTariffPath(grid.id) })),
    newTariffHref: agentActivityPaths.newTariff,
    waitlistsHref: agentPaths.waitlists,
    listHref: agentPaths.activities
  }
}

const newActivityPage = (values: Readonly<Record<string, string>>) => ({
  title: newTitle,
  isNew: true,
  action: agentActivityPaths.newActivity,
  listHref: agentPaths.activities,
  ...activityFormModel(values)
})

const readActivityForm = (form: FormFields) => readFields(form, activityFieldNames, 200)

/**
 * The agents' activities (`activities.manage`, reading included): `GET /agents/activites` (every
 * activity: kind, places, days, deadlines, waiting list), `GET|POST /agents/activites/nouvelle`
 * (`createActivity`), `GET|POST /agents/activites/:activityId` (its page: edit form
 * (`updateActivity`), capacity (`changeActivityCapacity`), holiday booking windows in phases
 * (`addBookingWindow`, `removeBookingWindow`), the sessions of a period: preview and publication
 * (`previewActivitySessions`, `publishActivitySessions`), published sessions and tariff grids),
 * `GET|POST /agents/activites/:activityId/seances/:sessionId` (a session: places booked, waiting
 * list, its capacity (`changeSessionCapacity`)). Every action is an audited command of the core.
 */
export function agentActivityRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.activities, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
    kit.render(ctx, "agents-activities", {
      title: listTitle,
      newHref: agentActivityPaths.newActivity,
      calendarHref: agentActivityPaths.calendar,
      tariffsHref: agentPaths.tariffs,
      activities: activities.map((activity) => {
        const schedule = scheduleOf(activity)
        return {
          name: activity.name,
          href: agentActivityPath(activity.id),
          kind: kindName(activity.kind),
          enrollmentFamily: activity.enrollmentFamily,
          capacity: activity.capacity,
          schedule: schedule === undefined ? "non précisés" : activityScheduleLabel[schedule] ?? schedule,
          bookingDeadline: deadlineLabel(activity.bookingPolicy.bookingDeadline),
          waitlist: waitlistLabel(activity),
          windows: activity.bookingPolicy.windows.length
        }
      })
    })
  })

  router.get(agentActivityPaths.newActivity, (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    kit.render(ctx, "agents-activity", newActivityPage(blankActivityValues))
  })

  router.post(agentActivityPaths.newActivity, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const values = readActivityForm(formOf(ctx))
    const { draft, rows, problems } = draftOf(values)
    ctx.state.formView = {
      page: "agents-activity",
      title: newTitle,
      model: newActivityPage(values),
      fieldOfPath: activityFieldOfPath(rows),
      fieldOfTag: { ActivityAlreadyExists: "nom" }
    }
    checkForm(newTitle, problems)
    const created = await kit.run(createActivity(agent, { draft }))
    seeOther(ctx, `${agentActivityPath(created.id)}?message=activite-creee`)
  })

  router.get(agentActivityPaths.activity, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const notice = notices[queryValue(ctx, "message")]
    const count = Number(queryValue(ctx, "nombre"))
    if (notice !== undefined) ctx.state.notice = queryValue(ctx, "message") === "seances-publiees" && Number.isInteger(count) ? `${count} séance(s) ajoutée(s). ${notice}` : notice
    kit.render(ctx, "agents-activity", await activityPage(kit, ctx, activity))
  })

  router.post(agentActivityPaths.activity, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const values = readActivityForm(formOf(ctx))
    const { draft, rows, problems } = draftOf(values)
    const page = await activityPage(kit, ctx, activity, { values })
    ctx.state.formView = { page: "agents-activity", title: page.title, model: page, fieldOfPath: activityFieldOfPath(rows) }
    checkForm(page.title, problems)
    await kit.run(updateActivity(agent, { activityId: activity.id, draft }))
    seeOther(ctx, `${agentActivityPath(activity.id)}?message=activite-modifiee`)
  })

  router.post(agentActivityPaths.activityCapacity, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const capacity = formOf(ctx).text("capaciteActivite", { maxLength: 20, label: "Capacité" })
    const page = await activityPage(kit, ctx, activity, { capacityValue: capacity })
    ctx.state.formView = {
      page: "agents-activity",
      title: page.title,
      model: page,
      fieldOfPath: { capacity: "capaciteActivite" },
      fieldOfTag: { CapacityBelowBookedPlaces: "capaciteActivite" }
    }
    await kit.run(changeActivityCapacity(agent, { activityId: activity.id, capacity: numberField(capacity) }))
    seeOther(ctx, `${agentActivityPath(activity.id)}?message=capacite-modifiee`)
  })

  router.post(agentActivityPaths.activityWindows, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const values = readFields(formOf(ctx), windowFieldNames, 100)
    const page = await activityPage(kit, ctx, activity, { windowValues: values })
    ctx.state.formView = { page: "agents-activity", title: page.title, model: page, fieldOfPath: windowFieldOfPath }
    const draft = Object.fromEntries(
      Object.entries(windowFieldOfPath)
        .map(([path, field]) => [path, textField(values[field])] as const)
        .filter(([, v]) => v !== undefined)
    )
    await kit.run(addBookingWindow(agent, { activityId: activity.id, draft }))
    seeOther(ctx, `${agentActivityPath(activity.id)}?message=fenetre-ajoutee`)
  })

  router.post(agentActivityPaths.activityWindowRemoval, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const label = formOf(ctx).text("fenetre", { maxLength: 200, label: "Période de réservation" })
    await kit.run(removeBookingWindow(agent, { activityId: activity.id, label }))
    seeOther(ctx, `${agentActivityPath(activity.id)}?message=fenetre-retiree`)
  })

  router.post(agentActivityPaths.activitySessions, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const form = formOf(ctx)
    const sessionValues = { seancesDu: form.text("seancesDu", { maxLength: 20, label: "Du" }), seancesAu: form.text("seancesAu", { maxLength: 20, label: "Au" }) }
    const publish = form.text("action", { maxLength: 20 }) === "publier"
    const page = await activityPage(kit, ctx, activity, { sessionValues })
    ctx.state.formView = { page: "agents-activity", title: page.title, model: page, fieldOfPath: { from: "seancesDu", to: "seancesAu" }, fieldOfTag: { SchoolCalendarUnknown: "seancesDu", ActivityScheduleMissing: "seancesDu" } }
    const period = { activityId: activity.id, from: sessionValues.seancesDu.trim(), to: sessionValues.seancesAu.trim() }
    if (publish) {
      const published = await kit.run(publishActivitySessions(agent, period))
      return seeOther(ctx, `${agentActivityPath(activity.id)}?message=seances-publiees&nombre=${published.toAdd.length}&du=${published.from}&au=${published.to}`)
    }
    const preview = await kit.run(previewActivitySessions(period))
    const dates = preview.generated.map((s) => s.date as string)
    kit.render(ctx, "agents-activity", {
      ...page,
      preview: {
        count: preview.generated.length,
        toAdd: preview.toAdd.length,
        from: preview.from,
        to: preview.to,
        ...(dates[0] === undefined ? {} : { first: dates[0] }),
        ...(dates.at(-1) === undefined ? {} : { last: dates.at(-1) })
      }
    })
  })

  const sessionPage = async (ctx: PortalContext, values: { readonly capaciteSeance?: string } = {}) => {
    const activity = await loadActivity(kit, activityIdOf(ctx))
    const raw = ctx.params["sessionId"] ?? ""
    const sessionId = Option.getOrElse(Schema.decodeUnknownOption(SessionId)(raw), () => SessionId.make("inconnue"))
    const ledger = await kit.run(Effect.flatMap(SessionLedgerRepository, (store) => store.get(sessionId)))
    if (ledger.session.activityId !== activity.id) return refuse(new SessionNotFound({ sessionId }))
    const occupancy = sessionOccupancy(ledger.session, ledger, activity.name)
    const row = sessionRow(activity, ledger.session, occupancy.booked, occupancy.waiting)
    return {
      activity,
      session: ledger.session,
      model: {
        title: `Séance – ${activity.name}, ${LocalDate.formatFr(ledger.session.date)}`,
        activityName: activity.name,
        activityHref: agentActivityPath(activity.id),
        listHref: agentPaths.activities,
        session: { ...row, offersHeld: ledger.waitlist.filter((e) => e.offer !== undefined).length },
        waitlistHref: agentWaitlistPath(ledger.session.id),
        rollCallHref: agentRollCallPath(ledger.session.id),
        action: agentActivityPath(activity.id, "seances", ledger.session.id),
        values: { capaciteSeance: values.capaciteSeance ?? String(ledger.session.capacity) }
      }
    }
  }

  router.get(agentActivityPaths.session, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    if (queryValue(ctx, "message") === "capacite-modifiee") ctx.state.notice = notices["capacite-modifiee"]
    const { model } = await sessionPage(ctx)
    kit.render(ctx, "agents-activity-session", model)
  })

  router.post(agentActivityPaths.session, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const capacity = formOf(ctx).text("capaciteSeance", { maxLength: 20, label: "Capacité" })
    const { session, model } = await sessionPage(ctx, { capaciteSeance: capacity })
    ctx.state.formView = {
      page: "agents-activity-session",
      title: model.title,
      model,
      fieldOfPath: { capacity: "capaciteSeance" },
      fieldOfTag: { CapacityBelowBookedPlaces: "capaciteSeance" }
    }
    await kit.run(changeSessionCapacity(agent, { sessionId: session.id, capacity: numberField(capacity) }))
    seeOther(ctx, `${model.action}?message=capacite-modifiee`)
  })
}

/** The back office's activities, the town's calendar and the tariff grids (see each routes' function). */
export function agentActivitySectionRoutes(router: Router<PortalState>, kit: PortalKit): void {
  agentActivityRoutes(router, kit)
  agentCalendarRoutes(router, kit)
  agentTariffRoutes(router, kit)
}
