import { type AttendanceRecord, AttendanceRegister, type LocalDate } from "@spe/core"
import { Effect, Layer } from "effect"

const byDate = (a: AttendanceRecord, b: AttendanceRecord): number =>
  a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.sessionId !== b.sessionId ? (a.sessionId < b.sessionId ? -1 : 1) : a.childId < b.childId ? -1 : a.childId > b.childId ? 1 : 0

/** Attendance records in a map keyed by session and child: recording again replaces. */
export function inMemoryAttendanceRegister(initial: ReadonlyArray<AttendanceRecord> = []): Layer.Layer<AttendanceRegister> {
  const key = (r: AttendanceRecord) => `${r.sessionId}\u0000${r.childId}`
  const records = new Map<string, AttendanceRecord>(initial.map((r) => [key(r), r]))
  const select = (start: LocalDate.LocalDate, end: LocalDate.LocalDate, keep: (r: AttendanceRecord) => boolean) =>
    Effect.sync(() => [...records.values()].filter((r) => r.date >= start && r.date <= end && keep(r)).sort(byDate))
  return Layer.succeed(AttendanceRegister, {
    record: (list) =>
      Effect.sync(() => {
        for (const r of list) records.set(key(r), r)
      }),
    forSession: (sessionId) => Effect.sync(() => [...records.values()].filter((r) => r.sessionId === sessionId).sort(byDate)),
    forChild: (childId, start, end) => select(start, end, (r) => r.childId === childId),
    forHousehold: (householdId, start, end) => select(start, end, (r) => r.householdId === householdId),
    between: (start, end) => select(start, end, () => true)
  })
}
