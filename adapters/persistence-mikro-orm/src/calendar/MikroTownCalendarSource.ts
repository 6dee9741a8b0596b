import type { MikroORM } from "@mikro-orm/postgresql"
import { TownCalendar, TownCalendarNotConfigured, TownCalendarSource } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { TownCalendarEntity } from "./TownCalendarEntity.js"

const encode = Schema.encodeSync(TownCalendar)
const decode = Schema.decodeUnknownSync(TownCalendar)
const TOWN = "town"

/** `TownCalendarSource` on PostgreSQL: the calendar as JSON in the single row `town`. */
export function mikroTownCalendarSource(orm: MikroORM): Layer.Layer<TownCalendarSource> {
  return Layer.succeed(TownCalendarSource, {
    get: Effect.flatMap(
      withEntityManager(orm, (em) => em.findOne(TownCalendarEntity, { id: TOWN }, { disableIdentityMap: true })),
      (row) => (row === null ? Effect.fail(new TownCalendarNotConfigured()) : Effect.succeed(decode(row.data)))
    ),
    save: (calendar) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.upsert(
            TownCalendarEntity,
            { id: TOWN, data: encode(calendar) },
            { onConflictFields: ["id"], onConflictAction: "merge", disableIdentityMap: true }
          )
        )
      )
  })
}
