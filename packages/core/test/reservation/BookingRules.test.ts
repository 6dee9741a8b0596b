import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Activity, Eligibility } from "../../src/activity/Activity.js"
import { BookingPolicy, BookingWindow, Deadline, WindowPhase } from "../../src/activity/BookingPolicy.js"
import { Session } from "../../src/activity/Session.js"
import { TownCalendar } from "../../src/calendar/TownCalendar.js"
import type { SchoolLevel } from "../../src/household/SchoolLevel.js"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, HouseholdId, MemberId, ReservationId, SessionId, TariffGridId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"
import { BatchOutcome, SessionBookingOutcome } from "../../src/reservation/BatchOutcome.js"
import { SessionNotFound } from "../../src/reservation/BookingRefusals.js"
import { type BookingContext, checkBookingRules, ChildForBooking, wholeWeekRefusals } from "../../src/reservation/BookingRules.js"
import { expandSessionPattern, SessionPattern } from "../../src/reservation/SessionPattern.js"

const d = LocalDate.unsafe
const i = Instant.unsafe
const calendar = new TownCalendar({ zone: "B", alsaceMoselle: false, schoolWeekdays: [1, 2, 4, 5], knownSchoolYears: [], schoolHolidays: [], closures: [] })
const deadline = new Deadline({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("18:00") })

const springWindow = new BookingWindow({
  label: "Vacances de printemps 2026",
  periodStart: d("2026-04-04"),
  periodEnd: d("2026-04-19"),
  phases: [
    new WindowPhase({ opensAt: i("2026-03-02T07:00:00Z"), audience: "residents" }),
    new WindowPhase({ opensAt: i("2026-03-09T07:00:00Z"), audience: "everyone" })
  ],
  closesAt: i("2026-03-27T17:00:00Z")
})

function holidayCentre(options: { wholeWeekOnly?: boolean; threshold?: number; minAge?: number; maxAge?: number; levels?: ReadonlyArray<SchoolLevel> } = {}) {
  return new Activity({
    id: ActivityId.make("alsh"),
    kind: "holiday",
    name: "Centre de loisirs",
    enrollmentFamily: "extrascolaire",
    eligibility: new Eligibility({
      ...(options.minAge === undefined ? {} : { minAge: options.minAge }),
      ...(options.maxAge === undefined ? {} : { maxAge: options.maxAge }),
      ...(options.levels === undefined ? {} : { schoolLevels: [...options.levels] })
    }),
    capacity: 24,
    ageGroups: [],
    slots: [],
    tariffGridId: TariffGridId.make("grille-alsh"),
    bookingPolicy: new BookingPolicy({
      bookingDeadline: deadline,
      cancellationDeadline: deadline,
      windows: [springWindow],
      wholeWeekOnly: options.wholeWeekOnly ?? false,
      waitlist: { _tag: "BookAtOnce" },
      ...(options.threshold === undefined ? {} : { unpaidBlockThresholdCents: options.threshold })
    })
  })
}

const session = (date: string) =>
  new Session({ id: SessionId.make(`alsh:${date}`), activityId: ActivityId.make("alsh"), date: d(date), startsAt: ParisTime.timeOfDay("08:30"), capacity: 24 })

const lucie = (resident = true, level?: SchoolLevel) =>
  new ChildForBooking({
    childId: MemberId.make("lucie"),
    householdId: HouseholdId.make("martin"),
    birthDate: d("2019-06-10"),
    resident,
    ...(level === undefined ? {} : { schoolLevel: level })
  })

const context = (activity: Activity, overrides: Partial<BookingContext> = {}): BookingContext => ({
  activity,
  calendar,
  enrolled: true,
  pastDueUnpaid: Cents.zero,
  ...overrides
})

const refusal = (either: Either.Either<void, { readonly _tag: string; readonly message: string }>) =>
  Either.isLeft(either) ? { tag: either.left._tag, message: either.left.message } : undefined

