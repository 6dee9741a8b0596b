import { Context, type Effect } from "effect"
import type { Session } from "../activity/Session.js"
import type { ActivityId, SessionId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { SessionNotFound } from "./BookingRefusals.js"

/** Where the sessions generated from activities and calendars are kept. */
export class SessionRepository extends Context.Tag("@spe/core/SessionRepository")<
  SessionRepository,
  {
    /** Saves sessions, replacing those with the same id (regenerating a period is idempotent). */
    readonly saveMany: (sessions: ReadonlyArray<Session>) => Effect.Effect<void>
    readonly get: (sessionId: SessionId) => Effect.Effect<Session, SessionNotFound>
    /**
     * Removes sessions with their ledgers (reservations and waiting list), as when the town closes
     * those days; unknown ids are ignored.
     */
    readonly removeMany: (sessionIds: ReadonlyArray<SessionId>) => Effect.Effect<void>
    /** The activity's sessions from `start` to `end` (both included), by date then start time. */
    readonly listByActivity: (activityId: ActivityId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<Session>>
  }
>() {}
