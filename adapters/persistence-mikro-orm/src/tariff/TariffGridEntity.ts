import { EntitySchema } from "@mikro-orm/postgresql"

/** A tariff grid as stored: its school year and label beside the grid encoded by the core's schema. */
export interface TariffGridRow {
  id: string
  schoolYear: string
  label: string
  data: unknown
}

/** The `tariff_grid` table, indexed by school year then label. */
export const TariffGridEntity = new EntitySchema<TariffGridRow>({
  name: "TariffGridRow",
  tableName: "tariff_grid",
  indexes: [{ name: "tariff_grid_school_year_index", properties: ["schoolYear", "label", "id"] }],
  properties: {
    id: { type: "text", primary: true },
    schoolYear: { type: "text", fieldName: "school_year" },
    label: { type: "text" },
    data: { type: "json" }
  }
})

/**
 * One activity priced by a grid in a school year. Its primary key (activity, school year) is what
 * keeps an activity to one grid per year, even when two grids are saved at once.
 */
export interface TariffGridActivityRow {
  activityId: string
  schoolYear: string
  gridId: string
}

/** The `tariff_grid_activity` table, keyed by (activity, school year), indexed by grid. */
export const TariffGridActivityEntity = new EntitySchema<TariffGridActivityRow>({
  name: "TariffGridActivityRow",
  tableName: "tariff_grid_activity",
  indexes: [{ name: "tariff_grid_activity_grid_index", properties: ["gridId"] }],
  properties: {
    activityId: { type: "text", primary: true, fieldName: "activity_id" },
    schoolYear: { type: "text", primary: true, fieldName: "school_year" },
    gridId: { type: "text", fieldName: "grid_id" }
  }
})
