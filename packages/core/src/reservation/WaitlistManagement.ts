import { Either, Schema } from "effect"
import type { Activity } from "../activity/Activity.js"
import { ReservationId, SessionId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { InvalidInput } from "../shared/Validation.js"
import { sessionStartInstant } from "./BookingDeadlines.js"
import { Reservation } from "./Reservation.js"
import { hasRoomFor, type LedgerDecision, SessionLedger } from "./SessionLedger.js"
import { WaitlistEntry, WaitlistOffer } from "./WaitlistEntry.js"

const day = (date: LocalDate.LocalDate): string => LocalDate.formatFr(date)

/** Which way an agent moves a waiting-list entry: towards the head of the list, or towards its end. */
export const WaitlistDirection = Schema.Literal("up", "down").annotations({ identifier: "WaitlistDirection" })
export type WaitlistDirection = typeof WaitlistDirection.Type

/** The longest reason an agent may give for a change of the waiting list. */
export const waitlistReasonMaxLength = 1000

/** The entry is not, or no longer, on the session's waiting list. */
export class WaitlistEntryNotFound extends Schema.TaggedError<WaitlistEntryNotFound>()("WaitlistEntryNotFound", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId
}) {
  override get message(): string {
    return (
      `Cette demande ne figure plus sur la liste d'attente du ${day(this.sessionDate)} : l'enfant a peut-être obtenu ` +
      `une place ou la famille a retiré sa demande. Rechargez la liste d'attente.`
    )
  }
}

/** The session has started: its waiting list does not change any more. */
export class WaitlistClosed extends Schema.TaggedError<WaitlistClosed>()("WaitlistClosed", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  startedAt: Instant.Instant
}) {
  override get message(): string {
    return `La séance du ${day(this.sessionDate)} a commencé le ${ParisTime.formatFr(this.startedAt)} : sa liste d'attente est close, elle ne change plus.`
  }
}

/** A place is already offered to the entry and awaits the family's answer. */
export class WaitlistOfferPending extends Schema.TaggedError<WaitlistOfferPending>()("WaitlistOfferPending", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId,
  expiresAt: Instant.Instant
}) {
  override get message(): string {
    return (
      `Une place est déjà proposée à cet enfant pour le ${day(this.sessionDate)}, à confirmer par la famille avant le ` +
      `${ParisTime.formatFr(this.expiresAt)} : attendez sa réponse.`
    )
  }
}

/** No place is free for the entry (the session, or its age group, is full). */
export class NoPlaceForWaitlistEntry extends Schema.TaggedError<NoPlaceForWaitlistEntry>()("NoPlaceForWaitlistEntry", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId,
  ageGroup: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const where = this.ageGroup === undefined ? "la séance est complète" : `le groupe « ${this.ageGroup} » est complet`
    return (
      `Aucune place n'est libre pour cet enfant le ${day(this.sessionDate)} : ${where}, et une place n'est jamais donnée deux fois. ` +
      `Une place se libère à chaque annulation ; elle revient alors d'elle-même au premier de la liste.`
    )
  }
}

/** The entry cannot move further that way (already first, or already last). */
export class WaitlistMoveImpossible extends Schema.TaggedError<WaitlistMoveImpossible>()("WaitlistMoveImpossible", {
  sessionId: SessionId,
  reservationId: ReservationId,
  direction: WaitlistDirection,
  position: Schema.Int,
  length: Schema.Int
}) {
  override get message(): string {
    return this.direction === "up"
      ? "Cet enfant est déjà en tête de la liste d'attente : il ne peut pas monter davantage."
      : `Cet enfant est déjà le dernier de la liste d'attente (position ${this.position} sur ${this.length}) : il ne peut pas descendre davantage.`
  }
}

/** Where an entry of the waiting list stands, as an agent sees it. */
export interface WaitlistStanding {
  readonly entry: WaitlistEntry
  /** 1-based. */
  readonly position: number
  /** No offer held yet, and a place is free for the child (session and age group). */
  readonly placeFree: boolean
  /** Entries before it, without an offer, for which a place is free too: offering to this one passes them over. */
  readonly passedOver: number
}

