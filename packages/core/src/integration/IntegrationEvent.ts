import { Schema } from "effect"
import { PaymentMethod } from "../payment/PaymentMethod.js"
import { RequestKind } from "../request/RequestPayload.js"
import { RequestStatus } from "../request/RequestStatus.js"
import { Cents } from "../shared/Cents.js"
import { ActivityId, HouseholdId, InvoiceId, MemberId, PaymentId, RequestId, ReservationId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import { LocalDate } from "../shared/LocalDate.js"

/**
 * Identifier of an event for the town's software (`evt-…`): the same on every delivery of the
 * event, so a receiver drops the copies it already handled.
 */
export const IntegrationEventId = Schema.NonEmptyTrimmedString.pipe(
  Schema.maxLength(64),
  Schema.pattern(/^[A-Za-z0-9._-]+$/, {
    message: () => "L'identifiant d'un événement ne contient que des lettres, des chiffres, « . », « _ » et « - »."
  }),
  Schema.brand("IntegrationEventId"),
  Schema.annotations({ identifier: "IntegrationEventId" })
)
export type IntegrationEventId = typeof IntegrationEventId.Type

/** The kinds of events a webhook subscription may receive. */
export const IntegrationEventType = Schema.Literal(
  "invoice.issued",
  "payment.recorded",
  "request.status_changed",
  "reservation.changed"
).annotations({ identifier: "IntegrationEventType" })
export type IntegrationEventType = typeof IntegrationEventType.Type

/** Every event type, in the order the back office lists them. */
export const allIntegrationEventTypes: ReadonlyArray<IntegrationEventType> = IntegrationEventType.literals

/** French label of an event type, for the back office. */
export const integrationEventTypeLabel: { readonly [T in IntegrationEventType]: string } = {
  "invoice.issued": "Facture émise",
  "payment.recorded": "Paiement enregistré",
  "request.status_changed": "Changement d'état d'une demande",
  "reservation.changed": "Changement d'une réservation"
}

/** An invoice was issued (numbered) by a billing run. `total` in euro cents. */
export class InvoiceIssuedEvent extends Schema.Class<InvoiceIssuedEvent>("InvoiceIssuedEvent")({
  id: IntegrationEventId,
  type: Schema.Literal("invoice.issued"),
  occurredAt: Instant,
  data: Schema.Struct({
    invoiceId: InvoiceId,
    number: Schema.String,
    householdId: HouseholdId,
    total: Cents,
    issuedOn: LocalDate,
    dueOn: LocalDate
  })
}) {}

/** How much of a payment went to one invoice when it was recorded, in euro cents. */
export const PaymentAllocationData = Schema.Struct({ invoiceId: InvoiceId, amount: Cents })

/**
 * A payment was recorded (at the régie's counter, or confirmed by the online payment service).
 * `allocations`: how it settled the household's invoices at that moment (what is left is a credit).
 */
export class PaymentRecordedEvent extends Schema.Class<PaymentRecordedEvent>("PaymentRecordedEvent")({
  id: IntegrationEventId,
  type: Schema.Literal("payment.recorded"),
  occurredAt: Instant,
  data: Schema.Struct({
    paymentId: PaymentId,
    householdId: HouseholdId,
    amount: Cents,
    method: PaymentMethod,
    receivedAt: Instant,
    allocations: Schema.Array(PaymentAllocationData)
  })
}) {}

/**
 * A request changed status; `from` is null for its submission, `householdId` null for an
 * account-creation request not yet linked to a household.
 */
export class RequestStatusChangedEvent extends Schema.Class<RequestStatusChangedEvent>("RequestStatusChangedEvent")({
  id: IntegrationEventId,
  type: Schema.Literal("request.status_changed"),
  occurredAt: Instant,
  data: Schema.Struct({
    requestId: RequestId,
    householdId: Schema.NullOr(HouseholdId),
    kind: RequestKind,
    from: Schema.NullOr(RequestStatus),
    to: RequestStatus
  })
}) {}

/** What happened to a child's place on a session. */
export const ReservationChange = Schema.Literal(
  "booked",
  "waitlisted",
  "cancelled",
  "waitlist_left",
  "offered",
  "offer_accepted",
  "offer_declined",
  "offer_expired",
  "waitlist_moved"
).annotations({ identifier: "ReservationChange" })
export type ReservationChange = typeof ReservationChange.Type

/** A child's place on a session changed: booked, put on the waiting list, cancelled, offered… */
export class ReservationChangedEvent extends Schema.Class<ReservationChangedEvent>("ReservationChangedEvent")({
  id: IntegrationEventId,
  type: Schema.Literal("reservation.changed"),
  occurredAt: Instant,
  data: Schema.Struct({
    reservationId: ReservationId,
    sessionId: SessionId,
    activityId: ActivityId,
    date: LocalDate,
    childId: MemberId,
    householdId: HouseholdId,
    change: ReservationChange
  })
}) {}

/** An event for the town's software, as webhooks deliver it: `{ id, type, occurredAt, data }`. */
export const IntegrationEvent = Schema.Union(
  InvoiceIssuedEvent,
  PaymentRecordedEvent,
  RequestStatusChangedEvent,
  ReservationChangedEvent
).annotations({ identifier: "IntegrationEvent" })
export type IntegrationEvent = typeof IntegrationEvent.Type

/** What a use case publishes: an event without its id and instant (given when it is appended). */
export type IntegrationEventDraft = IntegrationEvent extends infer E
  ? E extends { readonly type: infer T; readonly data: infer D }
    ? { readonly type: T; readonly data: D }
    : never
  : never

const encodeEvent = Schema.encodeSync(IntegrationEvent)

/**
 * The body of a webhook: the event's JSON, fields in a stable order. The same bytes are signed
 * and sent, on every delivery of the event.
 */
export const integrationEventBody = (event: IntegrationEvent): string => JSON.stringify(encodeEvent(event))

/** The event from its id, instant and draft. */
export function integrationEventOf(id: IntegrationEventId, occurredAt: Instant, draft: IntegrationEventDraft): IntegrationEvent {
  switch (draft.type) {
    case "invoice.issued":
      return new InvoiceIssuedEvent({ id, occurredAt, type: draft.type, data: draft.data })
    case "payment.recorded":
      return new PaymentRecordedEvent({ id, occurredAt, type: draft.type, data: draft.data })
    case "request.status_changed":
      return new RequestStatusChangedEvent({ id, occurredAt, type: draft.type, data: draft.data })
    case "reservation.changed":
      return new ReservationChangedEvent({ id, occurredAt, type: draft.type, data: draft.data })
  }
}
