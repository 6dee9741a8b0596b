import { Effect } from "effect"
import type { SchoolCalendarUnknown } from "../calendar/CalendarRules.js"
import { TownCalendarSource, type TownCalendarNotConfigured } from "../calendar/TownCalendarSource.js"
import type { ActivityId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import { ActivityCatalogue, type ActivityNotFound } from "./ActivityCatalogue.js"
import { generateSessions, type ActivityScheduleMissing } from "./SessionGeneration.js"
import type { Session } from "./Session.js"

/**
 * The sessions of an activity of the catalogue from `start` to `end`, from the town's calendar
 * (see `generateSessions`). Nothing is stored: the caller saves the sessions where it keeps them;
 * ids are deterministic, so saving them again changes nothing.
 */
export const generateSessionsForPeriod = (
  activityId: ActivityId,
  start: LocalDate,
  end: LocalDate
): Effect.Effect<
  ReadonlyArray<Session>,
  ActivityNotFound | TownCalendarNotConfigured | SchoolCalendarUnknown | ActivityScheduleMissing,
  ActivityCatalogue | TownCalendarSource
> =>
  Effect.gen(function* () {
    const catalogue = yield* ActivityCatalogue
    const calendars = yield* TownCalendarSource
    const activity = yield* catalogue.byId(activityId)
    const calendar = yield* calendars.get
    return yield* generateSessions(activity, calendar, start, end)
  })
