import { EntitySchema } from "@mikro-orm/postgresql"

/** The town's calendar as stored: a single row (`id` is always `town`), the calendar encoded by the core's schema. */
export interface TownCalendarRow {
  id: string
  data: unknown
}

/** The `town_calendar` table (one row). */
export const TownCalendarEntity = new EntitySchema<TownCalendarRow>({
  name: "TownCalendarRow",
  tableName: "town_calendar",
  properties: {
    id: { type: "text", primary: true },
    data: { type: "json" }
  }
})
