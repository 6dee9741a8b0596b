import { describe, expect, it } from "vitest"
import { Activity, Eligibility, Slot } from "../../src/activity/Activity.js"
import { BookingPolicy, BookingWindow, Deadline, WindowPhase } from "../../src/activity/BookingPolicy.js"
import { Session } from "../../src/activity/Session.js"
import { AgendaEntry } from "../../src/attendance/Agenda.js"
import { assembleBookingCalendar, assembleHolidayWeeks, type BookingCalendarInput, childForBookingOf } from "../../src/attendance/BookingCalendar.js"
import { TownCalendar } from "../../src/calendar/TownCalendar.js"
import { Adult, Child, Household } from "../../src/household/Household.js"
import { ChildForBooking } from "../../src/reservation/BookingRules.js"
import { Reservation } from "../../src/reservation/Reservation.js"
import { SessionLedger } from "../../src/reservation/SessionLedger.js"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, HouseholdId, MemberId, ReservationId, SessionId, TariffGridId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"

const d = LocalDate.unsafe
const i = Instant.unsafe
const t = ParisTime.timeOfDay
const calendar = new TownCalendar({ zone: "B", alsaceMoselle: false, schoolWeekdays: [1, 2, 4, 5], knownSchoolYears: [], schoolHolidays: [], closures: [] })
const twoDays = (at: string) => new Deadline({ daysBefore: 2, counting: "calendar", at: t(at) })
const martin = HouseholdId.make("martin")
const lucie = MemberId.make("lucie")

const policy = (overrides: Partial<ConstructorParameters<typeof BookingPolicy>[0]> = {}) =>
  new BookingPolicy({ bookingDeadline: twoDays("11:45"), cancellationDeadline: twoDays("11:45"), windows: [], wholeWeekOnly: false, waitlist: { _tag: "BookAtOnce" }, ...overrides })

const canteen = new Activity({
  id: ActivityId.make("cantine"),
  kind: "canteen",
  name: "Restauration scolaire",
  enrollmentFamily: "restauration",
  eligibility: new Eligibility({ schoolLevels: ["CP", "CE1", "CE2"] }),
  capacity: 2,
  ageGroups: [],
  slots: [],
  tariffGridId: TariffGridId.make("g"),
  bookingPolicy: policy()
})
const evening = new Activity({ ...canteen, id: ActivityId.make("soir"), kind: "evening", name: "Accueil du soir", eligibility: new Eligibility({}) })
const wednesday = new Activity({
  ...canteen,
  id: ActivityId.make("mercredi"),
  kind: "wednesday",
  name: "Accueil du mercredi",
  enrollmentFamily: "periscolaire",
  eligibility: new Eligibility({}),
  slots: [new Slot({ code: "matin", label: "Matin (8h30 - 12h)" })],
  bookingPolicy: policy({ bookingDeadline: twoDays("08:30"), cancellationDeadline: twoDays("08:30") })
})
const holidayWindow = new BookingWindow({
  label: "Vacances d'hiver 2027",
  periodStart: d("2027-02-20"),
  periodEnd: d("2027-03-07"),
  phases: [new WindowPhase({ opensAt: i("2027-01-18T07:30:00Z"), audience: "everyone" })],
  closesAt: i("2027-02-12T17:00:00Z")
})
const holiday = new Activity({
  ...canteen,
  id: ActivityId.make("alsh"),
  kind: "holiday",
  name: "Accueil de loisirs",
  enrollmentFamily: "extrascolaire",
  eligibility: new Eligibility({ minAge: 3, maxAge: 12 }),
  bookingPolicy: policy({ windows: [holidayWindow], wholeWeekOnly: true, bookingDeadline: twoDays("12:00") })
})

const session = (activity: Activity, date: string, startsAt: string, slot?: string) =>
  new Session({
    id: SessionId.make(`${activity.id}:${date}${slot === undefined ? "" : `:${slot}`}`),
    activityId: activity.id,
    date: d(date),
    startsAt: t(startsAt),
    capacity: 2,
    ...(slot === undefined ? {} : { slot })
  })

const child = (level: "CE1" | "6e" = "CE1") => new ChildForBooking({ childId: lucie, householdId: martin, birthDate: d("2019-03-01"), schoolLevel: level, resident: true })

