import { Schema } from "effect"
import { ActivityId, HouseholdId, MemberId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import { LocalDate } from "../shared/LocalDate.js"

/** What the agent saw: the child was there, or not. */
export const AttendanceStatus = Schema.Literal("present", "absent").annotations({ identifier: "AttendanceStatus" })
export type AttendanceStatus = typeof AttendanceStatus.Type

/**
 * The agent's record (pointage) for a child on a session: the truth of the day, whether the child
 * was booked or not. Recording again for the same session and child replaces it.
 */
export class AttendanceRecord extends Schema.Class<AttendanceRecord>("AttendanceRecord")({
  sessionId: SessionId,
  activityId: ActivityId,
  date: LocalDate,
  childId: MemberId,
  householdId: HouseholdId,
  status: AttendanceStatus,
  recordedAt: Instant,
  /** Who recorded it (the agent's account or name). */
  recordedBy: Schema.optional(Schema.String)
}) {}
