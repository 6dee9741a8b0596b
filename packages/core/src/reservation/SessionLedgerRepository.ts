import { Context, type Effect } from "effect"
import type { HouseholdId, MemberId, SessionId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { SessionNotFound } from "./BookingRefusals.js"
import type { SessionLedger } from "./SessionLedger.js"

/**
 * Where session ledgers (reservations and waiting lists) are kept. `loadForUpdate` is called
 * inside `Transactions.withTransaction`: a database adapter locks the session's row until the
 * transaction ends, so that two decisions on one session never interleave. The queries return
 * snapshots for reading (agendas, billing, attendance sheets), never to decide on.
 */
export class SessionLedgerRepository extends Context.Tag("@spe/core/SessionLedgerRepository")<
  SessionLedgerRepository,
  {
    /** The session's ledger (empty if nobody booked), locked until the transaction ends. */
    readonly loadForUpdate: (sessionId: SessionId) => Effect.Effect<SessionLedger, SessionNotFound>
    /** A snapshot of the session's ledger, for reading (an attendance sheet), not for deciding. */
    readonly get: (sessionId: SessionId) => Effect.Effect<SessionLedger, SessionNotFound>
    /** Saves the ledger's reservations and waiting list (the session itself is saved by `SessionRepository`). */
    readonly save: (ledger: SessionLedger) => Effect.Effect<void>
    /** Ledgers of sessions from `start` to `end` where the child has a reservation (even cancelled) or a waiting-list entry. */
    readonly forChild: (childId: MemberId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<SessionLedger>>
    /** Ledgers of sessions from `start` to `end` where a child of the household has a reservation or a waiting-list entry. */
    readonly forHousehold: (householdId: HouseholdId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<SessionLedger>>
    /** Ledgers of every session from `start` to `end` with at least one reservation or waiting-list entry. */
    readonly between: (start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<SessionLedger>>
    /** Sessions with a place offer expiring at or before `instant`. */
    readonly withOffersExpiringBy: (instant: Instant) => Effect.Effect<ReadonlyArray<SessionId>>
  }
>() {}
