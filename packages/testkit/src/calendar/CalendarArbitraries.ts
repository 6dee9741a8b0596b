import { Closure, LocalDate, type SchoolZone, type TownCalendar, townCalendarFromOfficialData } from "@spe/core"
import { fc } from "@fast-check/vitest"

/** A day from `from` to `to` (both included, `YYYY-MM-DD`). */
export const calendarDayArbitrary = (from: string, to: string): fc.Arbitrary<LocalDate.LocalDate> =>
  fc
    .integer({ min: LocalDate.toEpochDay(LocalDate.unsafe(from)), max: LocalDate.toEpochDay(LocalDate.unsafe(to)) })
    .map(LocalDate.fromEpochDay)

/** A town closure within the shipped school years, of everything or of some kinds. */
export const closureArbitrary: fc.Arbitrary<Closure> = fc
  .record({
    date: calendarDayArbitrary("2015-09-01", "2026-08-31"),
    kinds: fc.option(fc.subarray(["morning", "evening", "canteen", "wednesday", "holiday"], { minLength: 1 }), { nil: undefined })
  })
  .map(({ date, kinds }) => new Closure({ date, reason: "Fermeture", ...(kinds === undefined ? {} : { activityKinds: kinds }) }))

/** A town calendar from the shipped official data: any zone, Alsace-Moselle or not, some closures. */
export const townCalendarArbitrary: fc.Arbitrary<TownCalendar> = fc
  .record({
    zone: fc.constantFrom<SchoolZone>("A", "B", "C"),
    alsaceMoselle: fc.boolean(),
    closures: fc.array(closureArbitrary, { maxLength: 8 })
  })
  .map(({ zone, alsaceMoselle, closures }) => townCalendarFromOfficialData(zone, { alsaceMoselle, closures }))
