import { Schema } from "effect"
import { AbsenceId, MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"

const who = { reservationId: ReservationId, sessionId: SessionId, childId: MemberId }

/** What a decision on a session's ledger did, for notifications and audit. */
export const SessionLedgerEvent = Schema.Union(
  Schema.TaggedStruct("ReservationBooked", { ...who, via: Schema.Literal("request", "waitlist") }),
  Schema.TaggedStruct("WaitlistJoined", { ...who, position: Schema.Int }),
  Schema.TaggedStruct("ReservationCancelled", { ...who, late: Schema.Boolean }),
  Schema.TaggedStruct("WaitlistLeft", who),
  Schema.TaggedStruct("PlaceOffered", { ...who, expiresAt: Instant }),
  Schema.TaggedStruct("OfferDeclined", who),
  Schema.TaggedStruct("OfferExpired", who),
  Schema.TaggedStruct("AbsenceMarked", { ...who, absenceId: AbsenceId, justified: Schema.Boolean, carence: Schema.Boolean }),
  /** An agent moved a waiting-list entry from one 1-based position to another, for a reason. */
  Schema.TaggedStruct("WaitlistMoved", { ...who, from: Schema.Int, to: Schema.Int, reason: Schema.NonEmptyTrimmedString })
).annotations({ identifier: "SessionLedgerEvent" })
export type SessionLedgerEvent = typeof SessionLedgerEvent.Type
