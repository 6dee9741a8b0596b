import type { MikroORM } from "@mikro-orm/postgresql"
import { Activity, ActivityCatalogue, ActivityNotFound, type ActivityId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { ActivityEntity, type ActivityRow } from "./ActivityEntity.js"

const encode = Schema.encodeSync(Activity)
const decode = Schema.decodeUnknownSync(Activity)

/** `ActivityCatalogue` on PostgreSQL: one row per activity, the activity as JSON. */
export function mikroActivityCatalogue(orm: MikroORM): Layer.Layer<ActivityCatalogue> {
  const toActivity = (row: ActivityRow): Activity => decode(row.data)
  return Layer.succeed(ActivityCatalogue, {
    byId: (id: ActivityId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.findOne(ActivityEntity, { id }, { disableIdentityMap: true })),
        (row) => (row === null ? Effect.fail(new ActivityNotFound({ activityId: id })) : Effect.succeed(toActivity(row)))
      ),
    list: Effect.map(
      withEntityManager(orm, (em) => em.find(ActivityEntity, {}, { orderBy: { id: "asc" }, disableIdentityMap: true })),
      (rows) => rows.map(toActivity)
    ),
    save: (activity) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.upsert(
            ActivityEntity,
            { id: activity.id, data: encode(activity) },
            { onConflictFields: ["id"], onConflictAction: "merge", disableIdentityMap: true }
          )
        )
      )
  })
}
