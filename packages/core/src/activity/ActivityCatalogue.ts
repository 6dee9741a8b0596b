import { Context, type Effect, Schema } from "effect"
import type { ActivityId } from "../shared/Ids.js"
import type { Activity } from "./Activity.js"

/** No activity has this id in the town's catalogue. */
export class ActivityNotFound extends Schema.TaggedError<ActivityNotFound>()("ActivityNotFound", {
  activityId: Schema.String
}) {
  override get message(): string {
    return (
      `L'activité « ${this.activityId} » n'existe pas dans le catalogue de la commune. ` +
      `Vérifiez l'activité choisie ou demandez au Service à la Population de la créer.`
    )
  }
}

/** The activities (prestations) a town offers. */
export class ActivityCatalogue extends Context.Tag("@spe/core/ActivityCatalogue")<
  ActivityCatalogue,
  {
    /** The activity with this id. */
    readonly byId: (id: ActivityId) => Effect.Effect<Activity, ActivityNotFound>
    /** Every activity, ordered by id. */
    readonly list: Effect.Effect<ReadonlyArray<Activity>>
    /** Adds an activity or replaces the one with the same id. */
    readonly save: (activity: Activity) => Effect.Effect<void>
  }
>() {}
