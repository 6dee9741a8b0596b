import { Effect } from "effect"
import { type Invoice, invoiceTotal } from "../billing/Invoice.js"
import { loadHouseholdAccount } from "../payment/HouseholdAccountQuery.js"
import type { Payment } from "../payment/Payment.js"
import type { RequestEvent } from "../request/RequestEvent.js"
import type { SessionLedger } from "../reservation/SessionLedger.js"
import type { SessionLedgerEvent } from "../reservation/SessionLedgerEvent.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import type { HouseholdId, ReservationId } from "../shared/Ids.js"
import { EventOutbox } from "./EventOutbox.js"
import { type IntegrationEventDraft, IntegrationEventId, integrationEventOf, type ReservationChange } from "./IntegrationEvent.js"

/**
 * Appends an event to the outbox with a fresh id (`evt-…`) and the clock's instant. Run it inside
 * the transaction of the change it tells: the event leaves if and only if the change is saved.
 */
export const publishIntegrationEvent = (draft: IntegrationEventDraft) =>
  Effect.gen(function* () {
    const id = IntegrationEventId.make(yield* (yield* IdGenerator).next("evt"))
    const now = yield* (yield* Clock).now
    const event = integrationEventOf(id, now, draft)
    yield* (yield* EventOutbox).append(event)
    return event
  })

/** Appends several events, in order. */
export const publishIntegrationEvents = (drafts: ReadonlyArray<IntegrationEventDraft>) =>
  Effect.forEach(drafts, publishIntegrationEvent, { discard: true })

/** `invoice.issued` of a numbered invoice. */
export const invoiceIssuedDraft = (invoice: Invoice): IntegrationEventDraft => ({
  type: "invoice.issued",
  data: {
    invoiceId: invoice.id,
    number: invoice.number,
    householdId: invoice.householdId,
    total: invoiceTotal(invoice),
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn
  }
})

/**
 * Publishes `payment.recorded` for a payment just saved, with how it settles the household's
 * invoices once saved (read from the household's account).
 */
export const publishPaymentRecorded = (payment: Payment) =>
  Effect.gen(function* () {
    const account = yield* loadHouseholdAccount(payment.householdId)
    const allocations = account.allocations
      .filter((a) => a.paymentId === payment.id)
      .map((a) => ({ invoiceId: a.invoiceId, amount: a.amount }))
    return yield* publishIntegrationEvent({
      type: "payment.recorded",
      data: {
        paymentId: payment.id,
        householdId: payment.householdId,
        amount: payment.amount,
        method: payment.method,
        receivedAt: payment.receivedAt,
        allocations
      }
    })
  })

/** `request.status_changed` for each change of status among a request's events (its submission included). */
export const requestStatusDrafts = (events: ReadonlyArray<RequestEvent>): ReadonlyArray<IntegrationEventDraft> =>
  events.flatMap((event): ReadonlyArray<IntegrationEventDraft> =>
    event._tag !== "RequestStatusChanged"
      ? []
      : [
          {
            type: "request.status_changed",
            data: { requestId: event.requestId, householdId: event.householdId ?? null, kind: event.kind, from: event.from ?? null, to: event.to }
          }
        ]
  )

const changeOf = (event: SessionLedgerEvent, acceptedOffer: ReservationId | undefined): ReservationChange | undefined => {
  switch (event._tag) {
    case "ReservationBooked":
      return event.reservationId === acceptedOffer ? "offer_accepted" : "booked"
    case "WaitlistJoined":
      return "waitlisted"
    case "ReservationCancelled":
      return "cancelled"
    case "WaitlistLeft":
      return "waitlist_left"
    case "PlaceOffered":
      return "offered"
    case "OfferDeclined":
      return "offer_declined"
    case "OfferExpired":
      return "offer_expired"
    case "WaitlistMoved":
      return "waitlist_moved"
    case "AbsenceMarked":
      return undefined
  }
}

const householdOf = (ledgers: ReadonlyArray<SessionLedger>, reservationId: ReservationId): HouseholdId | undefined => {
  for (const ledger of ledgers) {
    const found = ledger.reservations.find((r) => r.id === reservationId) ?? ledger.waitlist.find((e) => e.reservationId === reservationId)
    if (found !== undefined) return found.householdId
  }
  return undefined
}

/**
 * `reservation.changed` for each change of a child's place a decision on a session's ledger made
 * (absence marks are not told). The household is read from the ledger after the decision, or
 * before it for an entry that left. `acceptedOffer`: the place offer the family accepted, told as
 * `offer_accepted` rather than `booked`.
 */
export function reservationDrafts(
  before: SessionLedger,
  decision: { readonly ledger: SessionLedger; readonly events: ReadonlyArray<SessionLedgerEvent> },
  acceptedOffer?: ReservationId
): ReadonlyArray<IntegrationEventDraft> {
  const session = decision.ledger.session
  return decision.events.flatMap((event): ReadonlyArray<IntegrationEventDraft> => {
    const change = changeOf(event, acceptedOffer)
    const householdId = householdOf([decision.ledger, before], event.reservationId)
    if (change === undefined || householdId === undefined) return []
    return [
      {
        type: "reservation.changed",
        data: {
          reservationId: event.reservationId,
          sessionId: session.id,
          activityId: session.activityId,
          date: session.date,
          childId: event.childId,
          householdId,
          change
        }
      }
    ]
  })
}
