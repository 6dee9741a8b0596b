import { Context, type Effect, Schema } from "effect"
import type { TownCalendar } from "./TownCalendar.js"

/** The town has not set up its calendar yet (zone, school weekdays, holidays). */
export class TownCalendarNotConfigured extends Schema.TaggedError<TownCalendarNotConfigured>()("TownCalendarNotConfigured", {}) {
  override get message(): string {
    return (
      "Le calendrier de la commune n'est pas encore paramétré : les séances ne peuvent pas être générées. " +
      "Un administrateur doit choisir la zone scolaire et les jours d'école dans les paramètres du calendrier."
    )
  }
}

/** Where the town's calendar is kept: read by the rules, saved by the back office. */
export class TownCalendarSource extends Context.Tag("@spe/core/TownCalendarSource")<
  TownCalendarSource,
  {
    /** The town's calendar as last saved. */
    readonly get: Effect.Effect<TownCalendar, TownCalendarNotConfigured>
    /** Replaces the town's calendar. */
    readonly save: (calendar: TownCalendar) => Effect.Effect<void>
  }
>() {}
