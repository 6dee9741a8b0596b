import {
  Adult,
  Child,
  CreditNoteId,
  CreditNoteRepository,
  HouseholdId,
  householdAttendanceCertificate,
  householdChildcareAttestation,
  InvoiceId,
  InvoiceRepository,
  loadHouseholdCreditNote,
  loadHouseholdInvoice,
  loadPaymentReceipt,
  LocalDate,
  MemberId,
  PaymentId,
  PaymentRepository,
  schoolYearBookingCalendar
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { inMemoryAttendanceRegister } from "../attendance/InMemoryAttendanceRegister.js"
import { aCreditNote, anInvoice } from "../billing/BillingFixtures.js"
import { inMemoryCreditNoteRepository } from "../billing/InMemoryCreditNoteRepository.js"
import { inMemoryInvoiceRepository } from "../billing/InMemoryInvoiceRepository.js"
import { inMemoryEnrollmentRepository } from "../enrollment/InMemoryEnrollmentRepository.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "../household/InMemoryQuotientRepository.js"
import { aPayment } from "../payment/PaymentFixtures.js"
import { inMemoryPaymentRepository } from "../payment/InMemoryPaymentRepository.js"
import { makeTestClock } from "../TestClock.js"
import { aDocumentSettings, aRegie, sampleActivities } from "./GeneratedDocumentFixtures.js"

const settings = { regie: aRegie(), documents: aDocumentSettings() }
const own = HouseholdId.make("hh-1")
const other = HouseholdId.make("hh-2")
const invoice = anInvoice()
const foreignInvoice = anInvoice({ id: InvoiceId.make("inv-2"), number: "F-2026-000002", householdId: other })

async function world() {
  const layer = Layer.mergeAll(
    inMemoryHouseholdRepository([aHousehold(), aHousehold({
      id: other,
      reference: "FAM-000002",
      familyName: "Autre",
      adults: [Adult.make({ id: MemberId.make("hh-2-a1"), firstName: "Inès", lastName: "Autre", isPayer: true })],
      children: [Child.make({ id: MemberId.make("hh-2-c1"), firstName: "Noé", lastName: "Autre", birthDate: LocalDate.unsafe("2019-02-01"), aeeh: false })]
    })]),
    inMemoryQuotientRepository(),
    inMemoryEnrollmentRepository(),
    inMemoryActivityCatalogue([...sampleActivities()]),
    inMemoryAttendanceRegister(),
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryPaymentRepository(),
    makeTestClock("2026-05-10T08:00:00Z").layer
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(Effect.either(effect), layer))
  await run(
    Effect.gen(function* () {
      yield* (yield* InvoiceRepository).add(invoice)
      yield* (yield* InvoiceRepository).add(foreignInvoice)
      yield* (yield* CreditNoteRepository).add(aCreditNote(foreignInvoice, { id: CreditNoteId.make("avoir-2"), householdId: other }, 100))
      yield* (yield* PaymentRepository).recordOnce(aPayment({ householdId: other, id: PaymentId.make("pay-2") }))
    })
  )
  return { run }
}

describe("a household's documents", () => {
  it("gives the household its own invoice, and another household's invoice, credit note or payment as not found", async () => {
    const { run } = await world()
    const mine = await run(loadHouseholdInvoice(own, invoice.id, settings))
    expect(mine._tag === "Right" && mine.right.document.number).toBe("F-2026-000001")
    const refusals = await Promise.all([
      run(loadHouseholdInvoice(own, foreignInvoice.id, settings)),
      run(loadHouseholdCreditNote(own, CreditNoteId.make("avoir-2"), settings)),
      run(loadPaymentReceipt(own, PaymentId.make("pay-2")))
    ])
    expect(refusals.map((r) => (r._tag === "Left" ? r.left._tag : "Right"))).toEqual(["InvoiceNotFound", "CreditNoteNotFound", "PaymentNotFound"])
  })

  it("refuses an attendance certificate for another household's child, an unknown activity, or a reversed period, by field", async () => {
    const { run } = await world()
    const refused = await run(householdAttendanceCertificate(own, { childId: "hh-2-c1", activityId: "inconnue", from: "2026-04-30", to: "2026-04-01" }, settings))
    expect(refused._tag === "Left" && refused.left._tag === "InvalidInput" ? refused.left.problems.map((p) => p.path) : []).toEqual(["childId", "activityId", "to"])
    const activity = sampleActivities()[0]
    const certificate = await run(householdAttendanceCertificate(own, { childId: MemberId.make("hh-1-c1"), activityId: activity?.id ?? "", from: "2026-04-01", to: "2026-04-30" }, settings))
    expect(certificate._tag === "Right" && certificate.right.child.name).toBe("Léa Concerto")
  })

  it("refuses a childcare attestation for a year to come and a calendar for a school year that is not one", async () => {
    const { run } = await world()
    const future = await run(householdChildcareAttestation(own, "2027", settings))
    expect(future._tag === "Left" && future.left.message).toContain("Choisissez une année")
    const past = await run(householdChildcareAttestation(own, "2025", settings))
    expect(past._tag === "Right" && past.right.year).toBe(2025)
    const calendar = await run(schoolYearBookingCalendar("2025-2027", settings))
    expect(calendar._tag).toBe("Left")
  })
})