/** The waiting list in order, with what an agent may do for each entry. */
export function waitlistStandings(ledger: SessionLedger, activity: Activity): ReadonlyArray<WaitlistStanding> {
  let eligibleBefore = 0
  return ledger.waitlist.map((entry, index) => {
    const placeFree = entry.offer === undefined && hasRoomFor(ledger, activity, entry.ageGroup)
    const standing = { entry, position: index + 1, placeFree, passedOver: eligibleBefore }
    if (placeFree) eligibleBefore++
    return standing
  })
}

/** What an agent's offer gave: a reservation at once, or a place held for the family until `expiresAt`. */
export type WaitlistOfferOutcome =
  | { readonly _tag: "Booked"; readonly reservation: Reservation }
  | { readonly _tag: "Offered"; readonly reservationId: ReservationId; readonly expiresAt: Instant.Instant }

const trimmedReason = (reason: string | undefined): string => (reason ?? "").trim()

const reasonProblem = (subject: string, message: string) => new InvalidInput({ subject, problems: [{ path: "reason", message }] })

const tooLong = (reason: string, subject: string): Either.Either<void, InvalidInput> =>
  reason.length > waitlistReasonMaxLength
    ? Either.left(reasonProblem(subject, `Le motif dépasse ${waitlistReasonMaxLength} caractères : raccourcissez-le.`))
    : Either.void

const findEntry = (ledger: SessionLedger, reservationId: ReservationId): Either.Either<{ readonly entry: WaitlistEntry; readonly index: number }, WaitlistEntryNotFound> => {
  const index = ledger.waitlist.findIndex((e) => e.reservationId === reservationId)
  const entry = ledger.waitlist[index]
  return entry === undefined
    ? Either.left(new WaitlistEntryNotFound({ sessionId: ledger.session.id, sessionDate: ledger.session.date, reservationId }))
    : Either.right({ entry, index })
}

const stillOpen = (ledger: SessionLedger, now: Instant.Instant): Either.Either<Instant.Instant, WaitlistClosed> => {
  const start = sessionStartInstant(ledger.session)
  return now >= start ? Either.left(new WaitlistClosed({ sessionId: ledger.session.id, sessionDate: ledger.session.date, startedAt: start })) : Either.right(start)
}

/**
 * An agent gives a free place to a waiting-list entry, as the activity's `WaitlistMode` sets: the
 * child is booked at once, or the place is offered to the family until `now + validHours` (never
 * beyond the session's start). Refused once the session has started, for an entry that already
 * holds an offer, and when no place is free for the child (the session's and the age group's
 * capacities are never exceeded). Passing over earlier entries a free place would suit needs a reason.
 */
