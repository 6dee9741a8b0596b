import { Effect, Schema } from "effect"
import type { Activity } from "../activity/Activity.js"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import type { Session } from "../activity/Session.js"
import type { AgentActor } from "../account/Actor.js"
import { auditedAgentCommand, type AuditedOutcome } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { requirePermission } from "../account/Permission.js"
import type { Child, Household } from "../household/Household.js"
import { foldForSearch, HouseholdRepository } from "../household/HouseholdRepository.js"
import type { ReservationAbsence } from "../reservation/Reservation.js"
import type { SessionLedger } from "../reservation/SessionLedger.js"
import { SessionLedgerRepository } from "../reservation/SessionLedgerRepository.js"
import { SessionRepository } from "../reservation/SessionRepository.js"
import { Clock } from "../shared/Clock.js"
import type { ActivityId, HouseholdId, MemberId, SessionId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { InvalidInput } from "../shared/Validation.js"
import { AttendanceRecord, type AttendanceStatus } from "./AttendanceRecord.js"
import { AttendanceRegister } from "./AttendanceRegister.js"
import { AttendanceSheet, recordAttendance } from "./AttendanceUseCases.js"

/** A session of a day, as the roll-call's choice lists it: children booked, and what is recorded already. */
export interface RollCallSessionSummary {
  readonly session: Session
  readonly activity: Activity
  /** Children holding a place (active reservations). */
  readonly booked: number
  readonly recordedPresent: number
  readonly recordedAbsent: number
}

const sessionOrder = (a: { readonly session: Session; readonly activity: Activity }) => `${a.session.startsAt} ${a.activity.name} ${a.session.slot ?? ""}`

const byKey = <A>(key: (a: A) => string) => (a: A, b: A) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)

/**
 * The sessions of a day to take the roll-call of (all activities, or one), by start time, with
 * the children booked and the marks already recorded; needs `attendance.record`.
 */
export const rollCallSessions = (agent: AgentActor, date: LocalDate.LocalDate, activityId?: ActivityId) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "attendance.record")
    const activities = (yield* (yield* ActivityCatalogue).list).filter((a) => activityId === undefined || a.id === activityId)
    const sessions = yield* SessionRepository
    const ledgers = yield* SessionLedgerRepository
    const register = yield* AttendanceRegister
    const summaries: Array<RollCallSessionSummary> = []
    for (const activity of activities) {
      for (const session of yield* sessions.listByActivity(activity.id, date, date)) {
        const ledger = yield* Effect.orDie(ledgers.get(session.id))
        const records = yield* register.forSession(session.id)
        summaries.push({
          session,
          activity,
          booked: ledger.reservations.filter((r) => r.isActive).length,
          recordedPresent: records.filter((r) => r.status === "present").length,
          recordedAbsent: records.filter((r) => r.status === "absent").length
        })
      }
    }
    return summaries.sort(byKey(sessionOrder)) as ReadonlyArray<RollCallSessionSummary>
  })

/** A child on a roll-call sheet: who, booked or not, the absence the family reported, the mark recorded. */
export interface RollCallLine {
  readonly child: Child
  readonly household: Household
  /** Age on the session's day. */
  readonly age: number
  /** The child holds a place (an active reservation). */
  readonly booked: boolean
  /** The family reported an absence covering the session (the reservation still stands). */
  readonly reportedAbsence?: ReservationAbsence
  /** What an agent recorded already. */
  readonly recorded?: AttendanceStatus
}

/** One session's roll-call sheet. */
export interface RollCallSheetView {
  readonly session: Session
  readonly activity: Activity
  /** Booked children, then children recorded without a reservation, by name. */
  readonly lines: ReadonlyArray<RollCallLine>
  /** Children whose reservation the family cancelled after reporting an absence: not expected. */
  readonly cancelledForAbsence: ReadonlyArray<RollCallLine>
  /** The roll-call can be saved: the session is today or past (Paris time). */
  readonly open: boolean
  readonly today: LocalDate.LocalDate
}

const childName = (line: RollCallLine) => foldForSearch(`${line.child.lastName} ${line.child.firstName}`)

