import { Either, Schema } from "effect"
import type { Activity } from "../activity/Activity.js"
import { Session } from "../activity/Session.js"
import type { TownCalendar } from "../calendar/TownCalendar.js"
import type { AbsenceId, HouseholdId, MemberId, ReservationId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import { sessionStartInstant } from "./BookingDeadlines.js"
import { AlreadyBooked, AlreadyOnWaitlist, NoPendingOffer, NothingToCancel, WaitlistOfferExpired } from "./BookingRefusals.js"
import { ageGroupFor, type BookingContext, type BookingRuleRefusal, cancellationDeadlineFor, checkBookingRules, type ChildForBooking } from "./BookingRules.js"
import { Reservation, ReservationAbsence, ReservationCancellation } from "./Reservation.js"
import type { SessionLedgerEvent } from "./SessionLedgerEvent.js"
import { WaitlistEntry, WaitlistOffer } from "./WaitlistEntry.js"

/**
 * The aggregate of one session: the session, its reservations (cancelled ones included) and its
 * waiting list in order. Every decision about places reads and writes one ledger, so that an
 * adapter can lock one row per session (SELECT … FOR UPDATE) and save it whole.
 *
 * Invariants kept by the `decide…` functions: active reservations plus held offers never exceed
 * the session's capacity, nor an age group's capacity; the waiting list keeps request order; a
 * child holds at most one active reservation or one waiting-list entry per session.
 */
export class SessionLedger extends Schema.Class<SessionLedger>("SessionLedger")({
  session: Session,
  reservations: Schema.Array(Reservation),
  waitlist: Schema.Array(WaitlistEntry)
}) {}

/** The ledger of a session nobody has booked yet. */
export const emptyLedger = (session: Session): SessionLedger => new SessionLedger({ session, reservations: [], waitlist: [] })

/** The result of a decision: the new ledger, what happened, and the decision's own outcome. */
export interface LedgerDecision<A> {
  readonly ledger: SessionLedger
  readonly events: ReadonlyArray<SessionLedgerEvent>
  readonly outcome: A
}

/** A booking decision's outcome for the requested session. */
export type BookingDecisionOutcome =
  | { readonly _tag: "Booked"; readonly reservationId: ReservationId }
  | { readonly _tag: "Waitlisted"; readonly reservationId: ReservationId; readonly position: number }

/** A cancellation decision's outcome. */
export type CancellationDecisionOutcome =
  | { readonly _tag: "Cancelled"; readonly reservationId: ReservationId; readonly late: boolean }
  | { readonly _tag: "LeftWaitlist"; readonly reservationId: ReservationId }

/** The child's active reservation on the session, if any. */
export const activeReservationOf = (ledger: SessionLedger, childId: MemberId): Reservation | undefined =>
  ledger.reservations.find((r) => r.childId === childId && r.isActive)

/** The child's waiting-list entry and its 1-based position, if any. */
export function waitlistPositionOf(ledger: SessionLedger, childId: MemberId): { readonly entry: WaitlistEntry; readonly position: number } | undefined {
  const index = ledger.waitlist.findIndex((e) => e.childId === childId)
  const entry = ledger.waitlist[index]
  return entry === undefined ? undefined : { entry, position: index + 1 }
}

/** Places taken: active reservations and offers held, in total and per age group label. */
export function occupancy(ledger: SessionLedger): { readonly total: number; readonly byGroup: ReadonlyMap<string, number> } {
  const byGroup = new Map<string, number>()
  let total = 0
  const take = (group: string | undefined) => {
    total++
    if (group !== undefined) byGroup.set(group, (byGroup.get(group) ?? 0) + 1)
  }
  for (const r of ledger.reservations) if (r.isActive) take(r.ageGroup)
  for (const e of ledger.waitlist) if (e.offer !== undefined) take(e.ageGroup)
  return { total, byGroup }
}

/** Whether a place is free for a child of the age group `group` (session capacity and group capacity). */
export function hasRoomFor(ledger: SessionLedger, activity: Activity, group: string | undefined): boolean {
  const taken = occupancy(ledger)
  if (taken.total >= ledger.session.capacity) return false
  if (group === undefined) return true
  const capacity = activity.ageGroups.find((g) => g.label === group)?.capacity
  return capacity === undefined || (taken.byGroup.get(group) ?? 0) < capacity
}

/** Places still free in the session, whatever the age group. */
export const placesLeft = (ledger: SessionLedger): number => Math.max(0, ledger.session.capacity - occupancy(ledger).total)

const withState = (ledger: SessionLedger, reservations: ReadonlyArray<Reservation>, waitlist: ReadonlyArray<WaitlistEntry>) =>
  new SessionLedger({ session: ledger.session, reservations: [...reservations], waitlist: [...waitlist] })

const who = (ledger: SessionLedger, reservationId: ReservationId, childId: MemberId) => ({
  reservationId,
  sessionId: ledger.session.id,
  childId
})

/**
 * Gives freed places to the waiting list, in order: each waiting entry (without an offer) for
 * which a place is free, in its age group too, is booked at once or offered the place until
 * `now + validHours` (never beyond the session's start), as the activity's `WaitlistMode` sets.
 * Nothing is given once the session has started.
 */
export function fillFreePlaces(ledger: SessionLedger, activity: Activity, now: Instant.Instant): LedgerDecision<void> {
  const start = sessionStartInstant(ledger.session)
  if (now >= start) return { ledger, events: [], outcome: undefined }
  const mode = activity.bookingPolicy.waitlist
  let current = ledger
  const events: Array<SessionLedgerEvent> = []
  for (const entry of ledger.waitlist) {
    if (entry.offer !== undefined || !hasRoomFor(current, activity, entry.ageGroup)) continue
    const others = current.waitlist.filter((e) => e.reservationId !== entry.reservationId)
    if (mode._tag === "BookAtOnce") {
      const reservation = new Reservation({
        id: entry.reservationId,
        sessionId: ledger.session.id,
        childId: entry.childId,
        householdId: entry.householdId,
        ...(entry.ageGroup === undefined ? {} : { ageGroup: entry.ageGroup }),
        requestedAt: entry.requestedAt,
        bookedAt: now,
        via: "waitlist"
      })
      current = withState(current, [...current.reservations, reservation], others)
      events.push({ _tag: "ReservationBooked", ...who(ledger, entry.reservationId, entry.childId), via: "waitlist" })
    } else {
      const expiresAt = Instant.plusHours(now, mode.validHours) < start ? Instant.plusHours(now, mode.validHours) : start
      const offered = new WaitlistEntry({ ...entry, offer: new WaitlistOffer({ offeredAt: now, expiresAt }) })
      current = withState(current, current.reservations, current.waitlist.map((e) => (e.reservationId === entry.reservationId ? offered : e)))
      events.push({ _tag: "PlaceOffered", ...who(ledger, entry.reservationId, entry.childId), expiresAt })
    }
  }
  return { ledger: current, events, outcome: undefined }
}

const thenFill = <A>(decision: LedgerDecision<A>, activity: Activity, now: Instant.Instant): LedgerDecision<A> => {
  const filled = fillFreePlaces(decision.ledger, activity, now)
  return { ledger: filled.ledger, events: [...decision.events, ...filled.events], outcome: decision.outcome }
}

/** A family's request to book a child on the ledger's session. */
export interface BookSessionRequest {
  /** The id the reservation takes, booked now or later from the waiting list. */
  readonly reservationId: ReservationId
  readonly child: ChildForBooking
}

/**
 * Decides a booking request: refused when the child already holds a place or a waiting-list
 * entry, or by a booking rule (`checkBookingRules`); otherwise booked when a place is free for
 * the child (session capacity and age group), else added to the end of the waiting list, whose
 * position is returned.
 */
export function decideBooking(
  ledger: SessionLedger,
  request: BookSessionRequest,
  context: BookingContext,
  now: Instant.Instant
): Either.Either<LedgerDecision<BookingDecisionOutcome>, BookingRuleRefusal | AlreadyBooked | AlreadyOnWaitlist> {
  const { session } = ledger
  const { child, reservationId } = request
  const active = activeReservationOf(ledger, child.childId)
  if (active !== undefined) {
    return Either.left(new AlreadyBooked({ sessionId: session.id, sessionDate: session.date, reservationId: active.id }))
  }
  const waiting = waitlistPositionOf(ledger, child.childId)
  if (waiting !== undefined) {
    return Either.left(
      new AlreadyOnWaitlist({
        sessionId: session.id,
        sessionDate: session.date,
        reservationId: waiting.entry.reservationId,
        position: waiting.position
      })
    )
  }
  const rules = checkBookingRules(session, child, context, now)
  if (Either.isLeft(rules)) return Either.left(rules.left)
  const settled = fillFreePlaces(ledger, context.activity, now)
  const group = ageGroupFor(context.activity, child.birthDate, session.date)?.label
  const groupField = group === undefined ? {} : { ageGroup: group }
  const base = settled.ledger
  if (hasRoomFor(base, context.activity, group)) {
    const reservation = new Reservation({
      id: reservationId,
      sessionId: session.id,
      childId: child.childId,
      householdId: child.householdId,
      ...groupField,
      requestedAt: now,
      bookedAt: now,
      via: "request"
    })
    return Either.right({
      ledger: withState(base, [...base.reservations, reservation], base.waitlist),
      events: [...settled.events, { _tag: "ReservationBooked", ...who(ledger, reservationId, child.childId), via: "request" }],
      outcome: { _tag: "Booked", reservationId }
    })
  }
  const entry = new WaitlistEntry({ reservationId, childId: child.childId, householdId: child.householdId, ...groupField, requestedAt: now })
  const position = base.waitlist.length + 1
  return Either.right({
    ledger: withState(base, base.reservations, [...base.waitlist, entry]),
    events: [...settled.events, { _tag: "WaitlistJoined", ...who(ledger, reservationId, child.childId), position }],
    outcome: { _tag: "Waitlisted", reservationId, position }
  })
}

/** A family's (or an absence's) cancellation of a child's place on the ledger's session. */
export interface CancelSessionRequest {
  readonly childId: MemberId
  readonly householdId: HouseholdId
  /** Set when the cancellation follows a reported absence. */
  readonly absenceId?: AbsenceId
}

/**
 * Decides a cancellation: the child's active reservation is cancelled, late when after the
 * activity's cancellation deadline (allowed, billed unless justified), free otherwise; a child
 * still on the waiting list leaves it. The freed place goes to the waiting list.
 */
export function decideCancellation(
  ledger: SessionLedger,
  request: CancelSessionRequest,
  context: { readonly activity: Activity; readonly calendar: TownCalendar },
  now: Instant.Instant
): Either.Either<LedgerDecision<CancellationDecisionOutcome>, NothingToCancel> {
  const { session } = ledger
  const active = activeReservationOf(ledger, request.childId)
  if (active !== undefined && active.householdId === request.householdId) {
    const late = now > cancellationDeadlineFor(session, context.activity, context.calendar)
    const cancellation = new ReservationCancellation({
      at: now,
      late,
      ...(request.absenceId === undefined ? {} : { absenceId: request.absenceId })
    })
    const cancelled = new Reservation({ ...active, cancellation })
    const decision: LedgerDecision<CancellationDecisionOutcome> = {
      ledger: withState(ledger, ledger.reservations.map((r) => (r === active ? cancelled : r)), ledger.waitlist),
      events: [{ _tag: "ReservationCancelled", ...who(ledger, active.id, active.childId), late }],
      outcome: { _tag: "Cancelled", reservationId: active.id, late }
    }
    return Either.right(thenFill(decision, context.activity, now))
  }
  const waiting = waitlistPositionOf(ledger, request.childId)
  if (waiting !== undefined && waiting.entry.householdId === request.householdId) {
    const { entry } = waiting
    const decision: LedgerDecision<CancellationDecisionOutcome> = {
      ledger: withState(ledger, ledger.reservations, ledger.waitlist.filter((e) => e !== entry)),
      events: [{ _tag: "WaitlistLeft", ...who(ledger, entry.reservationId, entry.childId) }],
      outcome: { _tag: "LeftWaitlist", reservationId: entry.reservationId }
    }
    return Either.right(thenFill(decision, context.activity, now))
  }
  return Either.left(new NothingToCancel({ sessionId: session.id, sessionDate: session.date, childId: request.childId }))
}

function pendingOffer(
  ledger: SessionLedger,
  reservationId: ReservationId,
  householdId: HouseholdId
): Either.Either<{ readonly entry: WaitlistEntry; readonly offer: WaitlistOffer }, NoPendingOffer> {
  const entry = ledger.waitlist.find((e) => e.reservationId === reservationId && e.householdId === householdId)
  if (entry?.offer === undefined) {
    return Either.left(new NoPendingOffer({ sessionId: ledger.session.id, sessionDate: ledger.session.date, reservationId }))
  }
  return Either.right({ entry, offer: entry.offer })
}

/** Decides a family's acceptance of a place offered from the waiting list: booked if the offer is still valid. */
export function decideOfferAcceptance(
  ledger: SessionLedger,
  request: { readonly reservationId: ReservationId; readonly householdId: HouseholdId },
  now: Instant.Instant
): Either.Either<LedgerDecision<Reservation>, NoPendingOffer | WaitlistOfferExpired> {
  return Either.flatMap(pendingOffer(ledger, request.reservationId, request.householdId), ({ entry, offer }) => {
    if (now >= offer.expiresAt) {
      return Either.left(
        new WaitlistOfferExpired({
          sessionId: ledger.session.id,
          sessionDate: ledger.session.date,
          reservationId: entry.reservationId,
          expiredAt: offer.expiresAt
        })
      )
    }
    const reservation = new Reservation({
      id: entry.reservationId,
      sessionId: ledger.session.id,
      childId: entry.childId,
      householdId: entry.householdId,
      ...(entry.ageGroup === undefined ? {} : { ageGroup: entry.ageGroup }),
      requestedAt: entry.requestedAt,
      bookedAt: now,
      via: "waitlist"
    })
    return Either.right({
      ledger: withState(ledger, [...ledger.reservations, reservation], ledger.waitlist.filter((e) => e !== entry)),
      events: [{ _tag: "ReservationBooked", ...who(ledger, entry.reservationId, entry.childId), via: "waitlist" }],
      outcome: reservation
    })
  })
}

/** Decides a family's refusal of an offered place: it leaves the list and the place passes to the next in line. */
export function decideOfferDecline(
  ledger: SessionLedger,
  request: { readonly reservationId: ReservationId; readonly householdId: HouseholdId },
  activity: Activity,
  now: Instant.Instant
): Either.Either<LedgerDecision<void>, NoPendingOffer> {
  return Either.map(pendingOffer(ledger, request.reservationId, request.householdId), ({ entry }) =>
    thenFill(
      {
        ledger: withState(ledger, ledger.reservations, ledger.waitlist.filter((e) => e !== entry)),
        events: [{ _tag: "OfferDeclined", ...who(ledger, entry.reservationId, entry.childId) }],
        outcome: undefined
      },
      activity,
      now
    )
  )
}

/** Offers not answered by their expiry leave the list (`now >= expiresAt`); their places pass to the next in line. */
export function decideOfferExpiry(ledger: SessionLedger, activity: Activity, now: Instant.Instant): LedgerDecision<void> {
  const expired = ledger.waitlist.filter((e) => e.offer !== undefined && now >= e.offer.expiresAt)
  if (expired.length === 0) return thenFill({ ledger, events: [], outcome: undefined }, activity, now)
  return thenFill(
    {
      ledger: withState(ledger, ledger.reservations, ledger.waitlist.filter((e) => !expired.includes(e))),
      events: expired.map((e) => ({ _tag: "OfferExpired" as const, ...who(ledger, e.reservationId, e.childId) })),
      outcome: undefined
    },
    activity,
    now
  )
}

/**
 * Sets the absence marks billing reads on the listed reservations, and removes marks of the same
 * absences from reservations not listed any more.
 */
export function applyAbsenceMarks(ledger: SessionLedger, marks: ReadonlyMap<ReservationId, ReservationAbsence>): LedgerDecision<void> {
  const absenceIds = new Set<string>([...marks.values()].map((m) => m.absenceId))
  const events: Array<SessionLedgerEvent> = []
  const reservations = ledger.reservations.map((r) => {
    const mark = marks.get(r.id)
    if (mark !== undefined) {
      const same = r.absence !== undefined && r.absence.absenceId === mark.absenceId && r.absence.justified === mark.justified && r.absence.carence === mark.carence
      if (same) return r
      events.push({ _tag: "AbsenceMarked", ...who(ledger, r.id, r.childId), absenceId: mark.absenceId, justified: mark.justified, carence: mark.carence })
      return new Reservation({ ...r, absence: new ReservationAbsence(mark) })
    }
    if (r.absence !== undefined && absenceIds.has(r.absence.absenceId)) {
      const { absence: _removed, ...rest } = r
      return new Reservation(rest)
    }
    return r
  })
  return { ledger: withState(ledger, reservations, ledger.waitlist), events, outcome: undefined }
}
