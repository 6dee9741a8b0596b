import {
  type Activity,
  ActivityCatalogue,
  acceptOffer,
  type AgendaEntry,
  type AgendaStatus,
  agendaOfChild,
  type BatchOutcome,
  type BookingCalendarEntry,
  bookingCalendarOfChild,
  type BookingRuleRefusal,
  bookSessions,
  BookSessionsCommand,
  type CancellationBatchOutcome,
  cancelReservations,
  CancelReservationsCommand,
  type Child,
  type ChildForBooking,
  childForBookingOf,
  Clock,
  declineOffer,
  type Deadline,
  type Household,
  type HouseholdId,
  HouseholdRepository,
  holidayWeeksOfChild,
  Instant,
  InvalidInput,
  LocalDate,
  NoPendingOffer,
  ParisTime,
  ReservationId,
  type Session,
  SessionId,
  SessionLedgerRepository,
  SessionPattern,
  SessionRepository,
  sessionsForPattern,
  WaitlistOfferAnswer,
  waitlistPositionOf
} from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { checkForm, type FieldProblem, type FormFields, formOf, type PortalContext, type PortalState, requireHousehold } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { memberPath, portalPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"
import { seeOther } from "../middleware/Errors.js"

const title = "Gérer mes réservations"

const monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
const weekdayNames = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"]

const notices: Readonly<Record<string, string>> = {
  "place-acceptee": "Vous avez accepté la place proposée : la réservation est confirmée.",
  "place-refusee": "Vous avez refusé la place proposée : elle est proposée à la famille suivante."
}

/** The household of the logged-in family, read through the core. */
export const householdOf = (kit: PortalKit, householdId: HouseholdId): Promise<Household> =>
  kit.run(Effect.flatMap(HouseholdRepository, (households) => households.get(householdId)))

/** A child of the household by the id given in an address or a form; the 404 page for any other id. */
export function childOf(ctx: PortalContext, household: Household, childId: string | undefined): { readonly child: Child; readonly booking: ChildForBooking } {
  const child = childId === undefined ? household.children[0] : household.children.find((c) => c.id === childId)
  const booking = child === undefined ? undefined : childForBookingOf(household, child.id)
  if (child === undefined || booking === undefined) return refuse(new PageNotFound({ path: ctx.path }))
  return { child, booking }
}

/** A query parameter given once, as text. */
export const queryText = (ctx: PortalContext, name: string): string | undefined => {
  const value = ctx.query[name]
  return typeof value === "string" && value.length <= 200 ? value : undefined
}

/** "décembre 2026". */
export const monthLabel = (date: LocalDate.LocalDate): string => `${monthNames[LocalDate.month(date) - 1] ?? ""} ${LocalDate.year(date)}`

/** The month asked for (`2026-12`), the current month when absent or not a month. */
export function monthOf(text: string | undefined, today: LocalDate.LocalDate): { readonly key: string; readonly start: LocalDate.LocalDate; readonly end: LocalDate.LocalDate } {
  const match = text === undefined ? null : /^(\d{4})-(\d{2})$/.exec(text)
  const year = match === null ? NaN : Number(match[1])
  const month = match === null ? NaN : Number(match[2])
  const start = year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? LocalDate.of(year, month, 1) : LocalDate.firstOfMonth(today)
  return { key: LocalDate.yearMonth(start), start, end: LocalDate.lastOfMonth(start) }
}

/** The address of the reservations page for a child and a month. */
export const reservationsHref = (childId: string, month?: string): string =>
  `${portalPaths.reservations}?enfant=${encodeURIComponent(childId)}${month === undefined ? "" : `&mois=${encodeURIComponent(month)}`}`

/** "Accueil du mercredi – Matin (8h30 - 12h)". */
export const sessionLabel = (activity: Activity, slotCode: string | undefined): string => {
  const slot = slotCode === undefined ? undefined : activity.slots.find((s) => s.code === slotCode)
  return slot === undefined ? activity.name : `${activity.name} – ${slot.label}`
}

/** Where a child stands on a session, in French, as the calendar and the agenda show it. */
export function stateLabel(status: AgendaStatus, agenda: AgendaEntry | undefined): string {
  const booking = agenda?.booking
  switch (status) {
    case "booked":
      return "Réservé"
    case "waitlisted":
      return booking?._tag === "Waitlisted" ? `En liste d'attente (position ${booking.position})` : "En liste d'attente"
    case "offered":
      return booking?._tag === "Offered" ? `Place proposée : à accepter avant le ${ParisTime.formatFr(booking.expiresAt)}` : "Place proposée"
    case "cancelled":
      return booking?._tag === "Cancelled" && booking.late ? "Annulé hors délai" : "Annulé"
    case "absent":
      return agenda?.absence === undefined ? "Absent" : agenda.absence.justified ? "Absent (absence justifiée)" : "Absent (absence signalée)"
    case "attended":
      return "Présent"
    case "not-booked":
      return "Non réservé"
  }
}

/** Why a session cannot be booked now, in a few words with the date that matters. */
export function unavailableReason(refusal: BookingRuleRefusal): string {
  switch (refusal._tag) {
    case "BookingDeadlinePassed":
      return `Délai dépassé : réservation possible jusqu'au ${ParisTime.formatFr(refusal.deadline)}`
    case "BookingWindowNotOpen":
      return `Réservations ouvertes à partir du ${ParisTime.formatFr(refusal.opensAt)}`
    case "BookingWindowClosed":
      return `Réservations closes depuis le ${ParisTime.formatFr(refusal.closedAt)}`
    case "BookingCalendarNotPublished":
      return "Calendrier de réservation pas encore publié"
    case "PhaseClosedToNonResidents":
      return refusal.opensToEveryoneAt === undefined
        ? "Réservations réservées pour l'instant aux habitants de la commune"
        : `Réservations ouvertes aux familles hors commune à partir du ${ParisTime.formatFr(refusal.opensToEveryoneAt)}`
    case "ChildNotEnrolled":
      return `Non inscrit : pas de dossier unique accepté (${refusal.enrollmentFamily}, ${refusal.schoolYear})`
    case "ChildNotEligible":
      return "Activité non ouverte à l'enfant (âge ou niveau scolaire)"
    case "HouseholdBlockedForUnpaidInvoices":
      return "Réservations suspendues : factures impayées"
  }
}

const deadlineText = (deadline: Deadline): string => {
  const at = `à ${deadline.at}`
  if (deadline.daysBefore === 0) return `jusqu'au jour même ${at}`
  if (deadline.counting === "working") {
    return deadline.daysBefore === 1 ? `jusqu'au jour ouvré précédent ${at}` : `jusqu'à ${deadline.daysBefore} jours ouvrés avant ${at}`
  }
  return deadline.daysBefore === 1 ? `jusqu'à la veille ${at}` : `jusqu'à ${deadline.daysBefore} jours avant ${at}`
}

/** The town's booking rules per activity, in French, for the top of the page. */
const rulesOf = (activities: ReadonlyArray<Activity>) =>
  activities.map((a) => {
    const policy = a.bookingPolicy
    const booking = deadlineText(policy.bookingDeadline)
    const cancellation = deadlineText(policy.cancellationDeadline)
    const parts = [
      policy.windows.length > 0 ? "réservation selon le calendrier de réservation (consultable dans « Édition de documents »)" : `réservation ${booking}`,
      policy.windows.length > 0 ? `au plus tard ${booking.replace(/^jusqu'(à|au) /, "")}` : undefined,
      policy.wholeWeekOnly ? "par semaine entière" : undefined,
      `annulation sans frais ${cancellation}`
    ].filter((p): p is string => p !== undefined)
    return { name: a.name, text: `${parts.join(", ")}.` }
  })

const entryModel = (entry: BookingCalendarEntry) => {
  const { session, activity, action } = entry
  const label = sessionLabel(activity, session.slot)
  const base = {
    id: session.id,
    field: `s-${session.id}`,
    label,
    activityName: activity.name,
    slotLabel: entry.slot?.label,
    startsAt: session.startsAt,
    date: session.date,
    weekday: LocalDate.isoWeekday(session.date),
    state: stateLabel(entry.status, entry.agenda),
    stateClass: `state-${entry.status}`
  }
  switch (action._tag) {
    case "Book":
      return { ...base, choice: "reserver", choiceLabel: action.full ? "Demander une place" : "Réserver", hint: action.full ? "Complet : l'enfant sera inscrit en liste d'attente." : undefined }
    case "Cancel":
      return {
        ...base,
        choice: "annuler",
        choiceLabel: action.leavesWaitlist ? "Quitter la liste d'attente" : "Annuler",
        hint: action.leavesWaitlist
          ? undefined
          : action.late
            ? "Hors délai : la séance reste facturée, sauf absence justifiée."
            : `Sans frais jusqu'au ${ParisTime.formatFr(action.freeUntil)}.`
      }
    case "AnswerOffer":
      return { ...base, offer: { expiresAt: ParisTime.formatFr(action.expiresAt) } }
    case "BookWholeWeek":
      return { ...base, reason: "Se réserve à la semaine entière : voir « Réserver une semaine de vacances »." }
    case "Unavailable":
      return { ...base, reason: unavailableReason(action.refusal) }
    case "Started":
      return base
  }
}

/** The month as weeks of Monday to Friday, each day with its sessions; weeks without a day of the month are left out. */
function calendarWeeks(start: LocalDate.LocalDate, end: LocalDate.LocalDate, entries: ReadonlyArray<BookingCalendarEntry>, today: LocalDate.LocalDate) {
  const byDate = new Map<string, Array<ReturnType<typeof entryModel>>>()
  for (const entry of entries) byDate.set(entry.session.date, [...(byDate.get(entry.session.date) ?? []), entryModel(entry)])
  const weeks: Array<{ readonly days: ReadonlyArray<PageModel> }> = []
  for (let monday = LocalDate.mondayOf(start); monday <= end; monday = LocalDate.addDays(monday, 7)) {
    const days = [0, 1, 2, 3, 4].map((offset) => {
      const date = LocalDate.addDays(monday, offset)
      const inMonth = date >= start && date <= end
      const dayEntries = inMonth ? byDate.get(date) ?? [] : []
      return {
        date,
        inMonth,
        isToday: date === today,
        heading: `${weekdayNames[offset] ?? ""} ${LocalDate.dayOfMonth(date) === 1 ? "1er" : LocalDate.dayOfMonth(date)}`,
        entries: dayEntries,
        empty: dayEntries.length === 0
      }
    })
    if (days.some((d) => d.inMonth)) weeks.push({ days })
  }
  return weeks
}

/** The core's "now". */
export const nowOf = (kit: PortalKit): Promise<Instant.Instant> => kit.run(Effect.flatMap(Clock, (clock) => clock.now))

/** A child chosen on the page, with the household it belongs to. */
interface Chosen {
  readonly household: Household
  readonly child: Child
  readonly booking: ChildForBooking
}

type Month = ReturnType<typeof monthOf>

/** Everything the reservations page shows for a child and a month (`values`: what the forms keep after a refusal). */
async function pageModel(kit: PortalKit, chosen: Chosen, month: Month, values: PageModel = {}): Promise<PageModel & { readonly title: string }> {
  const { household, child, booking } = chosen
  const now = await nowOf(kit)
  const today = ParisTime.dateAt(now)
  const [entries, weeks, activities, upcoming] = await Promise.all([
    kit.run(bookingCalendarOfChild(booking, month.start, month.end)),
    kit.run(holidayWeeksOfChild(booking)),
    kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list)),
    kit.run(agendaOfChild(child.id, today, LocalDate.addDays(today, 400)))
  ])
  const byActivity = new Map<string, Activity>(activities.map((a) => [a.id, a]))
  const offers = upcoming.flatMap((e) => {
    if (e.booking._tag !== "Offered" || e.householdId !== household.id) return []
    const activity = byActivity.get(e.activityId)
    return [
      {
        sessionId: e.sessionId,
        date: e.date,
        label: activity === undefined ? e.activityId : sessionLabel(activity, e.slot),
        expiresAt: ParisTime.formatFr(e.booking.expiresAt)
      }
    ]
  })
  const patternActivities = activities
    .filter((a) => !a.bookingPolicy.wholeWeekOnly)
    .flatMap((a) =>
      a.slots.length === 0 ? [{ value: a.id, label: a.name }] : a.slots.map((s) => ({ value: `${a.id}|${s.code}`, label: `${a.name} – ${s.label}` }))
    )
    .map((o) => ({ ...o, selected: values["rythmeActivite"] === o.value }))
  const holidayWeeks = weeks.map((w) => {
    const value = `${w.activity.id}|${w.weekOf}`
    const heldAll = w.held === w.sessions.length
    return {
      value,
      id: `semaine-${w.activity.id}-${w.weekOf}`,
      activityName: w.activity.name,
      windowLabel: w.window.label,
      weekOf: w.weekOf,
      days: w.sessions.map((s) => LocalDate.formatFr(s.date)).join(", "),
      status: heldAll ? "Semaine réservée." : w.held > 0 ? `${w.held} jour${w.held > 1 ? "s" : ""} sur ${w.sessions.length} déjà réservé${w.held > 1 ? "s" : ""}.` : undefined,
      reason: w.refusal === undefined || heldAll ? undefined : unavailableReason(w.refusal),
      open: w.refusal === undefined && !heldAll,
      checked: values["semaine"] === value
    }
  })
  const previous = LocalDate.yearMonth(LocalDate.addDays(month.start, -1))
  const next = LocalDate.yearMonth(LocalDate.addDays(month.end, 1))
  return {
    title,
    childId: child.id,
    childName: child.firstName,
    childHref: memberPath(child.id),
    absencesHref: `${portalPaths.absences}?enfant=${encodeURIComponent(child.id)}`,
    children: household.children.map((c) => ({ name: c.firstName, href: reservationsHref(c.id, month.key), current: c.id === child.id })),
    month: month.key,
    monthLabel: monthLabel(month.start),
    previousHref: reservationsHref(child.id, previous),
    previousLabel: monthLabel(LocalDate.unsafe(`${previous}-01`)),
    nextHref: reservationsHref(child.id, next),
    nextLabel: monthLabel(LocalDate.unsafe(`${next}-01`)),
    weekdays: weekdayNames,
    weeks: calendarWeeks(month.start, month.end, entries, today),
    hasSessions: entries.length > 0,
    hasChoices: entries.some((e) => e.action._tag === "Book" || e.action._tag === "Cancel" || e.action._tag === "AnswerOffer"),
    offers,
    rules: rulesOf(activities),
    patternActivities,
    weekdayChoices: weekdayNames.map((name, index) => ({ name: `rythmeJour${index + 1}`, label: name, checked: values[`rythmeJour${index + 1}`] === "oui" })),
    holidayWeeks,
    hasHolidayWeeks: holidayWeeks.length > 0,
    hasOpenHolidayWeeks: holidayWeeks.some((w) => w.open),
    actions: { calendar: portalPaths.reservations, pattern: portalPaths.reservationPattern, week: portalPaths.reservationWeek, offer: portalPaths.reservationOffer },
    values
  }
}

