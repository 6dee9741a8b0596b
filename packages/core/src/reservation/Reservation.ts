import { Schema } from "effect"
import { AbsenceId, HouseholdId, MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"

/**
 * How a reported absence bears on a reservation, as billing reads it: `justified` (not billed)
 * unless `carence` (one of the first days of an illness, still billed).
 */
export class ReservationAbsence extends Schema.Class<ReservationAbsence>("ReservationAbsence")({
  absenceId: AbsenceId,
  justified: Schema.Boolean,
  carence: Schema.Boolean
}) {}

/**
 * A cancellation: `late` when made after the activity's cancellation deadline (billed unless
 * justified); `absenceId` when it followed a reported absence.
 */
export class ReservationCancellation extends Schema.Class<ReservationCancellation>("ReservationCancellation")({
  at: Instant,
  late: Schema.Boolean,
  absenceId: Schema.optional(AbsenceId)
}) {}

/**
 * A child booked on a session (réservation). A cancelled reservation stays in the session's
 * ledger, for the agenda and for billing; booking again creates a new reservation.
 */
export class Reservation extends Schema.Class<Reservation>("Reservation")({
  id: ReservationId,
  sessionId: SessionId,
  childId: MemberId,
  householdId: HouseholdId,
  /** The label of the activity's age group whose places the child takes, if the activity has groups. */
  ageGroup: Schema.optional(Schema.String),
  requestedAt: Instant,
  bookedAt: Instant,
  /** `request`: booked on the family's request; `waitlist`: from the waiting list. */
  via: Schema.Literal("request", "waitlist"),
  cancellation: Schema.optional(ReservationCancellation),
  absence: Schema.optional(ReservationAbsence)
}) {
  /** Booked and not cancelled: the child holds a place. */
  get isActive(): boolean {
    return this.cancellation === undefined
  }
}