const householdsOf = (ids: Iterable<HouseholdId>) =>
  Effect.gen(function* () {
    const households = yield* HouseholdRepository
    const found = new Map<HouseholdId, Household>()
    for (const id of new Set(ids)) {
      const household = yield* Effect.option(households.get(id))
      if (household._tag === "Some") found.set(id, household.value)
    }
    return found
  })

const lineOf = (
  session: Session,
  households: ReadonlyMap<HouseholdId, Household>,
  childId: MemberId,
  householdId: HouseholdId,
  extra: Omit<RollCallLine, "child" | "household" | "age">
): RollCallLine | undefined => {
  const household = households.get(householdId)
  const child = household?.child(childId)
  if (household === undefined || child === undefined) return undefined
  return { child, household, age: LocalDate.ageOn(child.birthDate, session.date), ...extra }
}

const sheetOf = (ledger: SessionLedger, activity: Activity, records: ReadonlyArray<AttendanceRecord>, today: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const { session } = ledger
    const active = ledger.reservations.filter((r) => r.isActive)
    const recordedBy = new Map(records.map((r) => [r.childId as string, r]))
    const activeChildren = new Set<string>(active.map((r) => r.childId))
    const cancelled = ledger.reservations.filter((r) => !r.isActive && r.cancellation?.absenceId !== undefined && !activeChildren.has(r.childId) && !recordedBy.has(r.childId))
    const unreserved = records.filter((r) => !activeChildren.has(r.childId))
    const households = yield* householdsOf([...active, ...cancelled, ...unreserved].map((r) => r.householdId))
    const recordedOf = (childId: MemberId) => {
      const status = recordedBy.get(childId)?.status
      return status === undefined ? {} : { recorded: status }
    }
    const lines = [
      ...active.map((r) => lineOf(session, households, r.childId, r.householdId, { booked: true, ...(r.absence === undefined ? {} : { reportedAbsence: r.absence }), ...recordedOf(r.childId) })),
      ...unreserved.map((r) => lineOf(session, households, r.childId, r.householdId, { booked: false, recorded: r.status }))
    ].filter((line): line is RollCallLine => line !== undefined)
    const cancelledLines = [...new Map(cancelled.map((r) => [r.childId as string, r])).values()]
      .map((r) => lineOf(session, households, r.childId, r.householdId, { booked: false }))
      .filter((line): line is RollCallLine => line !== undefined)
    return {
      session,
      activity,
      lines: lines.sort(byKey((l) => `${l.booked ? 0 : 1} ${childName(l)}`)),
      cancelledForAbsence: cancelledLines.sort(byKey(childName)),
      open: session.date <= today,
      today
    } satisfies RollCallSheetView
  })

/**
 * A session's roll-call sheet: the booked children (age on the day, school level, allergies and
 * notes from their file), the absences their families reported, the children recorded without a
 * reservation, and the marks already recorded; needs `attendance.record`.
 */
export const rollCallSheet = (agent: AgentActor, sessionId: SessionId) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "attendance.record")
    const ledger = yield* (yield* SessionLedgerRepository).get(sessionId)
    const activity = yield* (yield* ActivityCatalogue).byId(ledger.session.activityId)
    const records = yield* (yield* AttendanceRegister).forSession(sessionId)
    const today = ParisTime.dateAt(yield* (yield* Clock).now)
    return yield* sheetOf(ledger, activity, records, today)
  })

/** A child found by name for the roll-call, with the household it belongs to. */
export interface RollCallChildMatch {
  readonly child: Child
  readonly household: Household
}

/** The most children a roll-call search gives. */
export const rollCallSearchLimit = 20

/**
 * Children whose first name, last name or family name contain every word of the query (case and
 * accents ignored), to add a child present without a reservation; needs `attendance.record`.
 */
