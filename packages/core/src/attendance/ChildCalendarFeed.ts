import { Effect } from "effect"
import type { Activity, ActivityKind, Slot } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { Child } from "../household/Household.js"
import { Clock } from "../shared/Clock.js"
import type { HouseholdId, SessionId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import type { AgendaEntry } from "./Agenda.js"
import { agendaOfChild } from "./AttendanceUseCases.js"

const KIND_END: Readonly<Record<string, string>> = {
  morning: "08:30",
  canteen: "13:30",
  evening: "18:30",
  wednesday: "17:30",
  holiday: "17:30"
}
const SLOT_END: Readonly<Record<string, string>> = { matin: "12:00", "apres-midi": "17:30", journee: "17:30" }

/**
 * When a session ends, Paris time, as calendars show it (sessions only carry their start): by
 * slot code (`matin` 12:00, `apres-midi` and `journee` 17:30), else by kind (morning care until
 * 08:30 when school starts, canteen 13:30, evening care 18:30, Wednesdays and holidays 17:30);
 * a town's own kind, or an end not after the start, lasts one hour.
 */
export function sessionEndOf(kind: ActivityKind, startsAt: ParisTime.TimeOfDay, slotCode?: string): ParisTime.TimeOfDay {
  const end = (slotCode === undefined ? undefined : SLOT_END[slotCode]) ?? KIND_END[kind]
  if (end !== undefined && end > startsAt) return ParisTime.timeOfDay(end)
  const minutes = Math.min(23 * 60 + 59, Number(startsAt.slice(0, 2)) * 60 + Number(startsAt.slice(3, 5)) + 60)
  return ParisTime.timeOfDay(`${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`)
}

/** A slot's name for a title, lower case and without its hours: "Matin (8h30 - 12h)" → "matin". */
export function slotShortLabel(slot: Slot): string {
  const name = slot.label.replace(/\s*\(.*\)\s*$/, "").trim()
  return name.length === 0 ? slot.code : name.charAt(0).toLocaleLowerCase("fr-FR") + name.slice(1)
}

/** One session of a child's private calendar (an iCalendar event). */
export interface ChildCalendarEvent {
  /** Stable across the life of the place (booked, waiting, booked from the waiting list). */
  readonly uid: string
  readonly sessionId: SessionId
  readonly start: Instant.Instant
  readonly end: Instant.Instant
  /** "Léa – Accueil du mercredi (matin)". */
  readonly summary: string
  /** `confirmed` for a place held, `tentative` for the waiting list or a place offered. */
  readonly status: "confirmed" | "tentative"
  /** Where the child stands, in French. */
  readonly description: string
}

/**
 * The events of a child's private calendar from the agenda: one per session the child holds a
 * place on (booked) or waits for (waiting list, place offered); cancelled sessions and presences
 * without booking are left out. Times come from the session's start and `sessionEndOf`.
 */
export function childCalendarEvents(
  child: Pick<Child, "id" | "firstName">,
  agenda: ReadonlyArray<AgendaEntry>,
  activities: ReadonlyArray<Activity>
): ReadonlyArray<ChildCalendarEvent> {
  const byId = new Map<string, Activity>(activities.map((a) => [a.id, a]))
  const events: Array<ChildCalendarEvent> = []
  for (const entry of agenda) {
    if (entry.childId !== child.id || entry.startsAt === undefined) continue
    const booking = entry.booking
    if (booking._tag !== "Booked" && booking._tag !== "Waitlisted" && booking._tag !== "Offered") continue
    const activity = byId.get(entry.activityId)
    const slot = entry.slot === undefined ? undefined : activity?.slots.find((s) => s.code === entry.slot)
    const name = activity?.name ?? entry.activityId
    const end = sessionEndOf(activity?.kind ?? "custom:", entry.startsAt, entry.slot)
    const description =
      booking._tag === "Booked"
        ? entry.absence !== undefined
          ? `Absence signalée${entry.absence.justified ? " (justifiée)" : ""}.`
          : "Place réservée."
        : booking._tag === "Waitlisted"
          ? `En liste d'attente, position ${booking.position}.`
          : `Place proposée depuis la liste d'attente : à accepter avant le ${ParisTime.formatFr(booking.expiresAt)}.`
    events.push({
      uid: `${entry.sessionId}/${child.id}`,
      sessionId: entry.sessionId,
      start: ParisTime.toInstant(entry.date, entry.startsAt),
      end: ParisTime.toInstant(entry.date, end),
      summary: `${child.firstName} – ${name}${slot === undefined ? "" : ` (${slotShortLabel(slot)})`}`,
      status: booking._tag === "Booked" ? "confirmed" : "tentative",
      description
    })
  }
  return events.sort((a, b) => Instant.compare(a.start, b.start))
}

/**
 * A child's private calendar: the events (`childCalendarEvents`) of the sessions from `daysBack`
 * days ago to `daysAhead` days ahead, for the child's household only.
 */
export const childCalendarFeed = (
  householdId: HouseholdId,
  child: Pick<Child, "id" | "firstName">,
  options: { readonly daysBack: number; readonly daysAhead: number } = { daysBack: 31, daysAhead: 366 }
) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const today = ParisTime.dateAt(now)
    const agenda = yield* agendaOfChild(child.id, LocalDate.addDays(today, -options.daysBack), LocalDate.addDays(today, options.daysAhead))
    const activities = yield* (yield* ActivityCatalogue).list
    return { generatedAt: now, events: childCalendarEvents(child, agenda.filter((e) => e.householdId === householdId), activities) }
  })
