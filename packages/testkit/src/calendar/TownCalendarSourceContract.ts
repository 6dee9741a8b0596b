import { Closure, LocalDate, townCalendarFromOfficialData, addSchoolYear, TownCalendarSource } from "@spe/core"
import { Effect, Either, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<TownCalendarSource>> | Layer.Layer<TownCalendarSource>

/**
 * The behaviour every `TownCalendarSource` adapter must have, starting from an empty store: not
 * configured until saved; a saved calendar read back equal (zone, settings, holidays, known years
 * with their placeholder flag, closures with their kinds); the last save wins.
 */
export function townCalendarSourceContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, TownCalendarSource>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const d = LocalDate.unsafe
  const calendar = Either.getOrThrow(
    addSchoolYear(
      townCalendarFromOfficialData("B", {
        closures: [
          new Closure({ date: d("2026-05-15"), reason: "Pont de l'Ascension" }),
          new Closure({ date: d("2026-03-10"), reason: "Grève", activityKinds: ["canteen"] })
        ]
      }),
      "2026-2027",
      [{ name: "Vacances de la Toussaint (estimation)", start: d("2026-10-17"), end: d("2026-11-01") }],
      { placeholder: true }
    )
  )

  describe(`TownCalendarSource contract: ${name}`, () => {
    it("says the calendar is not configured before the first save", async () => {
      const error = await run(Effect.flip(Effect.flatMap(TownCalendarSource, (s) => s.get)))
      expect(error._tag).toBe("TownCalendarNotConfigured")
      expect(error.message).toMatch(/n'est pas encore paramétré/)
    })

    it("gives back a saved calendar equal to what was saved", async () => {
      const found = await run(Effect.gen(function* () {
        const source = yield* TownCalendarSource
        yield* source.save(calendar)
        return yield* source.get
      }))
      expect(found).toEqual(calendar)
      expect(found.knownSchoolYears.at(-1)).toEqual({ schoolYear: "2026-2027", placeholder: true })
      expect(found.closures.map((c) => c.activityKinds)).toEqual([undefined, ["canteen"]])
    })

    it("keeps the last saved calendar", async () => {
      const other = townCalendarFromOfficialData("A", { alsaceMoselle: true, schoolWeekdays: [1, 2, 3, 4, 5] })
      const found = await run(Effect.gen(function* () {
        const source = yield* TownCalendarSource
        yield* source.save(calendar)
        yield* source.save(other)
        return yield* source.get
      }))
      expect(found).toEqual(other)
    })
  })
}
