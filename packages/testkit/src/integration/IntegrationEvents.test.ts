import {
  acceptOffer,
  BillingSettings,
  bookSessions,
  BookSessionsCommand,
  cancelReservations,
  CancelReservationsCommand,
  Cents,
  confirmOnlinePayment,
  declineOffer,
  EventOutbox,
  expireOffers,
  HouseholdId,
  Instant,
  InvoiceRepository,
  issueBillingPlan,
  LocalDate,
  MemberId,
  PaymentSettings,
  recordPayment,
  RegieId,
  ReservationId,
  type Session,
  SessionId,
  startOnlinePayment,
  startRequestReview,
  submitRequest,
  refuseRequest,
  cancelRequest,
  unsafeBillingMonth,
  WaitlistOfferAnswer
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aFamily, anAgent } from "../account/AccountFixtures.js"
import { anInvoice, anInvoiceLine } from "../billing/BillingFixtures.js"
import { inMemoryCreditNoteRepository } from "../billing/InMemoryCreditNoteRepository.js"
import { inMemoryDocumentNumbering } from "../billing/InMemoryDocumentNumbering.js"
import { inMemoryInvoiceRepository } from "../billing/InMemoryInvoiceRepository.js"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { makeFakePaymentGateway } from "../payment/FakePaymentGateway.js"
import { inMemoryPaymentIntentRepository } from "../payment/InMemoryPaymentIntentRepository.js"
import { inMemoryPaymentRepository } from "../payment/InMemoryPaymentRepository.js"
import { samplePayloads } from "../request/RequestFixtures.js"
import { makePortalTestWorld } from "../request/PortalTestWorld.js"
import { aCanteen, aChild, aSession } from "../reservation/BookingFixtures.js"
import { inMemoryBookingServices } from "../reservation/InMemoryBookingServices.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryEventOutbox } from "./InMemoryEventOutbox.js"

const sequence = (id: string): number => Number(id.slice(id.lastIndexOf("-") + 1))
const outboxEvents = Effect.map(
  Effect.flatMap(EventOutbox, (outbox) => outbox.list({})),
  (entries) => [...entries].sort((a, b) => sequence(a.event.id) - sequence(b.event.id))
)
const eventsOf = Effect.map(outboxEvents, (entries) => entries.map((e) => ({ id: e.event.id, type: e.event.type, occurredAt: e.event.occurredAt, data: e.event.data })))

function moneyWorld() {
  const clock = makeTestClock("2026-04-10T16:00:00Z")
  const gateway = makeFakePaymentGateway()
  const layer = Layer.mergeAll(
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryDocumentNumbering(),
    inMemoryPaymentRepository(),
    inMemoryPaymentIntentRepository(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    gateway.layer,
    clock.layer,
    sequentialIds()
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  return { clock, gateway, run }
}

describe("the events billing publishes", () => {
  it("publishes invoice.issued for each invoice a billing run issues, with its number, total and due date", async () => {
    const world = moneyWorld()
    const plan = {
      period: unsafeBillingMonth("2026-03"),
      households: [
        {
          householdId: HouseholdId.make("hh-1"),
          charges: [anInvoiceLine(), anInvoiceLine({ sessionId: SessionId.make("canteen-2026-03-05"), amount: Cents.cents(1225) })],
          credits: []
        },
        { householdId: HouseholdId.make("hh-2"), charges: [], credits: [] }
      ],
      outcomes: []
    }
    const issued = await world.run(issueBillingPlan(plan, { regieId: RegieId.make("regie-enfance"), issuedOn: LocalDate.unsafe("2026-04-01"), settings: BillingSettings.make({}) }))
    const invoice = issued.invoices[0]
    expect(await world.run(eventsOf)).toEqual([
      {
        id: "evt-1",
        type: "invoice.issued",
        occurredAt: "2026-04-10T16:00:00.000Z",
        data: { invoiceId: invoice?.id, number: invoice?.number, householdId: "hh-1", total: anInvoiceLine().amount + 1225, issuedOn: "2026-04-01", dueOn: "2026-05-01" }
      }
    ])
  })
})

describe("the events payments publish", () => {
  it("publishes payment.recorded once for a payment at the régie, with how it settles the invoices", async () => {
    const world = moneyWorld()
    const invoice = anInvoice({ lines: [anInvoiceLine({ amount: Cents.cents(3000) })] })
    await world.run(Effect.flatMap(InvoiceRepository, (r) => r.add(invoice)))
    const settings = PaymentSettings.make({})
    const payment = { householdId: invoice.householdId, amount: Cents.cents(5000), method: "cheque", reference: "CHQ-0042", receivedAt: Instant.unsafe("2026-04-10T09:00:00Z") } as const
    const recorded = await world.run(recordPayment(payment, settings))
    await world.run(recordPayment(payment, settings))
    expect(await world.run(eventsOf)).toEqual([
      {
        id: "evt-1",
        type: "payment.recorded",
        occurredAt: "2026-04-10T16:00:00.000Z",
        data: {
          paymentId: recorded.payment.id,
          householdId: invoice.householdId,
          amount: 5000,
          method: "cheque",
          receivedAt: "2026-04-10T09:00:00.000Z",
          allocations: [{ invoiceId: invoice.id, amount: 3000 }]
        }
      }
    ])
  })

  it("publishes payment.recorded once for an online payment, however many times it is confirmed", async () => {
    const world = moneyWorld()
    const invoice = anInvoice({ lines: [anInvoiceLine({ amount: Cents.cents(4200) })] })
    await world.run(Effect.flatMap(InvoiceRepository, (r) => r.add(invoice)))
    const settings = PaymentSettings.make({})
    await world.run(startOnlinePayment({ householdId: invoice.householdId, invoiceIds: [invoice.id], payerEmail: "a.baud@arpege.fr" }, settings))
    world.gateway.settle("op-1", { _tag: "Paid", method: "card" })
    await world.run(confirmOnlinePayment("op-1"))
    await world.run(confirmOnlinePayment("op-1"))
    const events = await world.run(eventsOf)
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        "payment.recorded",
        { paymentId: "pay-1", householdId: invoice.householdId, amount: 4200, method: "card", receivedAt: "2026-04-10T16:00:00.000Z", allocations: [{ invoiceId: invoice.id, amount: 4200 }] }
      ]
    ])
  })
})

