import { Effect } from "effect"
import type { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { Session } from "../activity/Session.js"
import type { AgentActor } from "../account/Actor.js"
import { auditedAgentCommand, type AuditedOutcome } from "../account/AgentCommand.js"
import { type JsonValue, toAuditJson } from "../account/AuditRecord.js"
import { requirePermission } from "../account/Permission.js"
import type { Child, Household } from "../household/Household.js"
import { publishIntegrationEvents, reservationDrafts } from "../integration/IntegrationPublishing.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import { Clock } from "../shared/Clock.js"
import type { ActivityId, HouseholdId, ReservationId, SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput } from "../shared/Validation.js"
import { sessionStartInstant } from "./BookingDeadlines.js"
import { type LedgerDecision, placesLeft, type SessionLedger } from "./SessionLedger.js"
import type { SessionLedgerEvent } from "./SessionLedgerEvent.js"
import { SessionLedgerRepository } from "./SessionLedgerRepository.js"
import { SessionRepository } from "./SessionRepository.js"
import { WaitlistEntry } from "./WaitlistEntry.js"
import {
  decideWaitlistMove,
  decideWaitlistOffer,
  type WaitlistDirection,
  type WaitlistOfferOutcome,
  type WaitlistStanding,
  waitlistStandings
} from "./WaitlistManagement.js"

/** The longest period the agents' list of waiting lists covers at once. */
export const waitlistPeriodMaxDays = 366

/** Which sessions' waiting lists an agent lists: a period (both days included), maybe one activity. */
export interface WaitlistCriteria {
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
  readonly activityId?: ActivityId
}

/** A session that has a waiting list, as the agents' list shows it. */
export interface SessionWaitlistSummary {
  readonly session: Session
  readonly activity: Activity
  readonly placesLeft: number
  /** Entries on the list, offers held included. */
  readonly waiting: number
  /** Entries holding a place offered to the family. */
  readonly offersHeld: number
}

const checkPeriod = (criteria: WaitlistCriteria) => {
  const problems: Array<{ readonly path: string; readonly message: string }> = []
  if (criteria.to < criteria.from) problems.push({ path: "to", message: "La fin de la période doit suivre son début." })
  else if (LocalDate.daysBetween(criteria.from, criteria.to) >= waitlistPeriodMaxDays) {
    problems.push({ path: "to", message: `Choisissez une période d'au plus ${waitlistPeriodMaxDays} jours.` })
  }
  return problems.length === 0 ? Effect.void : Effect.fail(new InvalidInput({ subject: "Listes d'attente", problems }))
}

/**
 * The sessions of a period that have a waiting list (in order of date, then start time, then
 * activity), with their places left and the length of their list; needs `households.read`.
 */
export const listWaitlists = (agent: AgentActor, criteria: WaitlistCriteria) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "households.read")
    yield* checkPeriod(criteria)
    const ledgers = yield* (yield* SessionLedgerRepository).between(criteria.from, criteria.to)
    const activities = new Map((yield* (yield* ActivityCatalogue).list).map((a) => [a.id as string, a]))
    const summaries: Array<SessionWaitlistSummary> = []
    for (const ledger of ledgers) {
      if (ledger.waitlist.length === 0) continue
      if (criteria.activityId !== undefined && ledger.session.activityId !== criteria.activityId) continue
      const activity = activities.get(ledger.session.activityId)
      if (activity === undefined) continue
      summaries.push({
        session: ledger.session,
        activity,
        placesLeft: placesLeft(ledger),
        waiting: ledger.waitlist.length,
        offersHeld: ledger.waitlist.filter((e) => e.offer !== undefined).length
      })
    }
    const key = (s: SessionWaitlistSummary) => `${s.session.date} ${s.session.startsAt} ${s.activity.name} ${s.session.id}`
    return summaries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) as ReadonlyArray<SessionWaitlistSummary>
  })

/** An entry of a waiting list with its child and family, when they are still known. */
export interface WaitlistLine extends WaitlistStanding {
  readonly household?: Household
  readonly child?: Child
}

/** One session's waiting list as an agent sees it. */
export interface WaitlistView {
  readonly ledger: SessionLedger
  readonly activity: Activity
  readonly placesLeft: number
  /** The session has started: its list does not change any more. */
  readonly closed: boolean
  readonly lines: ReadonlyArray<WaitlistLine>
}

/**
 * A session's waiting list in order: each entry's child and family, since when it waits, the offer
 * it holds, whether a place is free for it; needs `households.read`.
 */
export const viewWaitlist = (agent: AgentActor, sessionId: SessionId) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "households.read")
    const ledger = yield* (yield* SessionLedgerRepository).get(sessionId)
    const activity = yield* (yield* ActivityCatalogue).byId(ledger.session.activityId)
    const now = yield* (yield* Clock).now
    const households = yield* HouseholdRepository
    const known = new Map<HouseholdId, Household | undefined>()
    for (const entry of ledger.waitlist) {
      if (known.has(entry.householdId)) continue
      const found = yield* Effect.option(households.get(entry.householdId))
      known.set(entry.householdId, found._tag === "Some" ? found.value : undefined)
    }
    const lines = waitlistStandings(ledger, activity).map((standing): WaitlistLine => {
      const household = known.get(standing.entry.householdId)
      const child = household?.child(standing.entry.childId)
      return { ...standing, ...(household === undefined ? {} : { household }), ...(child === undefined ? {} : { child }) }
    })
    return {
      ledger,
      activity,
      placesLeft: placesLeft(ledger),
      closed: now >= sessionStartInstant(ledger.session),
      lines
    } satisfies WaitlistView
  })

