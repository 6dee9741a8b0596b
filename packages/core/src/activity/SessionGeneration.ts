import { Either, Schema } from "effect"
import {
  closureOn,
  ensureCalendarKnown,
  isPublicHoliday,
  isSchoolDay,
  isSchoolHoliday,
  type SchoolCalendarUnknown
} from "../calendar/CalendarRules.js"
import type { TownCalendar } from "../calendar/TownCalendar.js"
import { SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { type TimeOfDay, timeOfDay } from "../shared/ParisTime.js"
import type { Activity, ActivityKind, ActivitySchedule, Slot } from "./Activity.js"
import { Session } from "./Session.js"

/** A town's own kind of activity (`custom:…`) has no schedule set, so its days are unknown. */
export class ActivityScheduleMissing extends Schema.TaggedError<ActivityScheduleMissing>()("ActivityScheduleMissing", {
  activityId: Schema.String,
  activityName: Schema.String,
  kind: Schema.String
}) {
  override get message(): string {
    return (
      `Les séances de l'activité « ${this.activityName} » ne peuvent pas être générées : ` +
      `ce type d'activité propre à la commune n'a pas de jours de fonctionnement. ` +
      `Indiquez dans la fiche de l'activité si elle a lieu les jours d'école, les mercredis, ` +
      `les jours de semaine des vacances ou tous les jours de semaine.`
    )
  }
}

/** The days an activity's sessions run on: its `schedule`, or its kind's default. */
export function scheduleOf(activity: Activity): ActivitySchedule | undefined {
  if (activity.schedule !== undefined) return activity.schedule
  switch (activity.kind) {
    case "morning":
    case "evening":
    case "canteen":
      return "school-days"
    case "wednesday":
      return "wednesdays"
    case "holiday":
      return "holiday-weekdays"
    default:
      return undefined
  }
}

const KIND_START: Readonly<Record<string, string>> = {
  morning: "07:30",
  canteen: "11:45",
  evening: "16:30",
  wednesday: "08:30",
  holiday: "08:30"
}
const SLOT_START: Readonly<Record<string, string>> = { "apres-midi": "13:30" }

/**
 * When a session starts when nothing is set: by slot code (`apres-midi` 13:30), else by kind
 * (morning 07:30, canteen 11:45, evening 16:30, wednesday 08:30, holiday 08:30, a town's own
 * kind 08:30).
 */
export function defaultSessionStart(kind: ActivityKind, slotCode?: string): TimeOfDay {
  const bySlot = slotCode === undefined ? undefined : SLOT_START[slotCode]
  return timeOfDay(bySlot ?? KIND_START[kind] ?? "08:30")
}

/**
 * Start time of a session: the slot's `startsAt`; else the slot code's default (`apres-midi`
 * 13:30); else the activity's `startsAt`; else the kind's default ({@link defaultSessionStart}).
 */
export function sessionStartOf(activity: Activity, slot?: Slot): TimeOfDay {
  if (slot?.startsAt !== undefined) return slot.startsAt
  const bySlot = slot === undefined ? undefined : SLOT_START[slot.code]
  if (bySlot !== undefined) return timeOfDay(bySlot)
  return activity.startsAt ?? defaultSessionStart(activity.kind)
}

/** Whether an activity following `schedule` runs on a date of the town's calendar (closures aside). */
export function scheduleRunsOn(schedule: ActivitySchedule, calendar: TownCalendar, date: LocalDate.LocalDate): boolean {
  const weekday = LocalDate.isoWeekday(date)
  switch (schedule) {
    case "school-days":
      return isSchoolDay(calendar, date)
    case "wednesdays":
      return weekday === 3 && !isSchoolHoliday(calendar, date) && !isPublicHoliday(calendar, date)
    case "holiday-weekdays":
      return weekday <= 5 && isSchoolHoliday(calendar, date) && !isPublicHoliday(calendar, date)
    case "every-weekday":
      return weekday <= 5 && !isPublicHoliday(calendar, date)
  }
}

const MAX_ID = 64

function fnv1a(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0
  }
  return h1.toString(36).padStart(7, "0") + h2.toString(36).padStart(7, "0")
}

/**
 * The deterministic id of an activity's session on a date (and slot):
 * `${activityId}:${date}` or `${activityId}:${date}:${slot}`, so that generating again gives the
 * same ids. When that exceeds the 64 characters of an id, the activity-id part is shortened and a
 * hash of the full key appended (`…~<hash>:${date}:${slot}` shape kept as far as it fits).
 */
export function sessionIdFor(activityId: string, date: LocalDate.LocalDate, slot?: string): SessionId {
  const key = slot === undefined ? `${activityId}:${date}` : `${activityId}:${date}:${slot}`
  if (key.length <= MAX_ID) return SessionId.make(key)
  const hash = fnv1a(key)
  const tail = slot === undefined ? `:${date}` : `:${date}:${slot}`
  const room = MAX_ID - hash.length - 1 - tail.length
  const shortened = room >= 4 ? `${activityId.slice(0, room)}~${hash}${tail}` : `${activityId.slice(0, 16)}~${hash}`
  return SessionId.make(shortened.slice(0, MAX_ID))
}

/**
 * The sessions of an activity from `start` to `end` (both included), from its schedule and the
 * town's calendar: `canteen`, `morning`, `evening` on school days; `wednesday` on Wednesdays
 * outside school holidays; `holiday` on Monday–Friday of school holidays; never on a public
 * holiday nor on a closure of the town for that kind. One session per slot where the activity has
 * slots (capacity: the slot's, else the activity's). Refused when the school calendar of a school
 * year the range touches is unknown. Ids come from {@link sessionIdFor}: regeneration is idempotent.
 */
export function generateSessions(
  activity: Activity,
  calendar: TownCalendar,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate
): Either.Either<ReadonlyArray<Session>, SchoolCalendarUnknown | ActivityScheduleMissing> {
  const schedule = scheduleOf(activity)
  if (schedule === undefined) {
    return Either.left(new ActivityScheduleMissing({ activityId: activity.id, activityName: activity.name, kind: activity.kind }))
  }
  return Either.map(ensureCalendarKnown(calendar, start, end), () => {
    const sessions: Array<Session> = []
    if (end < start) return sessions
    for (const date of LocalDate.range(start, end)) {
      if (!scheduleRunsOn(schedule, calendar, date) || closureOn(calendar, date, activity.kind) !== undefined) continue
      if (activity.slots.length === 0) {
        sessions.push(new Session({
          id: sessionIdFor(activity.id, date),
          activityId: activity.id,
          date,
          startsAt: sessionStartOf(activity),
          capacity: activity.capacity
        }))
      } else {
        for (const slot of activity.slots) {
          sessions.push(new Session({
            id: sessionIdFor(activity.id, date, slot.code),
            activityId: activity.id,
            date,
            slot: slot.code,
            startsAt: sessionStartOf(activity, slot),
            capacity: slot.capacity ?? activity.capacity
          }))
        }
      }
    }
    return sessions
  })
}