/** The child and month a form was posted for (hidden fields `enfant` and `mois`), from the household only. */
async function chosenFromForm(ctx: PortalContext, kit: PortalKit, form: FormFields): Promise<{ readonly chosen: Chosen; readonly month: Month }> {
  const householdId = requireHousehold(ctx)
  const household = await householdOf(kit, householdId)
  const { child, booking } = childOf(ctx, household, form.text("enfant", { maxLength: 64, label: "Enfant" }))
  const month = monthOf(form.text("mois", { maxLength: 7, label: "Mois" }), ParisTime.dateAt(await nowOf(kit)))
  return { chosen: { household, child, booking }, month }
}

/** One line of the answer: a session and what became of it. */
interface ResultLine {
  readonly date: LocalDate.LocalDate | undefined
  readonly label: string
  readonly outcome: string
  readonly message?: string
  readonly done: boolean
}

const bookingLines = (outcome: BatchOutcome, labelOf: (sessionId: string) => string): ReadonlyArray<ResultLine> =>
  outcome.outcomes.map((o) => {
    const base = { date: o.date, label: labelOf(o.sessionId) }
    switch (o.result._tag) {
      case "Booked":
        return { ...base, outcome: "Réservé.", done: true }
      case "Waitlisted":
        return { ...base, outcome: `Complet : inscrit en liste d'attente (position ${o.result.position}).`, done: true }
      case "Refused":
        return { ...base, outcome: "Non réservé.", message: o.result.refusal.message, done: false }
    }
  })

