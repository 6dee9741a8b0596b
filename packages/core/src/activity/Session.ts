import { Schema } from "effect"
import { ActivityId, SessionId } from "../shared/Ids.js"
import { LocalDate } from "../shared/LocalDate.js"
import { TimeOfDay } from "../shared/ParisTime.js"

/** One date (and slot) on which an activity runs (séance). */
export class Session extends Schema.Class<Session>("Session")({
  id: SessionId,
  activityId: ActivityId,
  date: LocalDate,
  /** Slot code (`matin`, `apres-midi`, `journee`) where the activity has several. */
  slot: Schema.optional(Schema.String),
  startsAt: TimeOfDay,
  capacity: Schema.Int.pipe(Schema.positive())
}) {}
