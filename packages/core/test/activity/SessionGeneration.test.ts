import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { isPublicHoliday, isSchoolDay, isSchoolHoliday, SchoolCalendarUnknown } from "../../src/calendar/CalendarRules.js"
import { townCalendarFromOfficialData } from "../../src/calendar/OfficialSchoolCalendar.js"
import { addSchoolYear } from "../../src/calendar/SchoolYearEntry.js"
import { Closure, type SchoolZone } from "../../src/calendar/TownCalendar.js"
import { ActivityId, TariffGridId } from "../../src/shared/Ids.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { timeOfDay } from "../../src/shared/ParisTime.js"
import { Activity, type ActivityKind, type ActivitySchedule, Eligibility, Slot } from "../../src/activity/Activity.js"
import { BookingPolicy, Deadline } from "../../src/activity/BookingPolicy.js"
import { ActivityScheduleMissing, generateSessions, sessionIdFor } from "../../src/activity/SessionGeneration.js"

const policy = new BookingPolicy({
  bookingDeadline: new Deadline({ daysBefore: 2, counting: "calendar", at: timeOfDay("18:00") }),
  cancellationDeadline: new Deadline({ daysBefore: 2, counting: "calendar", at: timeOfDay("18:00") }),
  windows: [],
  wholeWeekOnly: false,
  waitlist: { _tag: "BookAtOnce" }
})

const activity = (
  kind: ActivityKind,
  options: { id?: string; slots?: ReadonlyArray<Slot>; schedule?: ActivitySchedule; capacity?: number } = {}
) =>
  new Activity({
    id: ActivityId.make(options.id ?? `act-${kind.replace(":", "-")}`),
    kind,
    name: `Activité ${kind}`,
    enrollmentFamily: "periscolaire",
    eligibility: new Eligibility({}),
    capacity: options.capacity ?? 40,
    ageGroups: [],
    slots: [...(options.slots ?? [])],
    tariffGridId: TariffGridId.make("grid-1"),
    bookingPolicy: policy,
    ...(options.schedule === undefined ? {} : { schedule: options.schedule })
  })

const d = LocalDate.unsafe
const zoneB = townCalendarFromOfficialData("B")

const kindArb = fc.constantFrom<ActivityKind>("morning", "evening", "canteen", "wednesday", "holiday", "custom:stage-sportif")
const scheduleArb = fc.constantFrom<ActivitySchedule>("school-days", "wednesdays", "holiday-weekdays", "every-weekday")
const slotsArb = fc.subarray([
  new Slot({ code: "matin", label: "Matin" }),
  new Slot({ code: "apres-midi", label: "Après-midi", capacity: 12 }),
  new Slot({ code: "journee", label: "Journée", startsAt: timeOfDay("09:00") })
])
const activityArb = fc
  .record({ kind: kindArb, schedule: fc.option(scheduleArb, { nil: undefined }), slots: slotsArb, id: fc.stringMatching(/^[a-z][a-z0-9-]{0,63}$/) })
  .map(({ kind, schedule, slots, id }) =>
    activity(kind, { id, slots, ...(schedule !== undefined || kind.startsWith("custom:") ? { schedule: schedule ?? "holiday-weekdays" } : {}) })
  )
const dayArb = (from: string, to: string) =>
  fc.integer({ min: LocalDate.toEpochDay(d(from)), max: LocalDate.toEpochDay(d(to)) }).map(LocalDate.fromEpochDay)
const calendarArb = fc
  .record({
    zone: fc.constantFrom<SchoolZone>("A", "B", "C"),
    alsaceMoselle: fc.boolean(),
    closures: fc.array(
      fc.record({ date: dayArb("2015-09-01", "2026-08-31"), kinds: fc.option(fc.subarray(["canteen", "holiday", "wednesday", "evening"]), { nil: undefined }) }),
      { maxLength: 10 }
    )
  })
  .map(({ zone, alsaceMoselle, closures }) =>
    townCalendarFromOfficialData(zone, {
      alsaceMoselle,
      closures: closures.map((c) => new Closure({ date: c.date, reason: "Fermeture", ...(c.kinds === undefined ? {} : { activityKinds: c.kinds }) }))
    })
  )
const periodArb = fc
  .tuple(dayArb("2015-09-01", "2026-08-31"), fc.integer({ min: 0, max: 90 }))
  .map(([start, length]) => ({ start, end: LocalDate.min(LocalDate.addDays(start, length), d("2026-08-31")) }))

const sessionsOf = (...args: Parameters<typeof generateSessions>) => Either.getOrThrow(generateSessions(...args))

