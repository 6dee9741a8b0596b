import { Schema } from "effect"
import { HouseholdId, MemberId, ReservationId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"

/** A place offered to the first in line, held for them until `expiresAt`. */
export class WaitlistOffer extends Schema.Class<WaitlistOffer>("WaitlistOffer")({
  offeredAt: Instant,
  expiresAt: Instant
}) {}

/**
 * A booking request waiting for a place (liste d'attente). Its `reservationId` is the id the
 * reservation takes once the child is booked.
 */
export class WaitlistEntry extends Schema.Class<WaitlistEntry>("WaitlistEntry")({
  reservationId: ReservationId,
  childId: MemberId,
  householdId: HouseholdId,
  ageGroup: Schema.optional(Schema.String),
  requestedAt: Instant,
  offer: Schema.optional(WaitlistOffer)
}) {}
