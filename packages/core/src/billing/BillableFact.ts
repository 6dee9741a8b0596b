import { Schema } from "effect"
import { ActivityId, HouseholdId, MemberId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import { LocalDate } from "../shared/LocalDate.js"

/** A cancellation of a booking: when, and whether it came after the activity's deadline. */
export class BillableCancellation extends Schema.Class<BillableCancellation>("BillableCancellation")({
  at: Instant,
  late: Schema.Boolean
}) {}

/** A signalled absence: justified (certificate accepted) or not, and whether the day is a carence day. */
export class BillableAbsence extends Schema.Class<BillableAbsence>("BillableAbsence")({
  justified: Schema.Boolean,
  carence: Schema.Boolean
}) {}

/** What the agent's register says for a child on a session. */
export const AttendanceMark = Schema.Literal("present", "absent", "unrecorded").annotations({ identifier: "AttendanceMark" })
export type AttendanceMark = typeof AttendanceMark.Type

/**
 * Everything billing needs to know about one child on one session of the month: gathered from
 * reservations, cancellations, absences and attendance, then read through the billing table.
 */
export class BillableFact extends Schema.Class<BillableFact>("BillableFact")({
  householdId: HouseholdId,
  childId: MemberId,
  childName: Schema.String,
  activityId: ActivityId,
  activityName: Schema.String,
  sessionId: SessionId,
  date: LocalDate,
  booked: Schema.Boolean,
  cancelled: Schema.optional(BillableCancellation),
  attendance: AttendanceMark,
  absence: Schema.optional(BillableAbsence)
}) {}

/** The key of a billed charge: one child on one session is billed at most once. */
export const chargeKey = (charge: { readonly sessionId: SessionId; readonly childId: MemberId }): string =>
  `${charge.sessionId}\u0000${charge.childId}`
