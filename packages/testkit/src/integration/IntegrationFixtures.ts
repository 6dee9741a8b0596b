import {
  Cents,
  HouseholdId,
  Instant,
  IntegrationEventId,
  type IntegrationEvent,
  type IntegrationEventType,
  InvoiceId,
  InvoiceIssuedEvent,
  LocalDate,
  RequestId,
  RequestStatusChangedEvent,
  WebhookSubscription,
  WebhookSubscriptionId
} from "@spe/core"

/**
 * An event for the town's software, occurred at `occurredAt` (by default 2026-03-27 08:00 UTC):
 * `invoice.issued` unless `type` is `request.status_changed`.
 */
export function anIntegrationEvent(options: {
  readonly id: string
  readonly occurredAt?: string
  readonly type?: Extract<IntegrationEventType, "invoice.issued" | "request.status_changed">
}): IntegrationEvent {
  const id = IntegrationEventId.make(options.id)
  const occurredAt = Instant.unsafe(options.occurredAt ?? "2026-03-27T08:00:00Z")
  if (options.type === "request.status_changed") {
    return new RequestStatusChangedEvent({
      id,
      type: "request.status_changed",
      occurredAt,
      data: { requestId: RequestId.make("req-1"), householdId: HouseholdId.make("hh-1"), kind: "QuotientUpdate", from: "submitted", to: "inReview" }
    })
  }
  return new InvoiceIssuedEvent({
    id,
    type: "invoice.issued",
    occurredAt,
    data: {
      invoiceId: InvoiceId.make("fac-1"),
      number: "F-2026-000001",
      householdId: HouseholdId.make("hh-1"),
      total: Cents.cents(4250),
      issuedOn: LocalDate.unsafe("2026-03-27"),
      dueOn: LocalDate.unsafe("2026-04-26")
    }
  })
}

/** A secret of a subscription, the same 64 hex characters repeated from `seed`. */
export const aWebhookSecret = (seed = "a"): string => `whsec_${seed.repeat(64).slice(0, 64)}`

/** An active subscription to `eventTypes` (by default invoices) at `url`, created at `createdAt`. */
export function aWebhookSubscription(options: {
  readonly id: string
  readonly url?: string
  readonly eventTypes?: readonly [IntegrationEventType, ...Array<IntegrationEventType>]
  readonly active?: boolean
  readonly createdAt?: string
  readonly secret?: string
}): WebhookSubscription {
  return new WebhookSubscription({
    id: WebhookSubscriptionId.make(options.id),
    url: options.url ?? `https://logiciel.mairie-example.fr/webhooks/${options.id}`,
    secret: options.secret ?? aWebhookSecret(),
    eventTypes: [...(options.eventTypes ?? ["invoice.issued"])] as [IntegrationEventType, ...Array<IntegrationEventType>],
    active: options.active ?? true,
    createdAt: Instant.unsafe(options.createdAt ?? "2026-03-01T08:00:00Z")
  })
}
