import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { Session } from "../../src/activity/Session.js"
import { Reservation, ReservationAbsence, ReservationCancellation } from "../../src/reservation/Reservation.js"
import { SessionLedger } from "../../src/reservation/SessionLedger.js"
import { WaitlistEntry, WaitlistOffer } from "../../src/reservation/WaitlistEntry.js"
import { AbsenceId, ActivityId, HouseholdId, MemberId, ReservationId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"
import { childAgenda, householdAgenda } from "../../src/attendance/Agenda.js"
import { AttendanceRecord } from "../../src/attendance/AttendanceRecord.js"

const i = Instant.unsafe
const martin = HouseholdId.make("martin")
const lucie = MemberId.make("lucie")
const tom = MemberId.make("tom")

const session = (activity: string, date: string, startsAt = "11:45") =>
  new Session({ id: SessionId.make(`${activity}:${date}`), activityId: ActivityId.make(activity), date: LocalDate.unsafe(date), startsAt: ParisTime.timeOfDay(startsAt), capacity: 2 })

const reservation = (s: Session, childId: MemberId, id: string, extra: Partial<{ cancellation: ReservationCancellation; absence: ReservationAbsence }> = {}) =>
  new Reservation({ id: ReservationId.make(id), sessionId: s.id, childId, householdId: martin, requestedAt: i("2026-03-01T08:00:00Z"), bookedAt: i("2026-03-01T08:00:00Z"), via: "request", ...extra })

const waiting = (childId: MemberId, id: string, householdId = martin, offer?: WaitlistOffer) =>
  new WaitlistEntry({ reservationId: ReservationId.make(id), childId, householdId, requestedAt: i("2026-03-01T08:00:00Z"), ...(offer === undefined ? {} : { offer }) })

const present = (s: Session, childId: MemberId, status: "present" | "absent" = "present") =>
  new AttendanceRecord({ sessionId: s.id, activityId: s.activityId, date: s.date, childId, householdId: martin, status, recordedAt: i("2026-03-09T17:00:00Z") })

const mon = session("cantine", "2026-03-09")
const monEvening = session("soir", "2026-03-09", "16:30")
const tue = session("cantine", "2026-03-10")
const thu = session("cantine", "2026-03-12")
const fri = session("cantine", "2026-03-13")

const ledgers = [
  new SessionLedger({ session: mon, reservations: [reservation(mon, lucie, "r1"), reservation(mon, tom, "r2")], waitlist: [] }),
  new SessionLedger({
    session: tue,
    reservations: [
      reservation(tue, lucie, "r3", {
        cancellation: new ReservationCancellation({ at: i("2026-03-09T07:00:00Z"), late: true, absenceId: AbsenceId.make("abs-1") }),
        absence: new ReservationAbsence({ absenceId: AbsenceId.make("abs-1"), justified: true, carence: false })
      })
    ],
    waitlist: []
  }),
  new SessionLedger({ session: thu, reservations: [], waitlist: [waiting(MemberId.make("other"), "r4", HouseholdId.make("durand")), waiting(lucie, "r5")] }),
  new SessionLedger({
    session: fri,
    reservations: [],
    waitlist: [waiting(lucie, "r6", martin, new WaitlistOffer({ offeredAt: i("2026-03-10T08:00:00Z"), expiresAt: i("2026-03-11T08:00:00Z") }))]
  })
]
const attendance = [present(mon, lucie), present(monEvening, lucie), present(mon, tom, "absent")]

describe("agenda", () => {
  it("shows a child's bookings, waiting lists, offers, cancellations, absences and attendance", () => {
    const agenda = childAgenda(lucie, ledgers, attendance, [monEvening])
    expect(agenda.map((e) => [e.date, e.activityId, e.status])).toEqual([
      ["2026-03-09", "cantine", "attended"],
      ["2026-03-09", "soir", "attended"],
      ["2026-03-10", "cantine", "absent"],
      ["2026-03-12", "cantine", "waitlisted"],
      ["2026-03-13", "cantine", "offered"]
    ])
    expect(agenda[1]?.booking._tag).toBe("NotBooked")
    expect(agenda[2]?.booking).toEqual({ _tag: "Cancelled", reservationId: "r3", at: "2026-03-09T07:00:00.000Z", late: true })
    expect(agenda[2]?.absence?.justified).toBe(true)
    expect(agenda[3]?.booking).toEqual({ _tag: "Waitlisted", reservationId: "r5", position: 2 })
    expect(agenda[4]?.booking).toMatchObject({ _tag: "Offered", position: 1, expiresAt: "2026-03-11T08:00:00.000Z" })
  })

  it("gathers every child of the household, not the other families", () => {
    const agenda = householdAgenda(martin, ledgers, attendance, [monEvening])
    expect(agenda.map((e) => `${e.date} ${e.childId} ${e.status}`)).toEqual([
      "2026-03-09 lucie attended",
      "2026-03-09 tom absent",
      "2026-03-09 lucie attended",
      "2026-03-10 lucie absent",
      "2026-03-12 lucie waitlisted",
      "2026-03-13 lucie offered"
    ])
  })

  test.prop([fc.array(fc.record({ day: fc.integer({ min: 0, max: 20 }), child: fc.constantFrom(lucie, tom), cancelled: fc.boolean() }), { maxLength: 30 })])(
    "the agenda has one entry per session where the child has a place, in date order",
    (bookings) => {
      const bySession = new Map<string, SessionLedger>()
      bookings.forEach((b, n) => {
        const s = session("cantine", LocalDate.addDays(LocalDate.unsafe("2026-03-02"), b.day))
        const current = bySession.get(s.id) ?? new SessionLedger({ session: s, reservations: [], waitlist: [] })
        const cancellation = b.cancelled ? { cancellation: new ReservationCancellation({ at: i("2026-03-01T09:00:00Z"), late: false }) } : {}
        bySession.set(s.id, new SessionLedger({ ...current, reservations: [...current.reservations, reservation(s, b.child, `r${n}`, cancellation)] }))
      })
      const agenda = childAgenda(lucie, [...bySession.values()], [])
      const expectedSessions = new Set(bookings.filter((b) => b.child === lucie).map((b) => b.day))
      expect(agenda).toHaveLength(expectedSessions.size)
      expect(agenda.map((e) => e.date)).toEqual([...agenda.map((e) => e.date)].sort())
      for (const entry of agenda) {
        const active = bySession.get(entry.sessionId)?.reservations.some((r) => r.childId === lucie && r.isActive)
        expect(entry.booking._tag).toBe(active ? "Booked" : "Cancelled")
      }
    }
  )
})