describe("booking rules", () => {
  it("a holiday window opens to residents first, then to everyone, then closes", () => {
    const monday = session("2026-04-06")
    const activity = holidayCentre()
    expect(refusal(checkBookingRules(monday, lucie(), context(activity), i("2026-03-01T12:00:00Z")))).toEqual({
      tag: "BookingWindowNotOpen",
      message:
        "Les réservations pour « Vacances de printemps 2026 » (lundi 6 avril 2026) ouvrent le lundi 2 mars 2026 à 08:00. " +
        "Revenez à partir de ce moment ; le calendrier de réservation est consultable dans « Édition de documents »."
    })
    expect(refusal(checkBookingRules(monday, lucie(), context(activity), i("2026-03-02T07:00:00Z")))).toBeUndefined()
    expect(refusal(checkBookingRules(monday, lucie(false), context(activity), i("2026-03-05T07:00:00Z")))?.message).toBe(
      "Pour « Vacances de printemps 2026 », les réservations sont pour l'instant réservées aux familles résidant dans la commune ; " +
        "elles seront ouvertes à toutes les familles le lundi 9 mars 2026 à 08:00. Revenez à partir de ce moment."
    )
    expect(refusal(checkBookingRules(monday, lucie(false), context(activity), i("2026-03-09T07:00:00Z")))).toBeUndefined()
    expect(refusal(checkBookingRules(monday, lucie(), context(activity), i("2026-03-27T17:00:00Z")))?.tag).toBe("BookingWindowClosed")
    expect(refusal(checkBookingRules(session("2026-07-06"), lucie(), context(activity), i("2026-03-10T07:00:00Z")))?.tag).toBe(
      "BookingCalendarNotPublished"
    )
  })

  it("refuses without an accepted enrollment, naming the school year and the family", () => {
    const result = refusal(checkBookingRules(session("2026-04-06"), lucie(), context(holidayCentre(), { enrolled: false }), i("2026-03-10T07:00:00Z")))
    expect(result?.tag).toBe("ChildNotEnrolled")
    expect(result?.message).toContain("« extrascolaire » en 2025-2026")
  })

  it("checks age on the session day and school level, saying which", () => {
    const at = i("2026-03-10T07:00:00Z")
    expect(refusal(checkBookingRules(session("2026-04-06"), lucie(), context(holidayCentre({ minAge: 7 })), at))?.message).toBe(
      "« Centre de loisirs » accueille les enfants à partir de 7 ans ; l'enfant aura 6 ans le lundi 6 avril 2026. Choisissez une activité ouverte à son âge."
    )
    expect(refusal(checkBookingRules(session("2026-04-06"), lucie(), context(holidayCentre({ maxAge: 5 })), at))?.tag).toBe("ChildNotEligible")
    expect(refusal(checkBookingRules(session("2026-04-06"), lucie(true, "CP"), context(holidayCentre({ levels: ["CP", "CE1"] })), at))).toBeUndefined()
    expect(refusal(checkBookingRules(session("2026-04-06"), lucie(true, "GS"), context(holidayCentre({ levels: ["CP", "CE1"] })), at))?.message).toContain(
      "ouvert aux niveaux CP, CE1 ; le niveau de l'enfant est : GS"
    )
  })

  it("blocks a household whose past-due unpaid invoices exceed the threshold", () => {
    const activity = holidayCentre({ threshold: 10_000 })
    const at = i("2026-03-10T07:00:00Z")
    expect(refusal(checkBookingRules(session("2026-04-06"), lucie(), context(activity, { pastDueUnpaid: Cents.cents(10_000) }), at))).toBeUndefined()
    expect(refusal(checkBookingRules(session("2026-04-06"), lucie(), context(activity, { pastDueUnpaid: Cents.cents(12_345) }), at))?.message).toBe(
      "Les réservations sont suspendues : 123,45 € de factures échues restent impayés, au-delà du seuil de 100,00 € fixé par la commune. " +
        "Réglez vos factures dans « Mes factures » (paiement en ligne) ou auprès de la régie, puis réservez à nouveau."
    )
  })

  it("whole-week booking refuses the days of an incomplete week, naming the missing days", () => {
    const activity = holidayCentre({ wholeWeekOnly: true })
    const week = ["2026-04-06", "2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10", "2026-04-13", "2026-04-14"].map(session)
    const requested = [week[0], week[1], week[2], week[3], week[4], week[5]].flatMap((s) => (s === undefined ? [] : [s]))
    const refusals = wholeWeekRefusals(activity, requested, week)
    expect([...refusals.keys()]).toEqual(["alsh:2026-04-13"])
    expect(refusals.get(SessionId.make("alsh:2026-04-13"))?.message).toBe(
      "« Centre de loisirs » se réserve à la semaine entière : pour la semaine du lundi 13 avril 2026, ajoutez aussi à votre demande mardi 14 avril 2026."
    )
    expect(wholeWeekRefusals(holidayCentre(), requested, week).size).toBe(0)
  })

  const dayNumbers = fc.integer({ min: LocalDate.toEpochDay(d("2026-04-06")), max: LocalDate.toEpochDay(d("2026-04-19")) })
  test.prop([fc.uniqueArray(dayNumbers, { maxLength: 14 }), fc.uniqueArray(dayNumbers, { maxLength: 14 })])(
    "whole-week booking accepts a week exactly when all its sessions are requested",
    (existingDays, requestedDays) => {
      const all = existingDays.map((n) => session(LocalDate.fromEpochDay(n)))
      const requested = all.filter((s) => requestedDays.includes(LocalDate.toEpochDay(s.date)))
      const refusals = wholeWeekRefusals(holidayCentre({ wholeWeekOnly: true }), requested, all)
      for (const s of requested) {
        const monday = LocalDate.mondayOf(s.date)
        const weekComplete = all.filter((x) => LocalDate.mondayOf(x.date) === monday && LocalDate.isoWeekday(x.date) <= 5).every((x) => requested.includes(x))
        expect(refusals.has(s.id)).toBe(!weekComplete)
      }
    }
  )

  it("expands every Monday and Thursday until the holidays into sessions", () => {
    const sessions = LocalDate.range(d("2026-03-02"), d("2026-03-31")).map(session)
    const pattern = new SessionPattern({ weekdays: [1, 4], start: d("2026-03-02"), end: d("2026-03-19") })
    expect(expandSessionPattern(sessions, pattern).map((s) => s.date)).toEqual([
      "2026-03-02", "2026-03-05", "2026-03-09", "2026-03-12", "2026-03-16", "2026-03-19"
    ])
  })

  it("summarises a batch for the family, one line per session", () => {
    const outcome = new BatchOutcome({
      childId: MemberId.make("lucie"),
      outcomes: [
        new SessionBookingOutcome({ sessionId: SessionId.make("a"), date: d("2026-03-05"), result: { _tag: "Booked", reservationId: ReservationId.make("r1") } }),
        new SessionBookingOutcome({ sessionId: SessionId.make("b"), date: d("2026-03-06"), result: { _tag: "Waitlisted", reservationId: ReservationId.make("r2"), position: 2 } }),
        new SessionBookingOutcome({ sessionId: SessionId.make("c"), result: { _tag: "Refused", refusal: new SessionNotFound({ sessionId: SessionId.make("c") }) } })
      ]
    })
    expect(outcome.summaryFr.slice(0, 2)).toEqual([
      "jeudi 5 mars 2026 : réservé.",
      "vendredi 6 mars 2026 : complet, en liste d'attente (position 2)."
    ])
    expect(outcome.refused).toHaveLength(1)
  })
})