export const findChildrenForRollCall = (agent: AgentActor, query: string) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "attendance.record")
    const words = foldForSearch(query).split(" ").filter((w) => w.length > 0)
    if (words.length === 0) return [] as ReadonlyArray<RollCallChildMatch>
    const households = yield* (yield* HouseholdRepository).search(query)
    const matches: Array<RollCallChildMatch> = []
    for (const household of households) {
      for (const child of household.children) {
        const haystack = foldForSearch(`${child.firstName} ${child.lastName} ${household.familyName}`)
        if (words.every((w) => haystack.includes(w))) matches.push({ child, household })
      }
    }
    return matches
      .sort(byKey((m) => `${foldForSearch(m.child.lastName)} ${foldForSearch(m.child.firstName)} ${m.household.reference}`))
      .slice(0, rollCallSearchLimit) as ReadonlyArray<RollCallChildMatch>
  })

/** The roll-call of a session that has not come yet. */
export class RollCallTooEarly extends Schema.TaggedError<RollCallTooEarly>()("RollCallTooEarly", {
  sessionDate: LocalDate.LocalDate
}) {
  override get message(): string {
    return `La séance du ${LocalDate.formatFr(this.sessionDate)} n'a pas encore eu lieu : son pointage se fait le jour même, quand les enfants sont là.`
  }
}

/** What an agent records for a session: each child seen, present or absent. */
export interface RecordRollCallInput {
  readonly sessionId: SessionId
  readonly entries: ReadonlyArray<{ readonly childId: MemberId; readonly householdId: HouseholdId; readonly status: AttendanceStatus }>
}

/** What a saved roll-call recorded, with its counts. */
export interface RollCallRecorded {
  readonly records: ReadonlyArray<AttendanceRecord>
  readonly present: number
  readonly absent: number
  /** Children recorded present without a reservation (billed as the billing table says). */
  readonly presentWithoutReservation: number
}

const recordsJson = (records: ReadonlyArray<AttendanceRecord>) => records.map((r) => toAuditJson(AttendanceRecord, r))

/**
 * An agent saves a session's roll-call (pointage): each child present or absent, children present
 * without a reservation included (each must be a child of the household given). The session must
 * be today or past. The marks replace earlier ones (`recordAttendance`), in the agent's name
 * (`attendance.record`, audited with the marks before and after).
 */
export const recordRollCall = auditedAgentCommand({
  action: "attendance.record",
  permission: "attendance.record",
  target: (input: RecordRollCallInput) => ({ kind: "session", id: input.sessionId }),
  run: (agent, input: RecordRollCallInput) =>
    Effect.gen(function* () {
      if (input.entries.length === 0) {
        return yield* Effect.fail(
          new InvalidInput({ subject: "Pointage", problems: [{ path: "entries", message: "Pointez au moins un enfant : choisissez « Présent » ou « Absent »." }] })
        )
      }
      const ledger = yield* (yield* SessionLedgerRepository).get(input.sessionId)
      const today = ParisTime.dateAt(yield* (yield* Clock).now)
      if (ledger.session.date > today) return yield* Effect.fail(new RollCallTooEarly({ sessionDate: ledger.session.date }))
      const households = yield* householdsOf(input.entries.map((e) => e.householdId))
      const problems = input.entries.flatMap((e, index) =>
        households.get(e.householdId)?.child(e.childId) === undefined
          ? [{ path: `entries.${index}`, message: "Cet enfant n'est pas (ou plus) un enfant de ce foyer : recherchez-le à nouveau par son nom." }]
          : []
      )
      if (problems.length > 0) return yield* Effect.fail(new InvalidInput({ subject: "Pointage", problems }))
      const register = yield* AttendanceRegister
      const concerned = new Set<string>(input.entries.map((e) => e.childId))
      const before = (yield* register.forSession(input.sessionId)).filter((r) => concerned.has(r.childId))
      const records = yield* recordAttendance(new AttendanceSheet({ sessionId: input.sessionId, entries: [...input.entries], recordedBy: agent.displayName }))
      const booked = new Set<string>(ledger.reservations.filter((r) => r.isActive).map((r) => r.childId))
      const result: RollCallRecorded = {
        records,
        present: records.filter((r) => r.status === "present").length,
        absent: records.filter((r) => r.status === "absent").length,
        presentWithoutReservation: records.filter((r) => r.status === "present" && !booked.has(r.childId)).length
      }
      return { result, before: recordsJson(before), after: recordsJson(records) } satisfies AuditedOutcome<RollCallRecorded>
    })
})
