import {
  ActivityCatalogue,
  activityKindLabel,
  Clock,
  applySchoolCalendarImport,
  closeTownDays,
  type ClosureCancellation,
  closurePeriods,
  HouseholdRepository,
  LocalDate,
  ParisTime,
  previewSchoolCalendarImport,
  publicHolidays,
  reopenTownDay,
  SchoolHolidayPeriod,
  type SchoolCalendarImportPreview,
  TownCalendarSource,
  type TownCalendar
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FormView, formOf, type PortalContext, type PortalState, uploadedFile } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentActivityPaths, agentHouseholdPath, agentPaths } from "../PortalPaths.js"
import { requireAgentPermission } from "./AgentContext.js"
import { queryValue, textField } from "./ActivityFormFields.js"

const title = "Calendrier de la commune"

const weekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

const notices: Readonly<Record<string, string>> = {
  "jour-rouvert": "Le jour est rouvert. Ses séances sont publiées à nouveau pour les activités dont l'année est publiée ; les familles peuvent réserver.",
  "calendrier-importe": "Le calendrier scolaire est importé : les vacances de ces années sont enregistrées comme données officielles."
}

const kindField = (kind: string) => `type-${kind.replace(/[^a-zA-Z0-9-]/g, "-")}`

const kindName = (kind: string): string => activityKindLabel[kind] ?? (kind.startsWith("custom:") ? `Propre à la commune (${kind.slice(7)})` : kind)

const todayOf = (kit: PortalKit) => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))

const upper = (text: string) => text.toLocaleUpperCase("fr-FR")

/** The school year the page shows: the one asked (`annee=2026-2027`) when known, else today's. */
const yearShown = (ctx: PortalContext, calendar: TownCalendar, today: LocalDate.LocalDate): string => {
  const asked = queryValue(ctx, "annee", 20)
  return calendar.knownSchoolYears.some((k) => k.schoolYear === asked) ? asked : LocalDate.schoolYear(today)
}

interface CalendarPageExtras {
  readonly closureValues?: Readonly<Record<string, string>>
}

async function calendarPage(kit: PortalKit, ctx: PortalContext, extras: CalendarPageExtras = {}) {
  const calendar = await kit.run(Effect.flatMap(TownCalendarSource, (source) => source.get))
  const today = await todayOf(kit)
  const year = yearShown(ctx, calendar, today)
  const bounds = LocalDate.schoolYearBounds(year)
  const known = calendar.knownSchoolYears.find((k) => k.schoolYear === year)
  const kinds = [...new Set((await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))).map((a) => a.kind as string))]
  const closureValues = extras.closureValues ?? {}
  const holidays = [LocalDate.year(bounds.start), LocalDate.year(bounds.end)]
    .flatMap((y) => publicHolidays(y, calendar.alsaceMoselle))
    .filter((h) => h.date >= bounds.start && h.date <= bounds.end)
  return {
    title,
    activitiesHref: agentPaths.activities,
    zone: calendar.zone,
    alsaceMoselle: calendar.alsaceMoselle,
    schoolWeekdays: calendar.schoolWeekdays.map((d) => weekdayNames[d - 1]).join(", "),
    year,
    placeholder: known?.placeholder === true,
    years: calendar.knownSchoolYears.map((k) => ({
      value: k.schoolYear,
      label: `${k.schoolYear}${k.placeholder ? " (estimation)" : ""}`,
      selected: k.schoolYear === year
    })),
    schoolHolidays: calendar.schoolHolidays.filter((p) => p.schoolYear === year).map((p) => ({ name: p.name, start: p.start, end: p.end })),
    publicHolidays: holidays.map((h) => ({ date: h.date, name: h.name })),
    closures: closurePeriods(calendar.closures.filter((c) => c.date >= bounds.start && c.date <= bounds.end)).map((period) => ({
      from: period.from,
      to: period.to,
      single: period.from === period.to,
      reason: period.reason,
      kinds: period.activityKinds.length === 0 ? "tous les services" : period.activityKinds.map(kindName).join(", "),
      reopenable: period.dates.filter((d) => d >= today).map((d) => ({ value: d, label: LocalDate.formatFr(d) }))
    })),
    closureAction: agentActivityPaths.calendarClosures,
    reopenAction: agentActivityPaths.calendarReopening,
    importAction: agentActivityPaths.calendarImport,
    closureValues,
    kindChoices: kinds.map((kind) => ({ field: kindField(kind), value: kind, label: kindName(kind), checked: closureValues[kindField(kind)] === "oui" })),
    values: {}
  }
}