describe("generateSessions", () => {
  it("canteen in November 2025, zone B: 15 sessions (Mon, Tue, Thu, Fri; 11 November is a public holiday)", () => {
    const sessions = sessionsOf(activity("canteen"), zoneB, d("2025-11-01"), d("2025-11-30"))
    expect(sessions).toHaveLength(15)
    expect(sessions.map((s) => s.date)).not.toContain("2025-11-11")
    expect(sessions[0]).toMatchObject({ id: "act-canteen:2025-11-03", date: "2025-11-03", startsAt: "11:45", capacity: 40 })
  })

  it("wednesday with two slots: one session per slot, with the slot's capacity and start time", () => {
    const wednesday = activity("wednesday", {
      id: "mercredi",
      slots: [new Slot({ code: "matin", label: "Matin" }), new Slot({ code: "apres-midi", label: "Après-midi", capacity: 12 })]
    })
    const sessions = sessionsOf(wednesday, zoneB, d("2025-10-13"), d("2025-11-09"))
    expect(sessions.map((s) => `${s.id} ${s.startsAt} ${s.capacity}`)).toEqual([
      "mercredi:2025-10-15:matin 08:30 40",
      "mercredi:2025-10-15:apres-midi 13:30 12",
      "mercredi:2025-11-05:matin 08:30 40",
      "mercredi:2025-11-05:apres-midi 13:30 12"
    ])
  })

  it("holiday sessions in Toussaint 2025, zone B: the 10 weekdays from 20 to 31 October", () => {
    const sessions = sessionsOf(activity("holiday"), zoneB, d("2025-10-01"), d("2025-11-30"))
    expect(sessions.map((s) => s.date)).toEqual(LocalDate.range(d("2025-10-20"), d("2025-10-31")).filter((x) => LocalDate.isoWeekday(x) <= 5))
  })

  it("a closure of the canteen removes its sessions only", () => {
    const calendar = townCalendarFromOfficialData("B", { closures: [new Closure({ date: d("2025-11-14"), reason: "Pont", activityKinds: ["canteen"] })] })
    expect(sessionsOf(activity("canteen"), calendar, d("2025-11-01"), d("2025-11-30"))).toHaveLength(14)
    expect(sessionsOf(activity("evening"), calendar, d("2025-11-01"), d("2025-11-30"))).toHaveLength(15)
  })

  it("a town's own kind needs a schedule", () => {
    const result = generateSessions(activity("custom:stage"), zoneB, d("2025-11-01"), d("2025-11-30"))
    expect(Either.isLeft(result) && result.left).toBeInstanceOf(ActivityScheduleMissing)
    expect(sessionsOf(activity("custom:stage", { schedule: "every-weekday" }), zoneB, d("2025-11-01"), d("2025-11-30"))).toHaveLength(19)
  })

  it("refuses September 2026 until the town enters 2026-2027, then generates its 17 school days (Tue 1 Sept: 5 Tuesdays)", () => {
    const refused = generateSessions(activity("canteen"), zoneB, d("2026-08-20"), d("2026-09-30"))
    expect(Either.isLeft(refused) && refused.left.message).toMatch(/2026-2027 n'est pas connu/)
    const estimate = Either.getOrThrow(addSchoolYear(zoneB, "2026-2027", [{ name: "Toussaint (estimation)", start: d("2026-10-17"), end: d("2026-11-01") }], { placeholder: true }))
    expect(sessionsOf(activity("canteen"), estimate, d("2026-09-01"), d("2026-09-30"))).toHaveLength(17)
  })

  test.prop([activityArb, calendarArb, periodArb])("sessions never fall on a public holiday nor on a closure of their kind", (a, calendar, { start, end }) => {
    for (const s of sessionsOf(a, calendar, start, end)) {
      expect(isPublicHoliday(calendar, s.date)).toBe(false)
      expect(calendar.closures.some((c) => c.date === s.date && (c.activityKinds === undefined || c.activityKinds.includes(a.kind)))).toBe(false)
      expect(s.date >= start && s.date <= end).toBe(true)
    }
  })

  test.prop([calendarArb, periodArb])("wednesday sessions fall only on Wednesdays outside school holidays", (calendar, { start, end }) => {
    for (const s of sessionsOf(activity("wednesday"), calendar, start, end)) {
      expect(LocalDate.isoWeekday(s.date)).toBe(3)
      expect(isSchoolHoliday(calendar, s.date)).toBe(false)
    }
  })

  test.prop([calendarArb, periodArb])("holiday sessions fall only on Monday–Friday of school holidays", (calendar, { start, end }) => {
    for (const s of sessionsOf(activity("holiday"), calendar, start, end)) {
      expect(LocalDate.isoWeekday(s.date)).toBeLessThanOrEqual(5)
      expect(isSchoolHoliday(calendar, s.date)).toBe(true)
    }
  })

  test.prop([fc.constantFrom<ActivityKind>("morning", "evening", "canteen"), calendarArb, periodArb])(
    "morning, evening and canteen sessions fall exactly on the school days the kind is not closed",
    (kind, calendar, { start, end }) => {
      const dates = sessionsOf(activity(kind), calendar, start, end).map((s) => s.date)
      const expected = LocalDate.range(start, end).filter(
        (x) => isSchoolDay(calendar, x) && !calendar.closures.some((c) => c.date === x && (c.activityKinds?.includes(kind) ?? true))
      )
      expect(dates).toEqual(expected)
    }
  )

  test.prop([activityArb, calendarArb, periodArb])("generation is idempotent: the same ids twice, all distinct, one per date and slot", (a, calendar, { start, end }) => {
    const first = sessionsOf(a, calendar, start, end).map((s) => s.id)
    const second = sessionsOf(a, calendar, start, end).map((s) => s.id)
    expect(second).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
    expect(first.length % Math.max(1, a.slots.length)).toBe(0)
  })

  test.prop([activityArb, calendarArb, dayArb("2015-09-01", "2026-08-31"), dayArb("2026-09-01", "2030-12-31")])(
    "a period touching an unknown school year is refused",
    (a, calendar, start, end) => {
      const result = generateSessions(a, calendar, start, end)
      expect(Either.isLeft(result) && result.left).toBeInstanceOf(SchoolCalendarUnknown)
    }
  )

  test.prop([fc.stringMatching(/^[a-z0-9][a-z0-9:_-]{0,63}$/), dayArb("2015-01-01", "2030-12-31"), fc.option(fc.stringMatching(/^[a-z][a-z-]{0,30}$/), { nil: undefined })])(
    "session ids are valid, deterministic and at most 64 characters, whatever the activity id",
    (id, date, slot) => {
      const sessionId = sessionIdFor(id, date, slot)
      expect(sessionId.length).toBeLessThanOrEqual(64)
      expect(sessionIdFor(id, date, slot)).toBe(sessionId)
      expect(sessionId).toContain(date)
    }
  )
})
