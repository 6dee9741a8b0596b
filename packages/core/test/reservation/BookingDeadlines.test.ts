import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { Deadline } from "../../src/activity/BookingPolicy.js"
import { TownCalendar } from "../../src/calendar/TownCalendar.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"
import { deadlineDate, deadlineInstant } from "../../src/reservation/BookingDeadlines.js"

const d = LocalDate.unsafe
const calendar = new TownCalendar({
  zone: "B",
  alsaceMoselle: false,
  schoolWeekdays: [1, 2, 4, 5],
  knownSchoolYears: [],
  schoolHolidays: [],
  closures: []
})
const deadline = (daysBefore: number, counting: "calendar" | "working", at: string) =>
  new Deadline({ daysBefore, counting, at: ParisTime.timeOfDay(at) })

/** French public holidays 2025–2027, written out by hand for the reference (no computus). */
const PUBLIC_HOLIDAYS = new Set([
  "2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09", "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25",
  "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
  "2027-01-01", "2027-03-29", "2027-05-01", "2027-05-08", "2027-05-06", "2027-05-17", "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25"
])

const DAY_MS = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

function parisWallClock(ms: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).formatToParts(new Date(ms))
  const get = (type: string) => parts.find((p) => p.type === type)?.value
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`
}

/** An independent deadline: its own day walk, the platform's time-zone database for the instant. */
function referenceDeadline(daysBefore: number, counting: "calendar" | "working", at: string, sessionDate: string): string {
  let day = Date.parse(`${sessionDate}T00:00:00Z`)
  if (counting === "calendar") day -= daysBefore * DAY_MS
  else {
    for (let counted = 0; counted < daysBefore; ) {
      day -= DAY_MS
      const weekday = new Date(day).getUTCDay()
      if (weekday !== 0 && weekday !== 6 && !PUBLIC_HOLIDAYS.has(isoDay(day))) counted++
    }
  }
  const [h, m] = at.split(":").map(Number)
  const wall = day + ((h ?? 0) * 60 + (m ?? 0)) * 60_000
  for (const offsetHours of [2, 1]) {
    const candidate = wall - offsetHours * 3_600_000
    if (parisWallClock(candidate) === `${isoDay(day)} ${at}`) return new Date(candidate).toISOString()
  }
  return new Date(wall - 3_600_000).toISOString()
}

const sessionDates = fc
  .integer({ min: LocalDate.toEpochDay(d("2025-03-01")), max: LocalDate.toEpochDay(d("2027-12-31")) })
  .map(LocalDate.fromEpochDay)
const times = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`)

describe("booking deadlines", () => {
  it("the seed's canteen rule: Thursday 5 March 2026, 2 calendar days at 11:45 → Tuesday 3 March 11:45 Paris (10:45Z)", () => {
    expect(deadlineInstant(deadline(2, "calendar", "11:45"), d("2026-03-05"), calendar)).toBe("2026-03-03T10:45:00.000Z")
  })

  it("3 working days skip the weekend and Easter Monday 6 April 2026", () => {
    expect(deadlineDate(deadline(3, "working", "18:00"), d("2026-04-09"), calendar)).toBe("2026-04-03")
    expect(deadlineInstant(deadline(3, "working", "18:00"), d("2026-04-09"), calendar)).toBe("2026-04-03T16:00:00.000Z")
    expect(deadlineDate(deadline(3, "working", "18:00"), d("2026-04-08"), calendar)).toBe("2026-04-02")
    expect(deadlineDate(deadline(3, "calendar", "18:00"), d("2026-04-08"), calendar)).toBe("2026-04-05")
  })

  it("follows the clock changes: sessions on Monday 30 March and Monday 26 October 2026", () => {
    expect(deadlineInstant(deadline(2, "calendar", "11:45"), d("2026-03-30"), calendar)).toBe("2026-03-28T10:45:00.000Z")
    expect(deadlineInstant(deadline(1, "calendar", "11:45"), d("2026-03-30"), calendar)).toBe("2026-03-29T09:45:00.000Z")
    expect(deadlineInstant(deadline(2, "working", "11:45"), d("2026-03-30"), calendar)).toBe("2026-03-26T10:45:00.000Z")
    expect(deadlineInstant(deadline(2, "calendar", "11:45"), d("2026-10-26"), calendar)).toBe("2026-10-24T09:45:00.000Z")
    expect(deadlineInstant(deadline(1, "calendar", "11:45"), d("2026-10-26"), calendar)).toBe("2026-10-25T10:45:00.000Z")
  })

  it("counts 0 days as the session day itself", () => {
    expect(deadlineInstant(deadline(0, "working", "08:00"), d("2026-04-06"), calendar)).toBe("2026-04-06T06:00:00.000Z")
  })

  test.prop([sessionDates, fc.integer({ min: 0, max: 10 }), fc.constantFrom("calendar" as const, "working" as const), times])(
    "the deadline matches an independent reference across clock changes and public holidays",
    (sessionDate, daysBefore, counting, at) => {
      expect(deadlineInstant(deadline(daysBefore, counting, at), sessionDate, calendar)).toBe(
        referenceDeadline(daysBefore, counting, at, sessionDate)
      )
    }
  )

  test.prop([sessionDates, fc.integer({ min: 1, max: 10 }), times])(
    "a working-day deadline falls on a working day, never later than the calendar-day one",
    (sessionDate, daysBefore, at) => {
      const working = deadlineDate(deadline(daysBefore, "working", at), sessionDate, calendar)
      const weekday = LocalDate.isoWeekday(working)
      expect(weekday).toBeLessThanOrEqual(5)
      expect(PUBLIC_HOLIDAYS.has(working)).toBe(false)
      expect(working <= deadlineDate(deadline(daysBefore, "calendar", at), sessionDate, calendar)).toBe(true)
    }
  )
})