const cancellationRow = async (kit: PortalKit, cancellation: ClosureCancellation) => {
  const household = await kit.attempt(Effect.flatMap(HouseholdRepository, (households) => households.get(cancellation.reservation.householdId)))
  const found = household._tag === "Right" ? household.right : undefined
  const child = found?.child(cancellation.reservation.childId)
  return {
    date: cancellation.session.date,
    activity: cancellation.activityName,
    child: child === undefined ? "Enfant" : `${child.firstName} ${upper(child.lastName)}`,
    family: found === undefined ? undefined : { name: found.familyName, reference: found.reference, href: agentHouseholdPath(found.id) }
  }
}

const yearsShown = (preview: SchoolCalendarImportPreview) =>
  preview.years.map((y) => ({
    schoolYear: y.schoolYear,
    knownBefore: y.knownBefore === "unknown" ? "nouvelle année" : y.knownBefore === "placeholder" ? "remplace l'estimation" : "remplace le calendrier enregistré",
    periods: y.periods.map((p) => ({ name: p.name, start: p.start, end: p.end })),
    replaced: y.replaced.map((p) => ({ name: p.name, start: p.start, end: p.end }))
  }))

const encodeYears = Schema.encodeSync(Schema.Array(Schema.Struct({ schoolYear: Schema.String, periods: Schema.Array(SchoolHolidayPeriod) })))

/**
 * The town's calendar in the back office (`activities.manage`): `GET /agents/calendrier` (zone,
 * school days, holidays of a school year, public holidays, closures), `POST
 * /agents/calendrier/fermetures` (close a day or a period for a reason: `closeTownDays`; the page
 * says how many sessions were removed and which reservations were cancelled unbilled), `POST
 * /agents/calendrier/reouverture` (`reopenTownDay`), `POST /agents/calendrier/import` (an ICS file
 * of the ministry, multipart: the dry run `previewSchoolCalendarImport`) and `POST
 * /agents/calendrier/import/confirmation` (`applySchoolCalendarImport`).
 */
