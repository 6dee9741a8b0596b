import type { MikroORM } from "@mikro-orm/postgresql"
import { AttendanceRecord, AttendanceRegister, type HouseholdId, type LocalDate, type MemberId, type SessionId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(AttendanceRecord)
const decode = Schema.decodeUnknownSync(AttendanceRecord)

const UPSERT = `
  insert into attendance_record (session_id, child_id, household_id, date, data)
  select r.session_id, r.child_id, r.household_id, r.date, r.data
  from jsonb_to_recordset(?::jsonb) as r(session_id text, child_id text, household_id text, date date, data jsonb)
  on conflict (session_id, child_id) do update
  set household_id = excluded.household_id, date = excluded.date, data = excluded.data`

const BY_DATE = `order by date, session_id collate "C", child_id collate "C"`

/**
 * `AttendanceRegister` on PostgreSQL: one row per session and child (primary key), so recording
 * again replaces the record, in one upsert statement per call.
 */
export function mikroAttendanceRegister(orm: MikroORM): Layer.Layer<AttendanceRegister> {
  const select = (where: string, params: ReadonlyArray<string>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from attendance_record where ${where} ${BY_DATE}`, [...params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  return Layer.succeed(AttendanceRegister, {
    record: (records) => {
      const byKey = new Map(records.map((r) => [`${r.sessionId}\u0000${r.childId}`, r]))
      if (byKey.size === 0) return Effect.void
      const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => ({
        session_id: r.sessionId,
        child_id: r.childId,
        household_id: r.householdId,
        date: r.date,
        data: encode(r)
      }))
      return Effect.asVoid(withEntityManager(orm, (em) => em.execute(UPSERT, [JSON.stringify(rows)], "run")))
    },
    forSession: (sessionId: SessionId) => select("session_id = ?", [sessionId]),
    forChild: (childId: MemberId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
      select("child_id = ? and date between ? and ?", [childId, start, end]),
    forHousehold: (householdId: HouseholdId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
      select("household_id = ? and date between ? and ?", [householdId, start, end]),
    between: (start: LocalDate.LocalDate, end: LocalDate.LocalDate) => select("date between ? and ?", [start, end])
  })
}
