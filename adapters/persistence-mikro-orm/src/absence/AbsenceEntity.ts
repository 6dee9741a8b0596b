import { EntitySchema } from "@mikro-orm/postgresql"

/** An absence as stored: child, household and period (what the queries select on) beside the absence encoded by the core's schema. */
export interface AbsenceRow {
  id: string
  childId: string
  householdId: string
  startDate: string
  endDate: string
  data: unknown
}

export const AbsenceEntity = new EntitySchema<AbsenceRow>({
  name: "AbsenceRow",
  tableName: "absence",
  indexes: [
    { name: "absence_child_index", properties: ["childId", "startDate"] },
    { name: "absence_household_index", properties: ["householdId", "startDate"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    childId: { type: "text", fieldName: "child_id" },
    householdId: { type: "text", fieldName: "household_id" },
    startDate: { type: "date", fieldName: "start_date" },
    endDate: { type: "date", fieldName: "end_date" },
    data: { type: "json" }
  }
})