describe("the events requests publish", () => {
  it("publishes request.status_changed at submission and at each change of status, not for messages", async () => {
    const w = makePortalTestWorld()
    const family = aFamily()
    const agent = anAgent("agent")
    const request = await w.run(submitRequest(family, { payload: samplePayloads.freeMessage }))
    await w.run(startRequestReview(agent, { requestId: request.id }))
    await w.run(refuseRequest(agent, { requestId: request.id, reason: "Hors du champ du service." }))
    const second = await w.run(submitRequest(family, { payload: samplePayloads.freeMessage }))
    await w.run(cancelRequest(family, { requestId: second.id }))
    const events = await w.run(eventsOf)
    expect(events.map((e) => e.data)).toEqual([
      { requestId: "req-1", householdId: "hh-concerto", kind: "FreeMessage", from: null, to: "submitted" },
      { requestId: "req-1", householdId: "hh-concerto", kind: "FreeMessage", from: "submitted", to: "inReview" },
      { requestId: "req-1", householdId: "hh-concerto", kind: "FreeMessage", from: "inReview", to: "refused" },
      { requestId: "req-2", householdId: "hh-concerto", kind: "FreeMessage", from: null, to: "submitted" },
      { requestId: "req-2", householdId: "hh-concerto", kind: "FreeMessage", from: "submitted", to: "cancelled" }
    ])
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(["request.status_changed"]))
  })
})

describe("the events reservations publish", () => {
  const children = ["ana", "bob", "chloe", "dan"]
  const answer = (session: Session, child: string, reservationId: string) =>
    new WaitlistOfferAnswer({ sessionId: session.id, reservationId: ReservationId.make(reservationId), householdId: HouseholdId.make(`hh-${child}`) })

  it("publishes reservation.changed for bookings, the waiting list, cancellations and place offers", async () => {
    const offering = aCanteen({ capacity: 1, waitlist: { _tag: "Offer", validHours: 24 } })
    const session = aSession(offering, "2026-03-20")
    const { clock, layer } = inMemoryBookingServices({
      activities: [offering],
      sessions: [session],
      now: "2026-03-01T08:00:00Z",
      enrollments: children.map((c) => anAcceptedEnrollment(c, "2025-2026", "restauration"))
    })
    const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
    for (const c of children) await run(bookSessions(new BookSessionsCommand({ child: aChild(c), sessionIds: [session.id] })))
    await run(cancelReservations(new CancelReservationsCommand({ childId: MemberId.make("ana"), householdId: HouseholdId.make("hh-ana"), sessionIds: [session.id] })))
    await run(declineOffer(answer(session, "bob", "res-2")))
    clock.advanceMinutes(25 * 60)
    await run(expireOffers(clock.now()))
    await run(acceptOffer(answer(session, "dan", "res-4")))
    const events = await run(eventsOf)
    expect(events.map((e) => {
      const data = e.data as { readonly childId: string; readonly householdId: string; readonly change: string; readonly reservationId: string }
      return `${data.change} ${data.childId} ${data.householdId} ${data.reservationId}`
    })).toEqual([
      "booked ana hh-ana res-1",
      "waitlisted bob hh-bob res-2",
      "waitlisted chloe hh-chloe res-3",
      "waitlisted dan hh-dan res-4",
      "cancelled ana hh-ana res-1",
      "offered bob hh-bob res-2",
      "offer_declined bob hh-bob res-2",
      "offered chloe hh-chloe res-3",
      "offer_expired chloe hh-chloe res-3",
      "offered dan hh-dan res-4",
      "offer_accepted dan hh-dan res-4"
    ])
    expect(events[0]?.data).toEqual({
      reservationId: "res-1",
      sessionId: session.id,
      activityId: offering.id,
      date: "2026-03-20",
      childId: "ana",
      householdId: "hh-ana",
      change: "booked"
    })
  })
})
