import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * An enrollment as stored: child, household, school year, activity family, status and request
 * instant (what the queries select and order on) beside the enrollment encoded by the core's schema.
 */
export interface EnrollmentRow {
  id: string
  childId: string
  householdId: string
  schoolYear: string
  enrollmentFamily: string
  status: string
  requestedAt: string
  data: unknown
}

export const EnrollmentEntity = new EntitySchema<EnrollmentRow>({
  name: "EnrollmentRow",
  tableName: "enrollment",
  indexes: [
    { name: "enrollment_child_index", properties: ["childId", "schoolYear", "enrollmentFamily"] },
    { name: "enrollment_household_index", properties: ["householdId", "requestedAt"] },
    { name: "enrollment_status_index", properties: ["status", "requestedAt"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    childId: { type: "text", fieldName: "child_id" },
    householdId: { type: "text", fieldName: "household_id" },
    schoolYear: { type: "text", fieldName: "school_year" },
    enrollmentFamily: { type: "text", fieldName: "enrollment_family" },
    status: { type: "text" },
    requestedAt: { type: "text", fieldName: "requested_at" },
    data: { type: "json" }
  }
})
