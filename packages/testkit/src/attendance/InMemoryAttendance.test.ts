import {
  agendaOfChild,
  agendaOfHousehold,
  AttendanceRegister,
  AttendanceSheet,
  bookSessions,
  BookSessionsCommand,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  recordAttendance,
  SessionId
} from "@spe/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aCanteen, aChild, aSession } from "../reservation/BookingFixtures.js"
import { type BookingServices, inMemoryBookingServices } from "../reservation/InMemoryBookingServices.js"
import { attendanceRegisterContract } from "./AttendanceRegisterContract.js"
import { inMemoryAttendanceRegister } from "./InMemoryAttendanceRegister.js"

attendanceRegisterContract("in memory", () => inMemoryAttendanceRegister())

const d = LocalDate.unsafe
const martin = HouseholdId.make("martin")

describe("attendance and agendas", () => {
  it("records the day's attendance, replaces it when recorded again, and shows it in the household's agenda", async () => {
    const canteen = aCanteen({ capacity: 1 })
    const evening = aSession("soir", "2026-03-09", { startsAt: "16:30", capacity: 20 })
    const monday = aSession(canteen, "2026-03-09")
    const thursday = aSession(canteen, "2026-03-12")
    const { clock, layer } = inMemoryBookingServices({
      now: "2026-03-01T08:00:00Z",
      activities: [canteen],
      sessions: [monday, thursday, evening],
      enrollments: [anAcceptedEnrollment("lucie", "2025-2026", "restauration", "martin"), anAcceptedEnrollment("tom", "2025-2026", "restauration", "martin")]
    })
    const run = <A, E>(effect: Effect.Effect<A, E, BookingServices>) => Effect.runPromise(Effect.provide(effect, layer))
    const book = (child: string, ids: ReadonlyArray<SessionId>) =>
      run(bookSessions(new BookSessionsCommand({ child: aChild(child, { householdId: "martin" }), sessionIds: ids })))
    await book("lucie", [monday.id, thursday.id])
    await book("tom", [thursday.id])
    clock.set(Instant.unsafe("2026-03-09T13:00:00Z"))
    const sheet = (status: "present" | "absent") =>
      new AttendanceSheet({
        sessionId: monday.id,
        entries: [{ childId: MemberId.make("lucie"), householdId: martin, status }],
        recordedBy: "agent-1"
      })
    await run(recordAttendance(sheet("absent")))
    await run(recordAttendance(sheet("present")))
    await run(recordAttendance(new AttendanceSheet({ sessionId: evening.id, entries: [{ childId: MemberId.make("tom"), householdId: martin, status: "present" }] })))
    const records = await run(Effect.flatMap(AttendanceRegister, (r) => r.forSession(monday.id)))
    expect(records.map((r) => `${r.childId} ${r.status} ${r.recordedBy}`)).toEqual(["lucie present agent-1"])

    const agenda = await run(agendaOfHousehold(martin, d("2026-03-01"), d("2026-03-31")))
    expect(agenda.map((e) => `${e.date} ${e.startsAt} ${e.childId} ${e.status}`)).toEqual([
      "2026-03-09 11:45 lucie attended",
      "2026-03-09 16:30 tom attended",
      "2026-03-12 11:45 lucie booked",
      "2026-03-12 11:45 tom waitlisted"
    ])
    const tom = await run(agendaOfChild(MemberId.make("tom"), d("2026-03-01"), d("2026-03-31")))
    expect(tom.map((e) => e.booking)).toEqual([{ _tag: "NotBooked" }, { _tag: "Waitlisted", reservationId: "res-3", position: 1 }])
    const unknown = await run(Effect.flip(recordAttendance(new AttendanceSheet({ sessionId: SessionId.make("nope"), entries: [] }))))
    expect(unknown._tag).toBe("SessionNotFound")
  })
})
