import { type TownCalendar, TownCalendarNotConfigured, TownCalendarSource } from "@spe/core"
import { Effect, Layer } from "effect"

/** The town's calendar in memory; without `initial`, not configured until saved. */
export function inMemoryTownCalendarSource(initial?: TownCalendar): Layer.Layer<TownCalendarSource> {
  let current = initial
  return Layer.succeed(TownCalendarSource, {
    get: Effect.suspend(() => (current === undefined ? Effect.fail(new TownCalendarNotConfigured()) : Effect.succeed(current))),
    save: (calendar) =>
      Effect.sync(() => {
        current = calendar
      })
  })
}
