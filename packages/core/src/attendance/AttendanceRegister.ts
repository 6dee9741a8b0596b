import { Context, type Effect } from "effect"
import type { HouseholdId, MemberId, SessionId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { AttendanceRecord } from "./AttendanceRecord.js"

/** Where the agents' attendance records are kept. */
export class AttendanceRegister extends Context.Tag("@spe/core/AttendanceRegister")<
  AttendanceRegister,
  {
    /** Saves records; a record for a session and child already recorded replaces the earlier one. */
    readonly record: (records: ReadonlyArray<AttendanceRecord>) => Effect.Effect<void>
    /** The session's records, by child id. */
    readonly forSession: (sessionId: SessionId) => Effect.Effect<ReadonlyArray<AttendanceRecord>>
    /** The child's records from `start` to `end` (both included), by date. */
    readonly forChild: (childId: MemberId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<AttendanceRecord>>
    /** The records of the household's children from `start` to `end`, by date. */
    readonly forHousehold: (householdId: HouseholdId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<AttendanceRecord>>
    /** Every record from `start` to `end`, by date (billing reads a month). */
    readonly between: (start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<AttendanceRecord>>
  }
>() {}