const booked = (s: Session, childId = lucie, id = "r1") =>
  new Reservation({ id: ReservationId.make(id), sessionId: s.id, childId, householdId: martin, requestedAt: i("2026-11-01T08:00:00Z"), bookedAt: i("2026-11-01T08:00:00Z"), via: "request" })

const entry = (s: Session, booking: AgendaEntry["booking"]) =>
  new AgendaEntry({ date: s.date, sessionId: s.id, activityId: s.activityId, startsAt: s.startsAt, childId: lucie, householdId: martin, booking, ...(s.slot === undefined ? {} : { slot: s.slot }) })

const now = i("2026-11-26T08:00:00Z")

const input = (overrides: Partial<BookingCalendarInput>): BookingCalendarInput => ({
  child: child(),
  activities: [canteen, evening, wednesday, holiday],
  sessions: [],
  agenda: [],
  calendar,
  enrolled: () => true,
  pastDueUnpaid: Cents.zero,
  ledgers: new Map(),
  now,
  ...overrides
})

describe("a child's booking calendar", () => {
  const today = session(canteen, "2026-11-26", "11:45")
  const friday = session(canteen, "2026-11-27", "11:45")
  const monday = session(canteen, "2026-11-30", "11:45")
  const mondayEvening = session(evening, "2026-11-30", "16:30")
  const tuesday = session(canteen, "2026-12-01", "11:45")
  const wednesdayMorning = session(wednesday, "2026-12-02", "08:30", "matin")
  const pastMorning = session(canteen, "2026-11-24", "11:45")

  it("says what the family can do on each session: cancel (late or free), book, or why not", () => {
    const calendarOf = assembleBookingCalendar(
      input({
        sessions: [mondayEvening, tuesday, monday, friday, today, wednesdayMorning, pastMorning],
        agenda: [
          entry(today, { _tag: "Booked", reservationId: ReservationId.make("r1"), via: "request" }),
          entry(tuesday, { _tag: "Booked", reservationId: ReservationId.make("r2"), via: "request" }),
          entry(wednesdayMorning, { _tag: "Waitlisted", reservationId: ReservationId.make("r3"), position: 2 })
        ]
      })
    )
    expect(calendarOf.map((e) => [e.session.id, e.status, e.action._tag])).toEqual([
      ["cantine:2026-11-24", "not-booked", "Started"],
      ["cantine:2026-11-26", "booked", "Cancel"],
      ["cantine:2026-11-27", "not-booked", "Unavailable"],
      ["cantine:2026-11-30", "not-booked", "Book"],
      ["soir:2026-11-30", "not-booked", "Book"],
      ["cantine:2026-12-01", "booked", "Cancel"],
      ["mercredi:2026-12-02:matin", "waitlisted", "Cancel"]
    ])
    const [, todayEntry, fridayEntry, , , tuesdayEntry, waiting] = calendarOf
    expect(todayEntry?.action).toEqual({ _tag: "Cancel", late: true, freeUntil: "2026-11-24T10:45:00.000Z", leavesWaitlist: false })
    expect(tuesdayEntry?.action).toEqual({ _tag: "Cancel", late: false, freeUntil: "2026-11-29T10:45:00.000Z", leavesWaitlist: false })
    expect(waiting?.action).toMatchObject({ _tag: "Cancel", leavesWaitlist: true })
    expect(waiting?.slot?.label).toBe("Matin (8h30 - 12h)")
    expect(fridayEntry?.action._tag === "Unavailable" && fridayEntry.action.refusal._tag).toBe("BookingDeadlinePassed")
    expect(fridayEntry?.action._tag === "Unavailable" && fridayEntry.action.refusal.message).toContain("jusqu'au mercredi 25 novembre 2026 à 11:45")
  })

  it("offers the answer to a place offered, and the waiting list when the session is full", () => {
    const other = MemberId.make("paul")
    const fullLedger = new SessionLedger({ session: monday, reservations: [booked(monday, other, "a"), booked(monday, MemberId.make("zoe"), "b")], waitlist: [] })
    const [full, offered] = assembleBookingCalendar(
      input({
        sessions: [tuesday, monday],
        agenda: [entry(tuesday, { _tag: "Offered", reservationId: ReservationId.make("r9"), position: 1, expiresAt: i("2026-11-27T08:00:00Z") })],
        ledgers: new Map([[monday.id, fullLedger]])
      })
    )
    expect(full?.action).toMatchObject({ _tag: "Book", full: true })
    expect(offered?.action).toEqual({ _tag: "AnswerOffer", reservationId: "r9", expiresAt: "2026-11-27T08:00:00.000Z" })
  })

  it("leaves out the activities the child cannot attend, and names the enrollment missing", () => {
    const entries = assembleBookingCalendar(input({ child: child("6e"), sessions: [monday, mondayEvening], enrolled: (_, family) => family !== "restauration" }))
    expect(entries.map((e) => e.session.id)).toEqual(["soir:2026-11-30"])
    const notEnrolled = assembleBookingCalendar(input({ sessions: [monday], enrolled: () => false }))[0]
    expect(notEnrolled?.action._tag === "Unavailable" && notEnrolled.action.refusal._tag).toBe("ChildNotEnrolled")
  })

  it("books a holiday centre by the week, and says when its window opens", () => {
    const holidayDay = session(holiday, "2027-02-23", "08:30")
    const [day] = assembleBookingCalendar(input({ sessions: [holidayDay] }))
    expect(day?.action._tag === "Unavailable" && day.action.refusal._tag).toBe("BookingWindowNotOpen")
    const [open] = assembleBookingCalendar(input({ sessions: [holidayDay], now: i("2027-01-25T09:00:00Z") }))
    expect(open?.action).toEqual({ _tag: "BookWholeWeek" })
  })
})

