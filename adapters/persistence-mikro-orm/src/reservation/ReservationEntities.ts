import { DeferMode, EntitySchema } from "@mikro-orm/postgresql"

/** A session as stored: its activity, date and start time (for listing and ordering) beside the session encoded by the core's schema. */
export interface ActivitySessionRow {
  id: string
  activityId: string
  date: string
  startsAt: string
  data: unknown
}

export const ActivitySessionEntity = new EntitySchema<ActivitySessionRow>({
  name: "ActivitySessionRow",
  tableName: "activity_session",
  indexes: [
    { name: "activity_session_activity_index", properties: ["activityId", "date", "startsAt", "id"] },
    { name: "activity_session_date_index", properties: ["date", "startsAt", "id"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    activityId: { type: "text", fieldName: "activity_id" },
    date: { type: "date" },
    startsAt: { type: "text", fieldName: "starts_at" },
    data: { type: "json" }
  }
})

/**
 * A reservation of a session's ledger, cancelled ones included, in the ledger's order
 * (`ordinal`). `active` (not cancelled) backs the partial unique index: one active reservation
 * per child and session. The session's date is copied for the agenda and billing queries.
 */
export interface ReservationRow {
  id: string
  sessionId: string
  sessionDate: string
  childId: string
  householdId: string
  ordinal: number
  active: boolean
  data: unknown
}

export const ReservationEntity = new EntitySchema<ReservationRow>({
  name: "ReservationRow",
  tableName: "reservation",
  uniques: [
    {
      name: "reservation_active_child_unique",
      expression: "create unique index reservation_active_child_unique on reservation (session_id, child_id) where active"
    }
  ],
  indexes: [
    { name: "reservation_session_index", properties: ["sessionId", "ordinal"] },
    { name: "reservation_child_index", properties: ["childId", "sessionDate"] },
    { name: "reservation_household_index", properties: ["householdId", "sessionDate"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    sessionId: { type: "text", fieldName: "session_id" },
    sessionDate: { type: "date", fieldName: "session_date" },
    childId: { type: "text", fieldName: "child_id" },
    householdId: { type: "text", fieldName: "household_id" },
    ordinal: { type: "integer" },
    active: { type: "boolean" },
    data: { type: "json" }
  }
})

/**
 * A waiting-list entry of a session, at its 1-based `position` (unique per session, checked at the
 * end of each statement; the child is unique per session too), with the expiry of the place
 * offered to it, if any.
 */
export interface WaitlistEntryRow {
  reservationId: string
  sessionId: string
  sessionDate: string
  childId: string
  householdId: string
  position: number
  offerExpiresAt: string | null
  data: unknown
}

export const WaitlistEntryEntity = new EntitySchema<WaitlistEntryRow>({
  name: "WaitlistEntryRow",
  tableName: "waitlist_entry",
  uniques: [
    { name: "waitlist_entry_position_unique", properties: ["sessionId", "position"], deferMode: DeferMode.INITIALLY_IMMEDIATE },
    { name: "waitlist_entry_child_unique", properties: ["sessionId", "childId"] }
  ],
  indexes: [
    { name: "waitlist_entry_child_index", properties: ["childId", "sessionDate"] },
    { name: "waitlist_entry_household_index", properties: ["householdId", "sessionDate"] },
    { name: "waitlist_entry_offer_expiry_index", properties: ["offerExpiresAt"] }
  ],
  properties: {
    reservationId: { type: "text", primary: true, fieldName: "reservation_id" },
    sessionId: { type: "text", fieldName: "session_id" },
    sessionDate: { type: "date", fieldName: "session_date" },
    childId: { type: "text", fieldName: "child_id" },
    householdId: { type: "text", fieldName: "household_id" },
    position: { type: "integer" },
    offerExpiresAt: { type: "text", fieldName: "offer_expires_at", nullable: true },
    data: { type: "json" }
  }
})