export function decideWaitlistOffer(
  ledger: SessionLedger,
  activity: Activity,
  request: { readonly reservationId: ReservationId; readonly reason?: string },
  now: Instant.Instant
): Either.Either<LedgerDecision<WaitlistOfferOutcome>, WaitlistEntryNotFound | WaitlistClosed | WaitlistOfferPending | NoPlaceForWaitlistEntry | InvalidInput> {
  return Either.gen(function* () {
    const { session } = ledger
    const { entry } = yield* findEntry(ledger, request.reservationId)
    const start = yield* stillOpen(ledger, now)
    if (entry.offer !== undefined) {
      return yield* Either.left(
        new WaitlistOfferPending({ sessionId: session.id, sessionDate: session.date, reservationId: entry.reservationId, expiresAt: entry.offer.expiresAt })
      )
    }
    const standing = waitlistStandings(ledger, activity).find((s) => s.entry.reservationId === entry.reservationId)
    if (standing === undefined || !standing.placeFree) {
      return yield* Either.left(
        new NoPlaceForWaitlistEntry({
          sessionId: session.id,
          sessionDate: session.date,
          reservationId: entry.reservationId,
          ...(entry.ageGroup !== undefined && hasRoomFor(ledger, activity, undefined) ? { ageGroup: entry.ageGroup } : {})
        })
      )
    }
    const reason = trimmedReason(request.reason)
    yield* tooLong(reason, "Place proposée")
    if (standing.passedOver > 0 && reason === "") {
      const before = standing.passedOver === 1 ? "Un enfant attend" : `${standing.passedOver} enfants attendent`
      return yield* Either.left(
        reasonProblem(
          "Place proposée",
          `${before} avant celui-ci et une place libre lui conviendrait : indiquez le motif pour lequel cet enfant passe devant.`
        )
      )
    }
    const who = { reservationId: entry.reservationId, sessionId: session.id, childId: entry.childId }
    const others = ledger.waitlist.filter((e) => e.reservationId !== entry.reservationId)
    const mode = activity.bookingPolicy.waitlist
    if (mode._tag === "BookAtOnce") {
      const reservation = new Reservation({
        id: entry.reservationId,
        sessionId: session.id,
        childId: entry.childId,
        householdId: entry.householdId,
        ...(entry.ageGroup === undefined ? {} : { ageGroup: entry.ageGroup }),
        requestedAt: entry.requestedAt,
        bookedAt: now,
        via: "waitlist"
      })
      return {
        ledger: new SessionLedger({ session, reservations: [...ledger.reservations, reservation], waitlist: others }),
        events: [{ _tag: "ReservationBooked", ...who, via: "waitlist" }],
        outcome: { _tag: "Booked", reservation }
      } satisfies LedgerDecision<WaitlistOfferOutcome>
    }
    const held = Instant.plusHours(now, mode.validHours)
    const expiresAt = held < start ? held : start
    const offered = new WaitlistEntry({ ...entry, offer: new WaitlistOffer({ offeredAt: now, expiresAt }) })
    return {
      ledger: new SessionLedger({
        session,
        reservations: [...ledger.reservations],
        waitlist: ledger.waitlist.map((e) => (e.reservationId === entry.reservationId ? offered : e))
      }),
      events: [{ _tag: "PlaceOffered", ...who, expiresAt }],
      outcome: { _tag: "Offered", reservationId: entry.reservationId, expiresAt }
    } satisfies LedgerDecision<WaitlistOfferOutcome>
  })
}

/**
 * An agent moves a waiting-list entry one place up or down, for a reason (required, kept in the
 * ledger's event and the journal): it swaps with its neighbour. Refused once the session has
 * started, and beyond the head or the end of the list.
 */
export function decideWaitlistMove(
  ledger: SessionLedger,
  request: { readonly reservationId: ReservationId; readonly direction: WaitlistDirection; readonly reason: string },
  now: Instant.Instant
): Either.Either<LedgerDecision<{ readonly from: number; readonly to: number }>, WaitlistEntryNotFound | WaitlistClosed | WaitlistMoveImpossible | InvalidInput> {
  return Either.gen(function* () {
    const { session } = ledger
    const { entry, index } = yield* findEntry(ledger, request.reservationId)
    yield* stillOpen(ledger, now)
    const reason = trimmedReason(request.reason)
    if (reason === "") {
      return yield* Either.left(
        reasonProblem("Ordre de la liste d'attente", "Indiquez le motif du changement de position : il est enregistré dans le journal des actions.")
      )
    }
    yield* tooLong(reason, "Ordre de la liste d'attente")
    const target = request.direction === "up" ? index - 1 : index + 1
    const neighbour = ledger.waitlist[target]
    if (neighbour === undefined) {
      return yield* Either.left(
        new WaitlistMoveImpossible({
          sessionId: session.id,
          reservationId: entry.reservationId,
          direction: request.direction,
          position: index + 1,
          length: ledger.waitlist.length
        })
      )
    }
    const waitlist = [...ledger.waitlist]
    waitlist[target] = entry
    waitlist[index] = neighbour
    return {
      ledger: new SessionLedger({ session, reservations: [...ledger.reservations], waitlist }),
      events: [
        { _tag: "WaitlistMoved", reservationId: entry.reservationId, sessionId: session.id, childId: entry.childId, from: index + 1, to: target + 1, reason }
      ],
      outcome: { from: index + 1, to: target + 1 }
    } satisfies LedgerDecision<{ readonly from: number; readonly to: number }>
  })
}
