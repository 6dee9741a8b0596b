import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * An attendance record as stored, one per session and child (recording again replaces it): the
 * columns the queries select and order on beside the record encoded by the core's schema.
 */
export interface AttendanceRecordRow {
  sessionId: string
  childId: string
  householdId: string
  date: string
  data: unknown
}

export const AttendanceRecordEntity = new EntitySchema<AttendanceRecordRow>({
  name: "AttendanceRecordRow",
  tableName: "attendance_record",
  indexes: [
    { name: "attendance_record_child_index", properties: ["childId", "date"] },
    { name: "attendance_record_household_index", properties: ["householdId", "date"] },
    { name: "attendance_record_date_index", properties: ["date"] }
  ],
  properties: {
    sessionId: { type: "text", primary: true, fieldName: "session_id" },
    childId: { type: "text", primary: true, fieldName: "child_id" },
    householdId: { type: "text", fieldName: "household_id" },
    date: { type: "date" },
    data: { type: "json" }
  }
})
