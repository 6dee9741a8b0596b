import { EntitySchema } from "@mikro-orm/postgresql"

/** A household as stored: searchable columns beside the whole aggregate, encoded by the core's schema. */
export interface HouseholdRow {
  id: string
  reference: string
  searchText: string
  data: unknown
}

export const HouseholdEntity = new EntitySchema<HouseholdRow>({
  name: "HouseholdRow",
  tableName: "household",
  properties: {
    id: { type: "text", primary: true },
    reference: { type: "text", unique: "household_reference_unique" },
    searchText: { type: "text", fieldName: "search_text" },
    data: { type: "json" }
  }
})
