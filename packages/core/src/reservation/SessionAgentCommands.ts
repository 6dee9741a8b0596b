import { Effect, Schema } from "effect"
import { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import { maxCapacity } from "../activity/ActivityDraft.js"
import { generateSessionsForPeriod } from "../activity/GenerateSessionsForPeriod.js"
import type { Session } from "../activity/Session.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { date, required, wholeNumber } from "../household/FrenchFields.js"
import { Clock } from "../shared/Clock.js"
import type { ActivityId, SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import { sessionStartInstant } from "./BookingDeadlines.js"
import { CapacityBelowBookedPlaces, decideCapacityChange } from "./SessionCapacity.js"
import { occupancy } from "./SessionLedger.js"
import type { SessionLedgerEvent } from "./SessionLedgerEvent.js"
import { SessionLedgerRepository } from "./SessionLedgerRepository.js"
import { SessionRepository } from "./SessionRepository.js"

/** The longest period whose sessions are generated at once. */
export const publicationPeriodMaxDays = 366

const Period = Schema.Struct({
  from: required(date("le premier jour de la période"), "Indiquez le premier jour de la période."),
  to: required(date("le dernier jour de la période"), "Indiquez le dernier jour de la période.")
}).pipe(
  Schema.filter((p) =>
    p.to < p.from
      ? { path: ["to"], message: "Le dernier jour de la période doit suivre le premier." }
      : LocalDate.daysBetween(p.from, p.to) >= publicationPeriodMaxDays
        ? { path: ["to"], message: `Générez les séances d'au plus ${publicationPeriodMaxDays} jours à la fois (une année scolaire).` }
        : undefined
  )
)

const validatePeriod = validate(Period, "La période des séances")

const Capacity = Schema.Struct({
  capacity: required(wholeNumber("le nombre de places", 1, maxCapacity), "Indiquez le nombre de places.")
})

const validateCapacity = validate(Capacity, "La capacité")

/** The sessions of a period for an activity, as the agent reads them before publishing. */
export interface SessionPublicationPreview {
  readonly activity: Activity
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
  /** Every session the calendar gives for the period. */
  readonly generated: ReadonlyArray<Session>
  /** Those not published yet (publishing adds these only). */
  readonly toAdd: ReadonlyArray<Session>
}

/** A period typed by an agent (dates `AAAA-MM-JJ`, checked). */
export interface SessionPeriodInput {
  readonly activityId: ActivityId
  readonly from: unknown
  readonly to: unknown
}

/**
 * The sessions the town's calendar gives an activity for a period (`generateSessionsForPeriod`:
 * school days, Wednesdays or holidays as the activity runs, never on public holidays or closures),
 * and which of them are not published yet. Nothing is saved.
 */
export const previewActivitySessions = (input: SessionPeriodInput) =>
  Effect.gen(function* () {
    const period = yield* validatePeriod({ from: input.from, to: input.to })
    const activity = yield* (yield* ActivityCatalogue).byId(input.activityId)
    const generated = yield* generateSessionsForPeriod(activity.id, period.from, period.to)
    const published = new Set<string>((yield* (yield* SessionRepository).listByActivity(activity.id, period.from, period.to)).map((s) => s.id))
    return { activity, from: period.from, to: period.to, generated, toAdd: generated.filter((s) => !published.has(s.id)) } satisfies SessionPublicationPreview
  })

const activityTarget = (input: { readonly activityId: ActivityId }) => ({ kind: "activity", id: input.activityId })

/**
 * An agent publishes an activity's sessions for a period (`activities.manage`, audited
 * `sessions.publish`): the sessions of `previewActivitySessions` not published yet are saved, and
 * families can book them; sessions already published are kept as they are (their capacity
 * included), so publishing again changes nothing.
 */
export const publishActivitySessions = auditedAgentCommand({
  action: "sessions.publish",
  permission: "activities.manage",
  target: activityTarget,
  run: (_agent, input: SessionPeriodInput) =>
    Effect.gen(function* () {
      const preview = yield* previewActivitySessions(input)
      yield* (yield* SessionRepository).saveMany(preview.toAdd)
      const dates = preview.toAdd.map((s) => s.date)
      return {
        result: preview,
        before: { from: preview.from, to: preview.to, published: preview.generated.length - preview.toAdd.length },
        after: {
          from: preview.from,
          to: preview.to,
          added: preview.toAdd.length,
          ...(dates.length === 0 ? {} : { firstDate: dates[0] ?? null, lastDate: dates.at(-1) ?? null })
        }
      }
    })
})

/** A new capacity for one session, as typed. */
export interface SessionCapacityInput {
  readonly sessionId: SessionId
  readonly capacity: unknown
}

/** What a change of capacity did: the new capacity and what the waiting list got. */
export interface CapacityChangeResult {
  readonly capacity: number
  readonly sessionsChanged: number
  readonly events: ReadonlyArray<SessionLedgerEvent>
}

/**
 * An agent changes one session's capacity (`activities.manage`, audited `sessions.capacity`):
 * never below the places booked (`CapacityBelowBookedPlaces`); places a larger capacity frees go
 * to the waiting list in order. Decided on the session's locked ledger.
 */
export const changeSessionCapacity = auditedAgentCommand({
  action: "sessions.capacity",
  permission: "activities.manage",
  target: (input: SessionCapacityInput) => ({ kind: "session", id: input.sessionId }),
  run: (_agent, input: SessionCapacityInput) =>
    Effect.gen(function* () {
      const { capacity } = yield* validateCapacity(input.capacity === undefined ? {} : { capacity: input.capacity })
      const now = yield* (yield* Clock).now
      const sessions = yield* SessionRepository
      const ledgers = yield* SessionLedgerRepository
      const session = yield* sessions.get(input.sessionId)
      const activity = yield* (yield* ActivityCatalogue).byId(session.activityId)
      const { before, decision } = yield* (yield* Transactions).withTransaction(
        Effect.gen(function* () {
          const before = yield* ledgers.loadForUpdate(input.sessionId)
          const decision = yield* decideCapacityChange(before, activity, capacity, now)
          yield* sessions.saveMany([decision.outcome])
          yield* ledgers.save(decision.ledger)
          return { before, decision }
        })
      )
      return {
        result: { capacity, sessionsChanged: 1, events: decision.events } satisfies CapacityChangeResult,
        before: { sessionId: input.sessionId, capacity: before.session.capacity, booked: occupancy(before).total, waiting: before.waitlist.length },
        after: { sessionId: input.sessionId, capacity, booked: occupancy(decision.ledger).total, waiting: decision.ledger.waitlist.length }
      }
    })
})

/** A new capacity for an activity and its sessions to come, as typed. */
export interface ActivityCapacityInput {
  readonly activityId: ActivityId
  readonly capacity: unknown
}

/** How far ahead the sessions an activity's new capacity applies to are looked for. */
const capacityHorizonDays = 3 * 366

/**
 * An agent changes an activity's capacity (`activities.manage`, audited `sessions.capacity`): the
 * activity's, and that of its published sessions not started yet that follow it (those of a slot
 * with its own capacity keep theirs). Refused, before anything changes, when a session already has
 * more places booked (`CapacityBelowBookedPlaces`, naming them) or an age group more places than
 * the new capacity; places a larger capacity frees go to the waiting lists in order.
 */
export const changeActivityCapacity = auditedAgentCommand({
  action: "sessions.capacity",
  permission: "activities.manage",
  target: activityTarget,
  run: (_agent, input: ActivityCapacityInput) =>
    Effect.gen(function* () {
      const { capacity } = yield* validateCapacity(input.capacity === undefined ? {} : { capacity: input.capacity })
      const now = yield* (yield* Clock).now
      const today = ParisTime.dateAt(now)
      const catalogue = yield* ActivityCatalogue
      const sessions = yield* SessionRepository
      const ledgers = yield* SessionLedgerRepository
      const transactions = yield* Transactions
      const activity = yield* catalogue.byId(input.activityId)
      const group = activity.ageGroups.find((g) => g.capacity > capacity)
      if (group !== undefined) {
        return yield* Effect.fail(
          new InvalidInput({
            subject: "La capacité",
            problems: [{ path: "capacity", message: `Le groupe d'âge « ${group.label} » a ${group.capacity} places : réduisez d'abord ses places dans la fiche de l'activité, ou choisissez au moins ${group.capacity} places.` }]
          })
        )
      }
      const ownCapacity = new Set(activity.slots.filter((s) => s.capacity !== undefined).map((s) => s.code))
      const concerned = (yield* sessions.listByActivity(activity.id, today, LocalDate.addDays(today, capacityHorizonDays))).filter(
        (s) => sessionStartInstant(s) > now && (s.slot === undefined || !ownCapacity.has(s.slot))
      )
      const overbooked: Array<{ sessionId: string; date: LocalDate.LocalDate; booked: number }> = []
      for (const session of concerned) {
        const booked = occupancy(yield* ledgers.get(session.id)).total
        if (booked > capacity) overbooked.push({ sessionId: session.id, date: session.date, booked })
      }
      if (overbooked.length > 0) return yield* Effect.fail(new CapacityBelowBookedPlaces({ activityName: activity.name, capacity, sessions: overbooked }))
      const after = Activity.make({ ...activity, capacity })
      yield* catalogue.save(after)
      const events: Array<SessionLedgerEvent> = []
      for (const session of concerned) {
        const decided = yield* transactions.withTransaction(
          Effect.gen(function* () {
            const decision = yield* decideCapacityChange(yield* ledgers.loadForUpdate(session.id), after, capacity, now)
            yield* sessions.saveMany([decision.outcome])
            yield* ledgers.save(decision.ledger)
            return decision.events
          })
        )
        events.push(...decided)
      }
      return {
        result: { capacity, sessionsChanged: concerned.length, events } satisfies CapacityChangeResult,
        before: { activityId: activity.id, capacity: activity.capacity },
        after: { activityId: activity.id, capacity, sessionsChanged: concerned.length, placesGivenToWaitlist: events.length }
      }
    })
})
