import { Effect } from "effect"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { Session } from "../activity/Session.js"
import type { ActivityId, SessionId } from "../shared/Ids.js"
import type * as LocalDate from "../shared/LocalDate.js"
import { occupancy, type SessionLedger } from "./SessionLedger.js"
import { SessionLedgerRepository } from "./SessionLedgerRepository.js"
import { SessionRepository } from "./SessionRepository.js"

/** How full a session is: places taken (bookings and offers held) out of its capacity, and who waits. */
export interface SessionOccupancy {
  readonly session: Session
  readonly activityName: string
  /** Active reservations and place offers still held. */
  readonly booked: number
  readonly capacity: number
  /** Children on the waiting list without a place offered. */
  readonly waiting: number
  /** booked / capacity, in whole percent. */
  readonly percentFull: number
}

/** How full an activity's sessions of the period are, together. */
export interface ActivityOccupancy {
  readonly activityId: ActivityId
  readonly activityName: string
  readonly sessions: number
  readonly booked: number
  readonly capacity: number
  readonly waiting: number
  readonly percentFull: number
  /** Sessions with no place left. */
  readonly fullSessions: number
}

/** Occupancy of every session of a period, per session and per activity. */
export interface OccupancyReport {
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
  /** By date, start time, then activity name. */
  readonly sessions: ReadonlyArray<SessionOccupancy>
  /** By activity name; activities without a session in the period are left out. */
  readonly activities: ReadonlyArray<ActivityOccupancy>
}

/** `part` of `whole` in whole percent (0 when the whole is 0). */
export const wholePercent = (part: number, whole: number): number => (whole <= 0 ? 0 : Math.round((part * 100) / whole))

/** The occupancy of one session from its ledger (an empty ledger: nobody booked). */
export function sessionOccupancy(session: Session, ledger: SessionLedger | undefined, activityName: string): SessionOccupancy {
  const booked = ledger === undefined ? 0 : occupancy(ledger).total
  const waiting = ledger === undefined ? 0 : ledger.waitlist.filter((e) => e.offer === undefined).length
  return { session, activityName, booked, capacity: session.capacity, waiting, percentFull: wholePercent(booked, session.capacity) }
}

/**
 * The occupancy of every session from `start` to `end` (both included): places taken out of the
 * capacity, waiting-list length, percent full, per session and per activity (the agents'
 * dashboards). Read from snapshots, never to decide on.
 */
export const loadOccupancy = (start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const activities = yield* (yield* ActivityCatalogue).list
    const sessionRepository = yield* SessionRepository
    const ledgers = new Map<SessionId, SessionLedger>((yield* (yield* SessionLedgerRepository).between(start, end)).map((l) => [l.session.id, l]))
    const sessions: Array<SessionOccupancy> = []
    const perActivity: Array<ActivityOccupancy> = []
    for (const activity of activities) {
      const rows = (yield* sessionRepository.listByActivity(activity.id, start, end)).map((s) => sessionOccupancy(s, ledgers.get(s.id), activity.name))
      if (rows.length === 0) continue
      sessions.push(...rows)
      const booked = rows.reduce((n, r) => n + r.booked, 0)
      const capacity = rows.reduce((n, r) => n + r.capacity, 0)
      perActivity.push({
        activityId: activity.id,
        activityName: activity.name,
        sessions: rows.length,
        booked,
        capacity,
        waiting: rows.reduce((n, r) => n + r.waiting, 0),
        percentFull: wholePercent(booked, capacity),
        fullSessions: rows.filter((r) => r.booked >= r.capacity).length
      })
    }
    sessions.sort((a, b) =>
      a.session.date !== b.session.date
        ? (a.session.date < b.session.date ? -1 : 1)
        : a.session.startsAt !== b.session.startsAt
          ? (a.session.startsAt < b.session.startsAt ? -1 : 1)
          : a.activityName.localeCompare(b.activityName, "fr")
    )
    perActivity.sort((a, b) => a.activityName.localeCompare(b.activityName, "fr"))
    return { start, end, sessions, activities: perActivity } satisfies OccupancyReport
  })
