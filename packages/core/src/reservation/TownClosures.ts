import { Effect, Schema } from "effect"
import type { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import { generateSessions } from "../activity/SessionGeneration.js"
import type { Session } from "../activity/Session.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { closuresOverlap } from "../calendar/ClosurePeriods.js"
import { Closure, TownCalendar } from "../calendar/TownCalendar.js"
import { TownCalendarSource } from "../calendar/TownCalendarSource.js"
import { date, optional, required, text } from "../household/FrenchFields.js"
import { Clock } from "../shared/Clock.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { InvalidInput, validate } from "../shared/Validation.js"
import type { Reservation } from "./Reservation.js"
import { SessionLedgerRepository } from "./SessionLedgerRepository.js"
import { SessionRepository } from "./SessionRepository.js"

/** The longest closure entered at once. */
export const closureMaxDays = 366

const ClosureDraft = Schema.Struct({
  from: required(date("le premier jour de fermeture"), "Indiquez le premier jour de fermeture."),
  to: optional(date("le dernier jour de fermeture")),
  reason: required(text("le motif de la fermeture", 200), "Indiquez le motif de la fermeture : les familles le lisent."),
  activityKinds: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
}).pipe(
  Schema.filter((c) =>
    c.to !== undefined && c.to < c.from
      ? { path: ["to"], message: "Le dernier jour de fermeture doit suivre le premier." }
      : c.to !== undefined && LocalDate.daysBetween(c.from, c.to) >= closureMaxDays
        ? { path: ["to"], message: `Une fermeture couvre au plus ${closureMaxDays} jours.` }
        : undefined
  )
)

const validateClosure = validate(ClosureDraft, "La fermeture")

/** A closure of the town's services as an agent types it: a day or a period, a reason, maybe only some kinds of activity. */
export interface ClosureInput {
  readonly from?: unknown
  readonly to?: unknown
  readonly reason?: unknown
  /** Kinds of activity closed (`canteen`, `holiday`…); none: every service. */
  readonly activityKinds?: ReadonlyArray<string>
}

/** A reservation a closure cancelled, with its session and activity. */
export interface ClosureCancellation {
  readonly reservation: Reservation
  readonly session: Session
  readonly activityName: string
}

/** What a closure did: the closure days added, the sessions removed, the reservations cancelled (not billed). */
export interface ClosureOutcome {
  readonly closures: ReadonlyArray<Closure>
  readonly sessionsRemoved: ReadonlyArray<Session>
  readonly cancelled: ReadonlyArray<ClosureCancellation>
  /** Waiting-list entries dropped with their sessions. */
  readonly waitlistRemoved: number
}

const byDate = (closures: ReadonlyArray<Closure>) => [...closures].sort((a, b) => LocalDate.compare(a.date, b.date))

const refused = (path: string, message: string) => Effect.fail(new InvalidInput({ subject: "La fermeture", problems: [{ path, message }] }))

const concerns = (closure: Closure, activity: Activity): boolean =>
  closure.activityKinds === undefined || closure.activityKinds.length === 0 || closure.activityKinds.includes(activity.kind)

/**
 * Removes the sessions of `activities` on the closure days (each decided on its locked ledger):
 * their active reservations are cancelled with them (never billed) and their waiting lists
 * dropped. Returns what was removed.
 */
const removeClosedSessions = (closures: ReadonlyArray<Closure>, activities: ReadonlyArray<Activity>) =>
  Effect.gen(function* () {
    const sessions = yield* SessionRepository
    const ledgers = yield* SessionLedgerRepository
    const transactions = yield* Transactions
    const removed: Array<Session> = []
    const cancelled: Array<ClosureCancellation> = []
    let waitlistRemoved = 0
    const dates = closures.map((c) => c.date)
    const first = dates[0]
    const last = dates.at(-1)
    if (first === undefined || last === undefined) return { removed, cancelled, waitlistRemoved }
    for (const activity of activities) {
      const closedOn = new Set<string>(closures.filter((c) => concerns(c, activity)).map((c) => c.date))
      if (closedOn.size === 0) continue
      for (const session of yield* sessions.listByActivity(activity.id, first, last)) {
        if (!closedOn.has(session.date)) continue
        const ledger = yield* transactions.withTransaction(
          Effect.gen(function* () {
            const locked = yield* ledgers.loadForUpdate(session.id)
            yield* sessions.removeMany([session.id])
            return locked
          })
        )
        removed.push(session)
        for (const reservation of ledger.reservations) if (reservation.isActive) cancelled.push({ reservation, session, activityName: activity.name })
        waitlistRemoved += ledger.waitlist.length
      }
    }
    return { removed, cancelled, waitlistRemoved }
  })

const closuresJson = (closures: ReadonlyArray<Closure>) => closures.map((c) => toAuditJson(Closure, c))

/**
 * An agent closes the town's services on a day or a period, for a reason the families read
 * (`activities.manage`, audited `calendar.close`): every service, or only some kinds of activity.
 * The closure days join the town's calendar, so no session is generated on them any more; the
 * sessions already published on those days are removed, and with them their reservations are
 * cancelled without being billed and their waiting lists dropped; the outcome says how many.
 * Refused for a day already past, or already closed for the same services.
 */
export const closeTownDays = auditedAgentCommand({
  action: "calendar.close",
  permission: "activities.manage",
  target: (input: ClosureInput) => ({ kind: "calendar", id: typeof input.from === "string" && input.from.trim() !== "" ? input.from.trim().slice(0, 64) : "fermeture" }),
  run: (_agent, input: ClosureInput) =>
    Effect.gen(function* () {
      const draft = yield* validateClosure(input)
      const today = ParisTime.dateAt(yield* (yield* Clock).now)
      if (draft.from < today) return yield* refused("from", `Le ${LocalDate.formatFr(draft.from)} est passé : une fermeture s'ajoute pour aujourd'hui ou un jour à venir.`)
      const activities = yield* (yield* ActivityCatalogue).list
      const knownKinds = new Set<string>(activities.map((a) => a.kind))
      const unknownKind = draft.activityKinds.find((k) => !knownKinds.has(k))
      if (unknownKind !== undefined) return yield* refused("activityKinds", `Aucune activité de la commune n'est du type « ${unknownKind} » : choisissez parmi les types proposés.`)
      const source = yield* TownCalendarSource
      const calendar = yield* source.get
      const kinds = [...new Set(draft.activityKinds)]
      const added = LocalDate.range(draft.from, draft.to ?? draft.from).map((day) =>
        Closure.make({ date: day, reason: draft.reason, ...(kinds.length === 0 ? {} : { activityKinds: kinds }) })
      )
      const clash = added.flatMap((c) => calendar.closures.filter((existing) => closuresOverlap(existing, c)))[0]
      if (clash !== undefined) {
        return yield* refused("from", `Le ${LocalDate.formatFr(clash.date)} est déjà fermé (« ${clash.reason} ») : retirez d'abord cette fermeture, ou choisissez d'autres jours.`)
      }
      yield* source.save(new TownCalendar({ ...calendar, closures: byDate([...calendar.closures, ...added]) }))
      const outcome = yield* removeClosedSessions(added, activities)
      return {
        result: { closures: added, sessionsRemoved: outcome.removed, cancelled: outcome.cancelled, waitlistRemoved: outcome.waitlistRemoved } satisfies ClosureOutcome,
        before: { closures: closuresJson(calendar.closures.filter((c) => c.date >= draft.from && c.date <= (draft.to ?? draft.from))) },
        after: {
          closures: closuresJson(added),
          sessionsRemoved: outcome.removed.map((s) => s.id),
          cancelledReservations: outcome.cancelled.map((c) => ({
            reservationId: c.reservation.id,
            sessionId: c.session.id,
            childId: c.reservation.childId,
            householdId: c.reservation.householdId
          })),
          waitlistRemoved: outcome.waitlistRemoved
        }
      }
    })
})

/** No closure of the town's calendar falls on this day. */
export class TownClosureNotFound extends Schema.TaggedError<TownClosureNotFound>()("TownClosureNotFound", {
  date: Schema.String
}) {
  override get message(): string {
    return `Aucune fermeture n'est enregistrée le ${this.date} : rechargez le calendrier de la commune.`
  }
}

/** A closure day to withdraw. */
export interface ReopeningInput {
  readonly date: unknown
}

/** What reopening a day did: the closures withdrawn and the sessions published again. */
export interface ReopeningOutcome {
  readonly closures: ReadonlyArray<Closure>
  readonly sessionsRestored: ReadonlyArray<Session>
}

const Reopening = Schema.Struct({ date: required(date("le jour à rouvrir"), "Indiquez le jour à rouvrir.") })
const validateReopening = validate(Reopening, "La réouverture")

/**
 * An agent withdraws the closures of a day not yet past (`activities.manage`, audited
 * `calendar.reopen`): the day is open again, and the sessions of that day are published again
 * for every activity whose sessions of that school year are published (the reservations
 * cancelled by the closure are not restored: families book again).
 */
export const reopenTownDay = auditedAgentCommand({
  action: "calendar.reopen",
  permission: "activities.manage",
  target: (input: ReopeningInput) => ({ kind: "calendar", id: typeof input.date === "string" && input.date.trim() !== "" ? input.date.trim().slice(0, 64) : "reouverture" }),
  run: (_agent, input: ReopeningInput) =>
    Effect.gen(function* () {
      const { date: day } = yield* validateReopening(input)
      const today = ParisTime.dateAt(yield* (yield* Clock).now)
      const source = yield* TownCalendarSource
      const calendar = yield* source.get
      const withdrawn = calendar.closures.filter((c) => c.date === day)
      if (withdrawn.length === 0) return yield* Effect.fail(new TownClosureNotFound({ date: day }))
      if (day < today) return yield* refused("date", `Le ${LocalDate.formatFr(day)} est passé : sa fermeture reste dans l'historique.`)
      const reopened = new TownCalendar({ ...calendar, closures: calendar.closures.filter((c) => c.date !== day) })
      yield* source.save(reopened)
      const sessions = yield* SessionRepository
      const year = LocalDate.schoolYearBounds(LocalDate.schoolYear(day))
      const restored: Array<Session> = []
      for (const activity of yield* (yield* ActivityCatalogue).list) {
        if (!withdrawn.some((c) => concerns(c, activity))) continue
        if ((yield* sessions.listByActivity(activity.id, year.start, year.end)).length === 0) continue
        const generated = generateSessions(activity, reopened, day, day)
        if (generated._tag === "Left") continue
        const existing = new Set<string>((yield* sessions.listByActivity(activity.id, day, day)).map((s) => s.id))
        const fresh = generated.right.filter((s) => !existing.has(s.id))
        yield* sessions.saveMany(fresh)
        restored.push(...fresh)
      }
      return {
        result: { closures: withdrawn, sessionsRestored: restored } satisfies ReopeningOutcome,
        before: { closures: closuresJson(withdrawn) },
        after: { closures: [], sessionsRestored: restored.map((s) => s.id) }
      }
    })
})
