import { Schema } from "effect"
import type { Session } from "../activity/Session.js"
import { Reservation, ReservationAbsence } from "../reservation/Reservation.js"
import type { SessionLedger } from "../reservation/SessionLedger.js"
import { ActivityId, HouseholdId, MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import { TimeOfDay } from "../shared/ParisTime.js"
import { type AttendanceRecord, AttendanceStatus } from "./AttendanceRecord.js"

/** Where a child stands on a session in the agenda. */
export const AgendaBooking = Schema.Union(
  Schema.TaggedStruct("Booked", { reservationId: ReservationId, via: Schema.Literal("request", "waitlist") }),
  Schema.TaggedStruct("Waitlisted", { reservationId: ReservationId, position: Schema.Int }),
  Schema.TaggedStruct("Offered", { reservationId: ReservationId, position: Schema.Int, expiresAt: Instant }),
  Schema.TaggedStruct("Cancelled", { reservationId: ReservationId, at: Instant, late: Schema.Boolean }),
  /** Recorded present by an agent without a reservation. */
  Schema.TaggedStruct("NotBooked", {})
).annotations({ identifier: "AgendaBooking" })
export type AgendaBooking = typeof AgendaBooking.Type

/** What the agenda shows first for an entry. */
export type AgendaStatus = "booked" | "waitlisted" | "offered" | "cancelled" | "absent" | "attended" | "not-booked"

/**
 * One line of a child's agenda: a session, the child's booking there, the absence that marks it
 * (justified or not) and what the agent recorded.
 */
export class AgendaEntry extends Schema.Class<AgendaEntry>("AgendaEntry")({
  date: LocalDate.LocalDate,
  sessionId: SessionId,
  activityId: ActivityId,
  slot: Schema.optional(Schema.String),
  startsAt: Schema.optional(TimeOfDay),
  childId: MemberId,
  householdId: HouseholdId,
  booking: AgendaBooking,
  absence: Schema.optional(ReservationAbsence),
  attendance: Schema.optional(AttendanceStatus)
}) {
  /** The agent's record first, then a reported absence, then the booking. */
  get status(): AgendaStatus {
    if (this.attendance === "present") return "attended"
    if (this.attendance === "absent" || this.absence !== undefined) return "absent"
    switch (this.booking._tag) {
      case "Booked":
        return "booked"
      case "Waitlisted":
        return "waitlisted"
      case "Offered":
        return "offered"
      case "Cancelled":
        return "cancelled"
      case "NotBooked":
        return "not-booked"
    }
  }
}

const latestCancelled = (reservations: ReadonlyArray<Reservation>): Reservation | undefined =>
  [...reservations].sort((a, b) => ((a.cancellation?.at ?? "") < (b.cancellation?.at ?? "") ? -1 : 1)).at(-1)

function entryOf(ledger: SessionLedger, childId: MemberId, attendance: AttendanceRecord | undefined): AgendaEntry | undefined {
  const { session } = ledger
  const mine = ledger.reservations.filter((r) => r.childId === childId)
  const active = mine.find((r) => r.isActive)
  const index = ledger.waitlist.findIndex((e) => e.childId === childId)
  const waiting = ledger.waitlist[index]
  const cancelled = latestCancelled(mine.filter((r) => !r.isActive))
  const base = {
    date: session.date,
    sessionId: session.id,
    activityId: session.activityId,
    ...(session.slot === undefined ? {} : { slot: session.slot }),
    startsAt: session.startsAt,
    childId,
    ...(attendance === undefined ? {} : { attendance: attendance.status })
  }
  const absenceOf = (r: Reservation) => (r.absence === undefined ? {} : { absence: r.absence })
  if (active !== undefined) {
    return new AgendaEntry({ ...base, householdId: active.householdId, booking: { _tag: "Booked", reservationId: active.id, via: active.via }, ...absenceOf(active) })
  }
  if (waiting !== undefined) {
    const booking: AgendaBooking =
      waiting.offer === undefined
        ? { _tag: "Waitlisted", reservationId: waiting.reservationId, position: index + 1 }
        : { _tag: "Offered", reservationId: waiting.reservationId, position: index + 1, expiresAt: waiting.offer.expiresAt }
    return new AgendaEntry({ ...base, householdId: waiting.householdId, booking })
  }
  if (cancelled?.cancellation !== undefined) {
    return new AgendaEntry({
      ...base,
      householdId: cancelled.householdId,
      booking: { _tag: "Cancelled", reservationId: cancelled.id, at: cancelled.cancellation.at, late: cancelled.cancellation.late },
      ...absenceOf(cancelled)
    })
  }
  if (attendance !== undefined) return new AgendaEntry({ ...base, householdId: attendance.householdId, booking: { _tag: "NotBooked" } })
  return undefined
}

const startKey = (e: AgendaEntry): string => e.startsAt ?? "~"
const byTime = (a: AgendaEntry, b: AgendaEntry): number =>
  a.date !== b.date
    ? LocalDate.compare(a.date, b.date)
    : startKey(a) !== startKey(b)
      ? startKey(a) < startKey(b) ? -1 : 1
      : a.childId !== b.childId
        ? a.childId < b.childId ? -1 : 1
        : a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0

/**
 * A child's agenda from ledgers and attendance records (already limited to a date range): one
 * entry per session where the child is booked, waitlisted (with position), offered a place (until
 * when), cancelled (late or not), or was recorded present without a booking; with the absence
 * marks and the attendance. By date, then start time. `sessions` gives the slot and start time
 * of sessions known only from attendance (a presence without booking).
 */
export function childAgenda(
  childId: MemberId,
  ledgers: ReadonlyArray<SessionLedger>,
  attendance: ReadonlyArray<AttendanceRecord>,
  sessions: ReadonlyArray<Session> = []
): ReadonlyArray<AgendaEntry> {
  const records = new Map(attendance.filter((a) => a.childId === childId).map((a) => [a.sessionId as string, a]))
  const entries: Array<AgendaEntry> = []
  const seen = new Set<string>()
  for (const ledger of ledgers) {
    if (seen.has(ledger.session.id)) continue
    seen.add(ledger.session.id)
    const entry = entryOf(ledger, childId, records.get(ledger.session.id))
    if (entry !== undefined) entries.push(entry)
  }
  for (const record of records.values()) {
    if (seen.has(record.sessionId)) continue
    const session = sessions.find((x) => x.id === record.sessionId)
    entries.push(
      new AgendaEntry({
        date: record.date,
        sessionId: record.sessionId,
        activityId: record.activityId,
        ...(session?.slot === undefined ? {} : { slot: session.slot }),
        ...(session === undefined ? {} : { startsAt: session.startsAt }),
        childId,
        householdId: record.householdId,
        booking: { _tag: "NotBooked" },
        attendance: record.status
      })
    )
  }
  return entries.sort(byTime)
}

/** The agenda of every child of a household, by date, then start time, then child. */
export function householdAgenda(
  householdId: HouseholdId,
  ledgers: ReadonlyArray<SessionLedger>,
  attendance: ReadonlyArray<AttendanceRecord>,
  sessions: ReadonlyArray<Session> = []
): ReadonlyArray<AgendaEntry> {
  const children = new Set<MemberId>()
  for (const ledger of ledgers) {
    for (const r of ledger.reservations) if (r.householdId === householdId) children.add(r.childId)
    for (const e of ledger.waitlist) if (e.householdId === householdId) children.add(e.childId)
  }
  for (const a of attendance) if (a.householdId === householdId) children.add(a.childId)
  return [...children]
    .flatMap((childId) => childAgenda(childId, ledgers, attendance, sessions))
    .filter((e) => e.householdId === householdId)
    .sort(byTime)
}
