import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"

const d = LocalDate.unsafe
const t = ParisTime.timeOfDay

/** An independent reference: the platform's own time-zone database, used only in tests. */
function referenceWallClock(instant: Instant.Instant): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).formatToParts(new Date(instant))
  const get = (type: string) => parts.find((p) => p.type === type)?.value
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`
}

describe("Paris wall clock", () => {
  it("knows the 2026 changes: 29 March and 25 October", () => {
    expect(ParisTime.toInstant(d("2026-03-28"), t("18:00"))).toBe("2026-03-28T17:00:00.000Z")
    expect(ParisTime.toInstant(d("2026-03-29"), t("18:00"))).toBe("2026-03-29T16:00:00.000Z")
    expect(ParisTime.toInstant(d("2026-10-24"), t("18:00"))).toBe("2026-10-24T16:00:00.000Z")
    expect(ParisTime.toInstant(d("2026-10-25"), t("18:00"))).toBe("2026-10-25T17:00:00.000Z")
  })

  it("moves a time in the spring gap forward and takes the first of an autumn overlap", () => {
    expect(ParisTime.toInstant(d("2026-03-29"), t("02:30"))).toBe("2026-03-29T01:30:00.000Z")
    expect(ParisTime.fromInstant(Instant.unsafe("2026-03-29T01:30:00Z")).time).toBe("03:30")
    expect(ParisTime.toInstant(d("2026-10-25"), t("02:30"))).toBe("2026-10-25T00:30:00.000Z")
  })

  test.prop([fc.integer({ min: Date.UTC(1997, 0, 1), max: Date.UTC(2099, 11, 31) })])(
    "shows the same wall-clock time as the time-zone database",
    (millis) => {
      const instant = Instant.fromEpochMillis(millis)
      const { date, time } = ParisTime.fromInstant(instant)
      expect(`${date} ${time}`).toBe(referenceWallClock(instant))
    }
  )

  test.prop([fc.integer({ min: 9862, max: 47000 }), fc.integer({ min: 0, max: 1439 })])(
    "a wall-clock time outside the spring gap maps back to itself",
    (day, minuteOfDay) => {
      const date = LocalDate.fromEpochDay(day)
      const time = t(`${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`)
      const back = ParisTime.fromInstant(ParisTime.toInstant(date, time))
      const inGap = back.time !== time
      if (inGap) {
        expect(LocalDate.month(date)).toBe(3)
        expect(time.startsWith("02:")).toBe(true)
      } else expect(back.date).toBe(date)
    }
  )
})