/** What the journal keeps of a waiting list: each entry with its position, and the places left. */
export const waitlistAuditJson = (ledger: SessionLedger): { readonly [key: string]: JsonValue } => ({
  sessionId: ledger.session.id,
  placesLeft: placesLeft(ledger),
  waitlist: ledger.waitlist.map((entry, index) => ({ position: index + 1, entry: toAuditJson(WaitlistEntry, entry) }))
})

const sessionTarget = (input: { readonly sessionId: SessionId }) => ({ kind: "session", id: input.sessionId })

/** Runs a decision on a session's locked ledger and saves it with its `reservation.changed` events: the ledger before, the decision. */
const onLockedLedger = <O, E>(sessionId: SessionId, decide: (ledger: SessionLedger) => Effect.Effect<LedgerDecision<O>, E>) =>
  Effect.gen(function* () {
    const ledgers = yield* SessionLedgerRepository
    return yield* (yield* Transactions).withTransaction(
      Effect.gen(function* () {
        const before = yield* ledgers.loadForUpdate(sessionId)
        const decision = yield* decide(before)
        yield* ledgers.save(decision.ledger)
        yield* publishIntegrationEvents(reservationDrafts(before, decision))
        return { before, decision }
      })
    )
  })

/** What an agent gives to offer a place from a waiting list. */
export interface OfferWaitlistPlaceInput {
  readonly sessionId: SessionId
  readonly reservationId: ReservationId
  /** Required when earlier entries are passed over. */
  readonly reason?: string
}

/** What an agent's offer did: booked or offered, and the ledger's events. */
export interface WaitlistOfferResult {
  readonly outcome: WaitlistOfferOutcome
  readonly events: ReadonlyArray<SessionLedgerEvent>
}

/**
 * An agent gives a free place to a waiting-list entry (`decideWaitlistOffer`): booked at once or
 * offered to the family, as the activity sets (`reservations.manage`, audited as `waitlists.offer`
 * with the list before and after and the reason).
 */
export const offerWaitlistPlace = auditedAgentCommand({
  action: "waitlists.offer",
  permission: "reservations.manage",
  target: sessionTarget,
  run: (_agent, input: OfferWaitlistPlaceInput) =>
    Effect.gen(function* () {
      const now = yield* (yield* Clock).now
      const session = yield* (yield* SessionRepository).get(input.sessionId)
      const activity = yield* (yield* ActivityCatalogue).byId(session.activityId)
      const { before, decision } = yield* onLockedLedger(input.sessionId, (ledger) =>
        decideWaitlistOffer(ledger, activity, { reservationId: input.reservationId, ...(input.reason === undefined ? {} : { reason: input.reason }) }, now)
      )
      const reason = (input.reason ?? "").trim()
      const outcome = decision.outcome
      return {
        result: { outcome, events: decision.events },
        before: waitlistAuditJson(before),
        after: {
          ...waitlistAuditJson(decision.ledger),
          offer: {
            reservationId: input.reservationId,
            outcome: outcome._tag,
            ...(outcome._tag === "Offered" ? { expiresAt: outcome.expiresAt } : {}),
            ...(reason === "" ? {} : { reason })
          }
        }
      } satisfies AuditedOutcome<WaitlistOfferResult>
    })
})

/** What an agent gives to move a waiting-list entry. */
export interface MoveWaitlistEntryInput {
  readonly sessionId: SessionId
  readonly reservationId: ReservationId
  readonly direction: WaitlistDirection
  readonly reason: string
}

/** Where a moved entry was and is now (1-based), and the ledger's events. */
export interface WaitlistMoveResult {
  readonly from: number
  readonly to: number
  readonly events: ReadonlyArray<SessionLedgerEvent>
}

/**
 * An agent moves a waiting-list entry one place up or down, for a reason (`decideWaitlistMove`);
 * the family's position changes with it (`reservations.manage`, audited as `waitlists.move` with
 * the list before and after and the reason).
 */
export const moveWaitlistEntry = auditedAgentCommand({
  action: "waitlists.move",
  permission: "reservations.manage",
  target: sessionTarget,
  run: (_agent, input: MoveWaitlistEntryInput) =>
    Effect.gen(function* () {
      const now = yield* (yield* Clock).now
      const { before, decision } = yield* onLockedLedger(input.sessionId, (ledger) =>
        decideWaitlistMove(ledger, { reservationId: input.reservationId, direction: input.direction, reason: input.reason }, now)
      )
      const moved = decision.outcome
      return {
        result: { from: moved.from, to: moved.to, events: decision.events },
        before: waitlistAuditJson(before),
        after: {
          ...waitlistAuditJson(decision.ledger),
          move: { reservationId: input.reservationId, direction: input.direction, from: moved.from, to: moved.to, reason: input.reason.trim() }
        }
      } satisfies AuditedOutcome<WaitlistMoveResult>
    })
})
