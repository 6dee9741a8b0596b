import { Either, Schema } from "effect"
import type { Activity } from "../activity/Activity.js"
import { Session } from "../activity/Session.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import { fillFreePlaces, type LedgerDecision, occupancy, SessionLedger } from "./SessionLedger.js"

/** A session whose places booked exceed a capacity asked for. */
export const OverbookedSession = Schema.Struct({
  sessionId: Schema.String,
  date: LocalDate.LocalDate,
  booked: Schema.Int
})

/**
 * A capacity below the places already booked (reservations and offers held) of one or more
 * sessions: no place is ever taken back from a family by a change of capacity.
 */
export class CapacityBelowBookedPlaces extends Schema.TaggedError<CapacityBelowBookedPlaces>()("CapacityBelowBookedPlaces", {
  activityName: Schema.String,
  capacity: Schema.Int,
  sessions: Schema.Array(OverbookedSession)
}) {
  override get message(): string {
    const most = this.sessions.reduce((n, s) => Math.max(n, s.booked), 0)
    const shown = this.sessions.slice(0, 5).map((s) => `${s.booked} le ${LocalDate.formatFr(s.date)}`).join(", ")
    const more = this.sessions.length > 5 ? ` et ${this.sessions.length - 5} autre(s) séance(s)` : ""
    return (
      `La capacité de « ${this.activityName} » ne peut pas descendre à ${this.capacity} place(s) : des places sont déjà réservées (${shown}${more}). ` +
      `Une place réservée n'est jamais reprise à une famille : choisissez au moins ${most} place(s), ou faites d'abord annuler des réservations.`
    )
  }
}

/**
 * Decides a new capacity for a session: refused below the places taken (active reservations and
 * offers held); otherwise the session takes it and places freed by a larger capacity go to the
 * waiting list in order (booked at once or offered, as the activity sets).
 */
export function decideCapacityChange(
  ledger: SessionLedger,
  activity: Activity,
  capacity: number,
  now: Instant
): Either.Either<LedgerDecision<Session>, CapacityBelowBookedPlaces> {
  const booked = occupancy(ledger).total
  if (capacity < booked) {
    return Either.left(
      new CapacityBelowBookedPlaces({
        activityName: activity.name,
        capacity,
        sessions: [{ sessionId: ledger.session.id, date: ledger.session.date, booked }]
      })
    )
  }
  const session = Session.make({ ...ledger.session, capacity })
  const resized = new SessionLedger({ session, reservations: [...ledger.reservations], waitlist: [...ledger.waitlist] })
  const filled = fillFreePlaces(resized, activity, now)
  return Either.right({ ledger: filled.ledger, events: filled.events, outcome: session })
}
