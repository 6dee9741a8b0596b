import { EntitySchema } from "@mikro-orm/postgresql"

/** An activity as stored: the activity encoded by the core's schema, by id. */
export interface ActivityRow {
  id: string
  data: unknown
}

/** The `activity` table. */
export const ActivityEntity = new EntitySchema<ActivityRow>({
  name: "ActivityRow",
  tableName: "activity",
  properties: {
    id: { type: "text", primary: true },
    data: { type: "json" }
  }
})
