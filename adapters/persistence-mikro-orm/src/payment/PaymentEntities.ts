import { EntitySchema } from "@mikro-orm/postgresql"

/** A payment as stored: household and idempotency key (unique) beside the payment encoded by the core's schema. */
export interface PaymentRow {
  id: string
  householdId: string
  idempotencyKey: string
  data: unknown
}

/** The `payment` table: unique idempotency key, indexed by household. */
export const PaymentEntity = new EntitySchema<PaymentRow>({
  name: "PaymentRow",
  tableName: "payment",
  indexes: [{ name: "payment_household_index", properties: ["householdId"] }],
  properties: {
    id: { type: "text", primary: true },
    householdId: { type: "text", fieldName: "household_id" },
    idempotencyKey: { type: "text", fieldName: "idempotency_key", unique: "payment_idempotency_key_unique" },
    data: { type: "json" }
  }
})

/** An online payment intent as stored: household, gateway operation (unique) and status beside the intent as JSON. */
export interface PaymentIntentRow {
  id: string
  householdId: string
  operationId: string | null
  status: string
  data: unknown
}

/** The `payment_intent` table: unique gateway operation, indexed by household and status. */
export const PaymentIntentEntity = new EntitySchema<PaymentIntentRow>({
  name: "PaymentIntentRow",
  tableName: "payment_intent",
  indexes: [
    { name: "payment_intent_household_index", properties: ["householdId"] },
    { name: "payment_intent_status_index", properties: ["status"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    householdId: { type: "text", fieldName: "household_id" },
    operationId: { type: "text", fieldName: "operation_id", nullable: true, unique: "payment_intent_operation_unique" },
    status: { type: "text" },
    data: { type: "json" }
  }
})