export function agentCalendarRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentActivityPaths.calendar, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    const notice = notices[queryValue(ctx, "message")]
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "agents-calendar", await calendarPage(kit, ctx))
  })

  router.post(agentActivityPaths.calendarClosures, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const form = formOf(ctx)
    const page = await calendarPage(kit, ctx)
    const closureValues: Record<string, string> = {
      fermetureDu: form.text("fermetureDu", { maxLength: 20, label: "Premier jour" }),
      fermetureAu: form.text("fermetureAu", { maxLength: 20, label: "Dernier jour" }),
      fermetureMotif: form.text("fermetureMotif", { maxLength: 200, label: "Motif" })
    }
    for (const choice of page.kindChoices) closureValues[choice.field] = form.text(choice.field, { maxLength: 10 })
    const model = await calendarPage(kit, ctx, { closureValues })
    ctx.state.formView = {
      page: "agents-calendar",
      title,
      model,
      fieldOfPath: { from: "fermetureDu", to: "fermetureAu", reason: "fermetureMotif", activityKinds: "fermetureServices" }
    } satisfies FormView
    const kinds = page.kindChoices.filter((choice) => closureValues[choice.field] === "oui").map((choice) => choice.value)
    const from = textField(closureValues["fermetureDu"])
    const to = textField(closureValues["fermetureAu"])
    const reason = textField(closureValues["fermetureMotif"])
    const outcome = await kit.run(
      closeTownDays(agent, {
        ...(from === undefined ? {} : { from }),
        ...(reason === undefined ? {} : { reason }),
        ...(to === undefined ? {} : { to }),
        ...(kinds.length === 0 ? {} : { activityKinds: kinds })
      })
    )
    const cancelled = await Promise.all(outcome.cancelled.map((c) => cancellationRow(kit, c)))
    const families = new Set(outcome.cancelled.map((c) => c.reservation.householdId)).size
    const first = outcome.closures[0]?.date
    const last = outcome.closures.at(-1)?.date
    kit.render(ctx, "agents-calendar-closure", {
      title: "Fermeture enregistrée",
      calendarHref: `${agentActivityPaths.calendar}${first === undefined ? "" : `?annee=${LocalDate.schoolYear(first)}`}`,
      from: first,
      to: last,
      single: first === last,
      reason: outcome.closures[0]?.reason,
      sessionsRemoved: outcome.sessionsRemoved.length,
      reservationsCancelled: outcome.cancelled.length,
      families,
      waitlistRemoved: outcome.waitlistRemoved,
      cancelled
    })
  })

  router.post(agentActivityPaths.calendarReopening, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const day = formOf(ctx).text("jour", { maxLength: 20, label: "Jour" })
    ctx.state.formView = { page: "agents-calendar", title, model: await calendarPage(kit, ctx), fieldOfPath: { date: "fermetureDu" } }
    await kit.run(reopenTownDay(agent, { date: day }))
    seeOther(ctx, `${agentActivityPaths.calendar}?annee=${encodeURIComponent(LocalDate.schoolYear(LocalDate.unsafe(day)))}&message=jour-rouvert`)
  })

  router.post(agentActivityPaths.calendarImport, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "activities.manage")
    ctx.state.formView = { page: "agents-calendar", title, model: await calendarPage(kit, ctx), fieldOfTag: { SchoolCalendarIcsInvalid: "fichier", SchoolYearHolidaysRejected: "fichier" } }
    const file = uploadedFile(ctx, "fichier")
    checkForm(title, [file === undefined || file.bytes.length === 0 ? { path: "fichier", message: "Choisissez le fichier ICS du calendrier scolaire de votre zone (data.education.gouv.fr)." } : undefined])
    if (file === undefined) return
    const text = new TextDecoder("utf-8", { fatal: false }).decode(file.bytes)
    const preview = await kit.run(previewSchoolCalendarImport(text))
    checkForm(title, [
      preview.years.length === 0
        ? { path: "fichier", message: `Ce fichier n'apporte aucune année scolaire complète${preview.skipped.length > 0 ? ` (années incomplètes : ${preview.skipped.join(", ")})` : ""} : rien à importer.` }
        : undefined
    ])
    kit.render(ctx, "agents-calendar-import", {
      title: "Import du calendrier scolaire : vérification",
      calendarHref: agentActivityPaths.calendar,
      fileName: file.fileName,
      zone: preview.zone,
      years: yearsShown(preview),
      skipped: preview.skipped,
      applyAction: agentActivityPaths.calendarImportApply,
      payload: JSON.stringify(encodeYears(preview.years))
    })
  })

  router.post(agentActivityPaths.calendarImportApply, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "activities.manage")
    const payload = formOf(ctx).text("annees", { maxLength: 50_000, label: "Années" })
    ctx.state.formView = { page: "agents-calendar", title, model: await calendarPage(kit, ctx), fieldOfPath: { "": "fichier" }, fieldOfTag: { SchoolYearHolidaysRejected: "fichier" } }
    let years: unknown
    try {
      years = JSON.parse(payload)
    } catch {
      years = payload
    }
    const applied = await kit.run(applySchoolCalendarImport(agent, { years }))
    const first = applied.schoolYears[0]
    seeOther(ctx, `${agentActivityPaths.calendar}?${first === undefined ? "" : `annee=${encodeURIComponent(first)}&`}message=calendrier-importe`)
  })
}