const cancellationLines = (outcome: CancellationBatchOutcome, labelOf: (sessionId: string) => string): ReadonlyArray<ResultLine> =>
  outcome.outcomes.map((o) => {
    const base = { date: o.date, label: labelOf(o.sessionId) }
    switch (o.result._tag) {
      case "Cancelled":
        return o.result.late
          ? { ...base, outcome: "Annulé hors délai : la séance reste facturée, sauf absence justifiée (« Signaler une absence »).", done: true }
          : { ...base, outcome: "Annulé sans frais.", done: true }
      case "LeftWaitlist":
        return { ...base, outcome: "Retiré de la liste d'attente.", done: true }
      case "Refused":
        return { ...base, outcome: "Non annulé.", message: o.result.refusal.message, done: false }
    }
  })

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`

/** The answer page: per day, what was done and each refusal's message; 400 when nothing could be done. */
function renderResult(ctx: PortalContext, kit: PortalKit, chosen: Chosen, month: Month, lines: ReadonlyArray<ResultLine>, heading: string): void {
  const byDate = new Map<string, Array<ResultLine>>()
  for (const line of lines) byDate.set(line.date ?? "", [...(byDate.get(line.date ?? "") ?? []), line])
  const days = [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, dayLines]) => ({ date: date === "" ? undefined : date, lines: dayLines }))
  const done = lines.filter((l) => l.done).length
  const refused = lines.length - done
  const summary = [done > 0 ? plural(done, "demande acceptée", "demandes acceptées") : undefined, refused > 0 ? plural(refused, "demande refusée", "demandes refusées") : undefined]
    .filter((p): p is string => p !== undefined)
    .join(", ")
  kit.render(
    ctx,
    "reservations-result",
    {
      title,
      heading,
      childName: chosen.child.firstName,
      summary: `${summary}.`,
      someRefused: refused > 0,
      days,
      backHref: reservationsHref(chosen.child.id, month.key),
      monthLabel: monthLabel(month.start)
    },
    done === 0 ? 400 : 200
  )
}

const labelsOf = (activities: ReadonlyArray<Activity>, sessions: ReadonlyArray<Session>) => {
  const byActivity = new Map<string, Activity>(activities.map((a) => [a.id, a]))
  const bySession = new Map<string, string>()
  for (const s of sessions) {
    const activity = byActivity.get(s.activityId)
    bySession.set(s.id, activity === undefined ? s.activityId : sessionLabel(activity, s.slot))
  }
  return (sessionId: string) => bySession.get(sessionId) ?? sessionId
}

const weekdayFields = [1, 2, 3, 4, 5] as const

/**
 * "Gérer mes réservations": a child's month as a calendar (each day's sessions, where the child
 * stands, a box to book or cancel when the rules allow, the reason otherwise), the ticked changes
 * applied through the core's `bookSessions` / `cancelReservations` with an answer per day, a weekly
 * pattern (`sessionsForPattern`), a whole holiday week, and the answers to places offered from the
 * waiting list. Every child and session is read for the logged-in household only.
 */
export function reservationRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.reservations, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const household = await householdOf(kit, householdId)
    const notice = notices[queryText(ctx, "message") ?? ""]
    if (notice !== undefined) ctx.state.notice = notice
    if (household.children.length === 0) {
      kit.render(ctx, "reservations", { title, noChildren: true })
      return
    }
    const { child, booking } = childOf(ctx, household, queryText(ctx, "enfant"))
    const month = monthOf(queryText(ctx, "mois"), ParisTime.dateAt(await nowOf(kit)))
    kit.render(ctx, "reservations", await pageModel(kit, { household, child, booking }, month))
  })

  router.post(portalPaths.reservations, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const { chosen, month } = await chosenFromForm(ctx, kit, form)
    const entries = await kit.run(bookingCalendarOfChild(chosen.booking, month.start, month.end))
    const toBook: Array<SessionId> = []
    const toCancel: Array<SessionId> = []
    for (const entry of entries) {
      const field = `s-${entry.session.id}`
      if (!form.has(field)) continue
      const choice = form.text(field, { maxLength: 20, label: entry.session.date })
      if (choice === "reserver") toBook.push(entry.session.id)
      else if (choice === "annuler") toCancel.push(entry.session.id)
    }
    if (toBook.length === 0 && toCancel.length === 0) {
      ctx.state.formView = { page: "reservations", title, model: await pageModel(kit, chosen, month) }
      refuse(
        new InvalidInput({
          subject: title,
          problems: [{ path: "", message: "Cochez au moins une séance à réserver ou à annuler, puis enregistrez vos choix." }]
        })
      )
    }
    const booked = toBook.length === 0 ? undefined : await kit.run(bookSessions(new BookSessionsCommand({ child: chosen.booking, sessionIds: toBook })))
    const cancelled =
      toCancel.length === 0
        ? undefined
        : await kit.run(cancelReservations(new CancelReservationsCommand({ childId: chosen.child.id, householdId: chosen.household.id, sessionIds: toCancel })))
    const labelOf = labelsOf(
      entries.map((e) => e.activity),
      entries.map((e) => e.session)
    )
    const lines = [...(booked === undefined ? [] : bookingLines(booked, labelOf)), ...(cancelled === undefined ? [] : cancellationLines(cancelled, labelOf))]
    renderResult(ctx, kit, chosen, month, lines, `Vos choix pour ${chosen.child.firstName}`)
  })

  router.post(portalPaths.reservationPattern, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const { chosen, month } = await chosenFromForm(ctx, kit, form)
    const values: Record<string, string> = {
      rythmeActivite: form.text("rythmeActivite", { maxLength: 130, label: "Activité" }),
      rythmeDu: form.text("rythmeDu", { maxLength: 10, label: "Du" }),
      rythmeAu: form.text("rythmeAu", { maxLength: 10, label: "Au" })
    }
    for (const day of weekdayFields) values[`rythmeJour${day}`] = form.text(`rythmeJour${day}`, { maxLength: 3, label: weekdayNames[day - 1] ?? "" })
    ctx.state.formView = { page: "reservations", title, model: await pageModel(kit, chosen, month, values) }
    const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
    const [activityId, slot] = values["rythmeActivite"]?.split("|") ?? []
    const activity = activities.find((a) => a.id === activityId && !a.bookingPolicy.wholeWeekOnly)
    const slotKnown = slot === undefined ? activity?.slots.length === 0 : activity?.slots.some((s) => s.code === slot) === true
    const start = LocalDate.parse(values["rythmeDu"])
    const end = LocalDate.parse(values["rythmeAu"])
    const weekdays = weekdayFields.filter((day) => values[`rythmeJour${day}`] === "oui")
    const problems: Array<FieldProblem | undefined> = [
      activity === undefined || !slotKnown ? { path: "rythmeActivite", message: "Choisissez l'activité à réserver." } : undefined,
      weekdays.length === 0 ? { path: "rythmeJour1", message: "Cochez au moins un jour de la semaine." } : undefined,
      start._tag === "Left" ? { path: "rythmeDu", message: "Indiquez le premier jour de la période (jour, mois, année)." } : undefined,
      end._tag === "Left" ? { path: "rythmeAu", message: "Indiquez le dernier jour de la période (jour, mois, année)." } : undefined
    ]
    if (start._tag === "Right" && end._tag === "Right") {
      if (end.right < start.right) problems.push({ path: "rythmeAu", message: "La période doit finir après son premier jour." })
      else if (LocalDate.daysBetween(start.right, end.right) > 366) problems.push({ path: "rythmeAu", message: "Réservez un rythme sur un an au plus." })
    }
    checkForm(title, problems)
    if (activity === undefined || start._tag === "Left" || end._tag === "Left") return
    const sessions = await kit.run(
      sessionsForPattern(activity.id, new SessionPattern({ weekdays, start: start.right, end: end.right, ...(slot === undefined ? {} : { slot }) }))
    )
    if (sessions.length === 0) {
      checkForm(title, [{ path: "rythmeDu", message: "Aucune séance de cette activité ces jours-là sur cette période : choisissez d'autres jours ou une autre période." }])
    }
    const booked = await kit.run(bookSessions(new BookSessionsCommand({ child: chosen.booking, sessionIds: sessions.map((s) => s.id) })))
    renderResult(ctx, kit, chosen, month, bookingLines(booked, labelsOf(activities, sessions)), `Rythme réservé pour ${chosen.child.firstName}`)
  })

  router.post(portalPaths.reservationWeek, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const { chosen, month } = await chosenFromForm(ctx, kit, form)
    const value = form.text("semaine", { maxLength: 130, label: "Semaine" })
    ctx.state.formView = { page: "reservations", title, model: await pageModel(kit, chosen, month, { semaine: value }) }
    const activities = await kit.run(Effect.flatMap(ActivityCatalogue, (catalogue) => catalogue.list))
    const [activityId, weekText] = value.split("|")
    const activity = activities.find((a) => a.id === activityId)
    const weekOf = LocalDate.parse(weekText)
    checkForm(title, [
      activity === undefined || weekOf._tag === "Left" ? { path: "semaine", message: "Choisissez la semaine de vacances à réserver." } : undefined
    ])
    if (activity === undefined || weekOf._tag === "Left") return
    const monday = LocalDate.mondayOf(weekOf.right)
    const sessions = await kit.run(Effect.flatMap(SessionRepository, (store) => store.listByActivity(activity.id, monday, LocalDate.addDays(monday, 4))))
    if (sessions.length === 0) checkForm(title, [{ path: "semaine", message: "Aucune séance cette semaine-là : choisissez une autre semaine." }])
    const booked = await kit.run(bookSessions(new BookSessionsCommand({ child: chosen.booking, sessionIds: sessions.map((s) => s.id) })))
    renderResult(ctx, kit, chosen, month, bookingLines(booked, labelsOf(activities, sessions)), `Semaine de vacances pour ${chosen.child.firstName}`)
  })

  router.post(portalPaths.reservationOffer, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const { chosen, month } = await chosenFromForm(ctx, kit, form)
    const accept = form.text("accepter", { maxLength: 64, label: "Accepter la place" })
    const decline = form.text("refuser", { maxLength: 64, label: "Refuser" })
    const sessionText = accept !== "" ? accept : decline
    if (sessionText === "") return refuse(new PageNotFound({ path: ctx.path }))
    const sessionId = SessionId.make(sessionText)
    const ledger = await kit.run(Effect.flatMap(SessionLedgerRepository, (ledgers) => ledgers.get(sessionId)))
    const waiting = waitlistPositionOf(ledger, chosen.child.id)
    if (waiting === undefined || waiting.entry.householdId !== chosen.household.id || waiting.entry.offer === undefined) {
      return refuse(new NoPendingOffer({ sessionId, sessionDate: ledger.session.date, reservationId: waiting?.entry.reservationId ?? ReservationId.make("aucune") }))
    }
    const answer = new WaitlistOfferAnswer({ sessionId, reservationId: waiting.entry.reservationId, householdId: chosen.household.id })
    if (accept !== "") await kit.run(acceptOffer(answer))
    else await kit.run(declineOffer(answer))
    seeOther(ctx, `${reservationsHref(chosen.child.id, month.key)}&message=${accept !== "" ? "place-acceptee" : "place-refusee"}`)
  })
}
