import { type Activity, ActivityCatalogue, type ActivityId, ActivityNotFound } from "@spe/core"
import { Effect, Layer } from "effect"

/** Activities in a map, by id. */
export function inMemoryActivityCatalogue(initial: ReadonlyArray<Activity> = []): Layer.Layer<ActivityCatalogue> {
  const byId = new Map<ActivityId, Activity>(initial.map((a) => [a.id, a]))
  return Layer.succeed(ActivityCatalogue, {
    byId: (id) =>
      Effect.suspend(() => {
        const activity = byId.get(id)
        return activity === undefined ? Effect.fail(new ActivityNotFound({ activityId: id })) : Effect.succeed(activity)
      }),
    list: Effect.sync(() => [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))),
    save: (activity) =>
      Effect.sync(() => {
        byId.set(activity.id, activity)
      })
  })
}
