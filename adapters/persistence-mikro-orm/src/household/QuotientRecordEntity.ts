import { EntitySchema } from "@mikro-orm/postgresql"

/** A QF record as stored: its household and submission instant beside the record encoded by the core's schema. */
export interface QuotientRecordRow {
  id: string
  householdId: string
  submittedAt: string
  data: unknown
}

/** The `quotient_record` table, indexed by household then submission instant. */
export const QuotientRecordEntity = new EntitySchema<QuotientRecordRow>({
  name: "QuotientRecordRow",
  tableName: "quotient_record",
  indexes: [{ name: "quotient_record_household_index", properties: ["householdId", "submittedAt", "id"] }],
  properties: {
    id: { type: "text", primary: true },
    householdId: { type: "text", fieldName: "household_id" },
    submittedAt: { type: "text", fieldName: "submitted_at" },
    data: { type: "json" }
  }
})
