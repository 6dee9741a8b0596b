import { fc, test } from "@fast-check/vitest"
import { ActivityId, generateSessionsForPeriod, LocalDate, Slot, townCalendarFromOfficialData } from "@spe/core"
import { Effect, Either, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { calendarDayArbitrary, townCalendarArbitrary } from "../calendar/CalendarArbitraries.js"
import { inMemoryTownCalendarSource } from "../calendar/InMemoryTownCalendarSource.js"
import { activityArbitrary, anActivity } from "./ActivityFixtures.js"
import { inMemoryActivityCatalogue } from "./InMemoryActivityCatalogue.js"

const d = LocalDate.unsafe
const zoneB = townCalendarFromOfficialData("B")
const wednesday = anActivity({ id: "mercredi", kind: "wednesday", slots: [new Slot({ code: "journee", label: "Journée" })] })

const run = <A, E>(effect: Effect.Effect<A, E, never>) => Effect.runPromise(Effect.either(effect))

describe("generateSessionsForPeriod", () => {
  it("generates the Wednesdays of November 2025 in zone B from the catalogue and the town's calendar", async () => {
    const layer = Layer.merge(inMemoryActivityCatalogue([wednesday]), inMemoryTownCalendarSource(zoneB))
    const result = await run(Effect.provide(generateSessionsForPeriod(wednesday.id, d("2025-11-01"), d("2025-11-30")), layer))
    expect(Either.getOrThrow(result).map((s) => s.id)).toEqual([
      "mercredi:2025-11-05:journee",
      "mercredi:2025-11-12:journee",
      "mercredi:2025-11-19:journee",
      "mercredi:2025-11-26:journee"
    ])
  })

  it("fails with the fact that stops it: unknown activity, calendar not configured, year unknown", async () => {
    const noActivity = await run(Effect.provide(
      generateSessionsForPeriod(ActivityId.make("nope"), d("2025-11-01"), d("2025-11-30")),
      Layer.merge(inMemoryActivityCatalogue(), inMemoryTownCalendarSource(zoneB))
    ))
    expect(Either.isLeft(noActivity) && noActivity.left._tag).toBe("ActivityNotFound")
    const noCalendar = await run(Effect.provide(
      generateSessionsForPeriod(wednesday.id, d("2025-11-01"), d("2025-11-30")),
      Layer.merge(inMemoryActivityCatalogue([wednesday]), inMemoryTownCalendarSource())
    ))
    expect(Either.isLeft(noCalendar) && noCalendar.left._tag).toBe("TownCalendarNotConfigured")
    const unknownYear = await run(Effect.provide(
      generateSessionsForPeriod(wednesday.id, d("2026-09-01"), d("2026-09-30")),
      Layer.merge(inMemoryActivityCatalogue([wednesday]), inMemoryTownCalendarSource(zoneB))
    ))
    expect(Either.isLeft(unknownYear) && unknownYear.left._tag).toBe("SchoolCalendarUnknown")
  })

  test.prop([activityArbitrary, townCalendarArbitrary, calendarDayArbitrary("2015-09-01", "2026-08-01"), fc.integer({ min: 0, max: 30 })])(
    "running the use case twice gives the same sessions (regeneration is idempotent)",
    async (activity, calendar, start, length) => {
      const end = LocalDate.addDays(start, length)
      const layer = Layer.merge(inMemoryActivityCatalogue([activity]), inMemoryTownCalendarSource(calendar))
      const once = await run(Effect.provide(generateSessionsForPeriod(activity.id, start, end), layer))
      const twice = await run(Effect.provide(generateSessionsForPeriod(activity.id, start, end), layer))
      expect(Either.isRight(once)).toBe(true)
      expect(twice).toEqual(once)
    }
  )
})
