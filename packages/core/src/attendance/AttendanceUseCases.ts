import { Effect, Schema } from "effect"
import type { Session } from "../activity/Session.js"
import type { SessionLedger } from "../reservation/SessionLedger.js"
import { SessionLedgerRepository } from "../reservation/SessionLedgerRepository.js"
import { SessionRepository } from "../reservation/SessionRepository.js"
import { Clock } from "../shared/Clock.js"
import { HouseholdId, MemberId, SessionId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import { childAgenda, householdAgenda } from "./Agenda.js"
import { AttendanceRecord, AttendanceStatus } from "./AttendanceRecord.js"
import { AttendanceRegister } from "./AttendanceRegister.js"

/** An agent's attendance sheet for one session: each child seen, present or absent, booked or not. */
export class AttendanceSheet extends Schema.Class<AttendanceSheet>("AttendanceSheet")({
  sessionId: SessionId,
  entries: Schema.Array(Schema.Struct({ childId: MemberId, householdId: HouseholdId, status: AttendanceStatus })),
  recordedBy: Schema.optional(Schema.String)
}) {}

/**
 * Records an agent's attendance for a session (pointage), children present without a reservation
 * included. Recording a child again replaces the earlier record: the last one is the truth of the day.
 */
export const recordAttendance = (sheet: AttendanceSheet) =>
  Effect.gen(function* () {
    const now = yield* (yield* Clock).now
    const session = yield* (yield* SessionRepository).get(sheet.sessionId)
    const latest = new Map(sheet.entries.map((e) => [e.childId as string, e]))
    const records = [...latest.values()].map(
      (e) =>
        new AttendanceRecord({
          sessionId: session.id,
          activityId: session.activityId,
          date: session.date,
          childId: e.childId,
          householdId: e.householdId,
          status: e.status,
          recordedAt: now,
          ...(sheet.recordedBy === undefined ? {} : { recordedBy: sheet.recordedBy })
        })
    )
    yield* (yield* AttendanceRegister).record(records)
    return records
  })

const sessionsOnlyAttended = (ledgers: ReadonlyArray<SessionLedger>, attendance: ReadonlyArray<AttendanceRecord>) =>
  Effect.gen(function* () {
    const store = yield* SessionRepository
    const known = new Set<string>(ledgers.map((l) => l.session.id))
    const missing = [...new Set<SessionId>(attendance.map((a) => a.sessionId))].filter((id) => !known.has(id))
    const found: Array<Session> = []
    for (const id of missing) {
      const session = yield* Effect.option(store.get(id))
      if (session._tag === "Some") found.push(session.value)
    }
    return found
  })

/** A child's agenda from `start` to `end`: bookings, waiting lists, offers, cancellations, absences, attendance. */
export const agendaOfChild = (childId: MemberId, start: LocalDate, end: LocalDate) =>
  Effect.gen(function* () {
    const ledgers = yield* (yield* SessionLedgerRepository).forChild(childId, start, end)
    const attendance = yield* (yield* AttendanceRegister).forChild(childId, start, end)
    return childAgenda(childId, ledgers, attendance, yield* sessionsOnlyAttended(ledgers, attendance))
  })

/** The agenda of every child of a household from `start` to `end`. */
export const agendaOfHousehold = (householdId: HouseholdId, start: LocalDate, end: LocalDate) =>
  Effect.gen(function* () {
    const ledgers = yield* (yield* SessionLedgerRepository).forHousehold(householdId, start, end)
    const attendance = yield* (yield* AttendanceRegister).forHousehold(householdId, start, end)
    return householdAgenda(householdId, ledgers, attendance, yield* sessionsOnlyAttended(ledgers, attendance))
  })