describe("the holiday weeks of a child", () => {
  const week = ["2027-02-22", "2027-02-23", "2027-02-24", "2027-02-25", "2027-02-26"].map((day) => session(holiday, day, "08:30"))
  const next = ["2027-03-01", "2027-03-02"].map((day) => session(holiday, day, "08:30"))

  it("groups the sessions by week, with the rule refusing the week now and the days already held", () => {
    const closed = assembleHolidayWeeks({ ...input({ sessions: [...next, ...week] }), today: d("2026-11-26") })
    expect(closed.map((w) => [w.weekOf, w.sessions.length, w.refusal?._tag])).toEqual([
      ["2027-02-22", 5, "BookingWindowNotOpen"],
      ["2027-03-01", 2, "BookingWindowNotOpen"]
    ])
    const firstDay = week[0]
    if (firstDay === undefined) throw new Error("No session")
    const open = assembleHolidayWeeks({
      ...input({ sessions: week, now: i("2027-01-25T09:00:00Z"), agenda: [entry(firstDay, { _tag: "Booked", reservationId: ReservationId.make("r1"), via: "request" })] }),
      today: d("2027-01-25")
    })
    expect(open).toHaveLength(1)
    expect(open[0]?.refusal).toBeUndefined()
    expect(open[0]?.held).toBe(1)
    expect(open[0]?.window.label).toBe("Vacances d'hiver 2027")
  })
})

describe("the child of a household, as booking reads it", () => {
  const household = new Household({
    id: martin,
    reference: "FAM-1",
    familyName: "MARTIN",
    address: { line1: "1 rue", postalCode: "76320", city: "SAINT-PIERRE" },
    contact: { email: "martin@example.org", phones: [] },
    residency: "non-resident",
    adults: [new Adult({ id: MemberId.make("anne"), firstName: "Anne", lastName: "MARTIN", isPayer: true })],
    children: [new Child({ id: lucie, firstName: "Lucie", lastName: "MARTIN", birthDate: d("2019-03-01"), schoolLevel: "CE1", aeeh: false })]
  })

  it("carries the birth date, the level and the residency; another household's child is unknown", () => {
    expect(childForBookingOf(household, lucie)).toEqual(
      new ChildForBooking({ childId: lucie, householdId: martin, birthDate: d("2019-03-01"), schoolLevel: "CE1", resident: false })
    )
    expect(childForBookingOf(household, MemberId.make("anne"))).toBeUndefined()
    expect(childForBookingOf(household, MemberId.make("nathan"))).toBeUndefined()
  })
})
