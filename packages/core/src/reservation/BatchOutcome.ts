import { Schema } from "effect"
import { MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { BookingRefusal, CancellationRefusal } from "./BookingRefusals.js"

/** What became of one requested session: booked, on the waiting list at a position, or refused with the rule. */
export const SessionBookingResult = Schema.Union(
  Schema.TaggedStruct("Booked", { reservationId: ReservationId }),
  Schema.TaggedStruct("Waitlisted", { reservationId: ReservationId, position: Schema.Int }),
  Schema.TaggedStruct("Refused", { refusal: BookingRefusal })
).annotations({ identifier: "SessionBookingResult" })
export type SessionBookingResult = typeof SessionBookingResult.Type

/** One requested session and its result. `date` is absent when the session does not exist. */
export class SessionBookingOutcome extends Schema.Class<SessionBookingOutcome>("SessionBookingOutcome")({
  sessionId: SessionId,
  date: Schema.optional(LocalDate.LocalDate),
  result: SessionBookingResult
}) {}

/**
 * The answer to a booking request for several sessions: every requested session exactly once, in
 * the order asked, with its own result, so the family sees which days were booked, waitlisted or
 * refused and why.
 */
export class BatchOutcome extends Schema.Class<BatchOutcome>("BatchOutcome")({
  childId: MemberId,
  outcomes: Schema.Array(SessionBookingOutcome)
}) {
  get booked(): ReadonlyArray<SessionBookingOutcome> {
    return this.outcomes.filter((o) => o.result._tag === "Booked")
  }
  get waitlisted(): ReadonlyArray<SessionBookingOutcome> {
    return this.outcomes.filter((o) => o.result._tag === "Waitlisted")
  }
  get refused(): ReadonlyArray<SessionBookingOutcome> {
    return this.outcomes.filter((o) => o.result._tag === "Refused")
  }
  /** A French summary for the family, one line per session. */
  get summaryFr(): ReadonlyArray<string> {
    return this.outcomes.map((o) => {
      const day = o.date === undefined ? `Séance ${o.sessionId}` : LocalDate.formatFr(o.date)
      switch (o.result._tag) {
        case "Booked":
          return `${day} : réservé.`
        case "Waitlisted":
          return `${day} : complet, en liste d'attente (position ${o.result.position}).`
        case "Refused":
          return `${day} : refusé. ${o.result.refusal.message}`
      }
    })
  }
}

/** What became of one session in a cancellation request. */
export const SessionCancellationResult = Schema.Union(
  Schema.TaggedStruct("Cancelled", { reservationId: ReservationId, late: Schema.Boolean }),
  Schema.TaggedStruct("LeftWaitlist", { reservationId: ReservationId }),
  Schema.TaggedStruct("Refused", { refusal: CancellationRefusal })
).annotations({ identifier: "SessionCancellationResult" })
export type SessionCancellationResult = typeof SessionCancellationResult.Type

/** One session of a cancellation request and its result. */
export class SessionCancellationOutcome extends Schema.Class<SessionCancellationOutcome>("SessionCancellationOutcome")({
  sessionId: SessionId,
  date: Schema.optional(LocalDate.LocalDate),
  result: SessionCancellationResult
}) {}

/** The answer to a cancellation request: every requested session exactly once, in the order asked. */
export class CancellationBatchOutcome extends Schema.Class<CancellationBatchOutcome>("CancellationBatchOutcome")({
  childId: MemberId,
  outcomes: Schema.Array(SessionCancellationOutcome)
}) {
  /** Sessions cancelled after the deadline: billed unless an absence is justified. */
  get late(): ReadonlyArray<SessionCancellationOutcome> {
    return this.outcomes.filter((o) => o.result._tag === "Cancelled" && o.result.late)
  }
}
