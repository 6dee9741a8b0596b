import { EntitySchema } from "@mikro-orm/postgresql"

/**
 * An event of the webhook outbox: the columns the worker claims and the back office filters on,
 * beside the event encoded by the core's schema.
 */
export interface IntegrationEventRow {
  id: string
  type: string
  occurredAt: string
  status: string
  attempts: number
  nextAttemptAt: string
  deliveredTo: unknown
  lastError: string | null
  deliveredAt: string | null
  event: unknown
}

export const IntegrationEventEntity = new EntitySchema<IntegrationEventRow>({
  name: "IntegrationEventRow",
  tableName: "integration_event",
  indexes: [
    {
      name: "integration_event_due_index",
      expression: "create index integration_event_due_index on integration_event (next_attempt_at, occurred_at, id) where status = 'pending'"
    },
    { name: "integration_event_occurred_index", properties: ["occurredAt", "id"] }
  ],
  properties: {
    id: { type: "text", primary: true },
    type: { type: "text" },
    occurredAt: { type: "text", fieldName: "occurred_at" },
    status: { type: "text" },
    attempts: { type: "integer" },
    nextAttemptAt: { type: "text", fieldName: "next_attempt_at" },
    deliveredTo: { type: "json", fieldName: "delivered_to" },
    lastError: { type: "text", fieldName: "last_error", nullable: true },
    deliveredAt: { type: "text", fieldName: "delivered_at", nullable: true },
    event: { type: "json" }
  }
})

/** A webhook subscription: its creation instant (the list's order) beside the subscription encoded by the core's schema. */
export interface WebhookSubscriptionRow {
  id: string
  createdAt: string
  data: unknown
}

export const WebhookSubscriptionEntity = new EntitySchema<WebhookSubscriptionRow>({
  name: "WebhookSubscriptionRow",
  tableName: "webhook_subscription",
  indexes: [{ name: "webhook_subscription_created_index", properties: ["createdAt", "id"] }],
  properties: {
    id: { type: "text", primary: true },
    createdAt: { type: "text", fieldName: "created_at" },
    data: { type: "json" }
  }
})
