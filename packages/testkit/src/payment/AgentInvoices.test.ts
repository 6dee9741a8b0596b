import {
  AccountRepository,
  AuditLog,
  BillingSettings,
  Cents,
  CreditNoteRepository,
  HouseholdId,
  Instant,
  InvoiceId,
  InvoiceRepository,
  issueInvoiceCreditNote,
  listReceivedPayments,
  LocalDate,
  loadHouseholdAccount,
  loadPastDueInvoices,
  PaymentSettings,
  recordAgentPayment,
  searchInvoices,
  sendInvoiceToTreasuryByAgent,
  SessionId
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent, anAgentAccount } from "../account/AccountFixtures.js"
import { inMemoryAccountRepository } from "../account/InMemoryAccountRepository.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { anInvoice, anInvoiceLine } from "../billing/BillingFixtures.js"
import { inMemoryCreditNoteRepository } from "../billing/InMemoryCreditNoteRepository.js"
import { inMemoryDocumentNumbering } from "../billing/InMemoryDocumentNumbering.js"
import { inMemoryInvoiceRepository } from "../billing/InMemoryInvoiceRepository.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryPaymentRepository } from "./InMemoryPaymentRepository.js"

const concerto = aHousehold()
const martin = aHousehold({ id: HouseholdId.make("hh-2"), reference: "FAM-000002", familyName: "Martin" })
const march = anInvoice({
  lines: [anInvoiceLine(), anInvoiceLine({ sessionId: SessionId.make("canteen-2026-03-05"), date: LocalDate.unsafe("2026-03-05"), amount: Cents.cents(1225) })]
})
const april = anInvoice({
  id: InvoiceId.make("inv-2"),
  number: "F-2026-000002",
  householdId: martin.id,
  issuedOn: LocalDate.unsafe("2026-05-01"),
  dueOn: LocalDate.unsafe("2026-05-31")
})
const billing = anAgent("billing", "Marc Régie")
const settings = BillingSettings.make({})
const paymentSettings = PaymentSettings.make({ acceptedMethods: ["card", "directDebit", "counter", "cheque", "cesu"] })
const d = LocalDate.unsafe

function makeWorld() {
  const clock = makeTestClock("2026-05-10T08:00:00Z")
  const layer = Layer.mergeAll(
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryPaymentRepository(),
    inMemoryDocumentNumbering(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    inMemoryHouseholdRepository([concerto, martin]),
    inMemoryAccountRepository(),
    inMemoryAuditLog(),
    sequentialIds(),
    clock.layer
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const flip = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.flip(effect))
  const journal = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { clock, run, flip, journal }
}

async function townWithInvoices() {
  const world = makeWorld()
  await world.run(Effect.gen(function* () {
    const invoices = yield* InvoiceRepository
    yield* invoices.add(march)
    yield* invoices.add(april)
    yield* (yield* AccountRepository).save(anAgentAccount("billing", { id: billing.accountId, holder: { _tag: "Agent", displayName: billing.displayName, role: "billing" } }))
  }))
  return world
}

const paymentOfMarch = {
  householdId: concerto.id,
  invoiceIds: [march.id],
  amount: Cents.cents(1575),
  reference: "R-2026-0042",
  receivedOn: d("2026-05-10"),
  settings: paymentSettings
}
const counterPayment = { ...paymentOfMarch, method: "counter" as const, tender: "cash" as const }

describe("an agent's credit note", () => {
  it("withdraws the chosen amounts from the invoice, dated today, and journals where the invoice stands before and after", async () => {
    const world = await townWithInvoices()
    const note = await world.run(issueInvoiceCreditNote(billing, {
      invoiceId: march.id,
      lines: [{ sessionId: SessionId.make("canteen-2026-03-05"), childId: march.lines[0].childId, amount: Cents.cents(1000) }],
      reason: "  Repas non servi (grève du 5 mars)  ",
      settings
    }))
    expect([note.number, note.issuedOn, note.reason, note.lines.map((l) => [l.date, l.amount, l.rule.code])]).toEqual([
      "A-2026-000001", "2026-05-10", "Repas non servi (grève du 5 mars)", [["2026-03-05", 1000, "manual-correction"]]
    ])
    const [record] = await world.journal()
    expect([record?.action, record?.outcome, record?.target.kind, record?.target.id, record?.permission]).toEqual(["billing.creditNote", "done", "invoice", "inv-1", "billing.run"])
    expect(record?.before).toMatchObject({ number: "F-2026-000001", total: 1575, credited: 0, remaining: 1575 })
    expect(record?.after).toMatchObject({ credited: 1000, net: 575, remaining: 575, creditNote: { number: "A-2026-000001" } })
  })

  it("refuses a credit note without a reason or without a line, more than the line bills, and a role without billing.run", async () => {
    const world = await townWithInvoices()
    const line = { sessionId: march.lines[0].sessionId, childId: march.lines[0].childId, amount: Cents.cents(100) }
    const empty = await world.flip(issueInvoiceCreditNote(billing, { invoiceId: march.id, lines: [], reason: " ", settings }))
    expect(empty._tag === "InvalidInput" && empty.problems.map((p) => p.path)).toEqual(["lines", "reason"])
    const tooMuch = await world.flip(issueInvoiceCreditNote(billing, { invoiceId: march.id, lines: [{ ...line, amount: Cents.cents(351) }], reason: "Erreur", settings }))
    expect(tooMuch._tag).toBe("CreditExceedsInvoice")
    const denied = await world.flip(issueInvoiceCreditNote(anAgent("agent"), { invoiceId: march.id, lines: [line], reason: "Erreur", settings }))
    expect(denied._tag).toBe("PermissionDenied")
    expect((await world.journal()).map((r) => r.outcome)).toEqual(["denied", "refused", "refused"])
    expect(await world.run(Effect.flatMap(CreditNoteRepository, (r) => r.byInvoice(march.id)))).toEqual([])
  })
})

describe("an agent's payment at the régie", () => {
  it("records cash at the counter on the invoice it names, and journals the balance before and after", async () => {
    const world = await townWithInvoices()
    const recorded = await world.run(recordAgentPayment(billing, counterPayment))
    expect([recorded.created, recorded.payment.method, recorded.payment.tender, recorded.payment.recordedBy, recorded.payment.receivedAt]).toEqual([
      true, "counter", "cash", billing.accountId, "2026-05-10T08:00:00.000Z"
    ])
    expect(recorded.account.invoices.find((s) => s.invoice.id === march.id)?.status).toBe("paid")
    const [record] = await world.journal()
    expect([record?.action, record?.target.kind, record?.target.id, record?.permission]).toEqual(["payments.record", "invoice", "inv-1", "payments.record"])
    expect(record?.before).toMatchObject({ balance: 1575, invoices: [{ remaining: 1575, status: "issued" }] })
    expect(record?.after).toMatchObject({ balance: 0, invoices: [{ remaining: 0, status: "paid" }], created: true, payment: { reference: "R-2026-0042", tender: "cash" } })
    const again = await world.run(recordAgentPayment(billing, counterPayment))
    expect([again.created, again.payment.id]).toEqual([false, recorded.payment.id])
  })

  it("records a cheque with its bank on an earlier day at noon, Paris time", async () => {
    const world = await townWithInvoices()
    const cheque = await world.run(recordAgentPayment(billing, { ...paymentOfMarch, method: "cheque", bank: " Crédit Agricole ", reference: "CHQ-1234567", receivedOn: d("2026-05-07") }))
    expect([cheque.payment.bank, cheque.payment.tender, cheque.payment.receivedAt, cheque.payment.idempotencyKey]).toEqual([
      "Crédit Agricole", undefined, "2026-05-07T10:00:00.000Z", "cheque:CHQ-1234567"
    ])
  })

  it("refuses a day after today, a counter payment without its tender, a cheque without its bank, and a role without payments.record", async () => {
    const world = await townWithInvoices()
    const refused = await world.flip(recordAgentPayment(billing, { ...paymentOfMarch, method: "counter", receivedOn: d("2026-05-11") }))
    expect(refused._tag === "InvalidInput" && refused.problems.map((p) => [p.path, p.message])).toEqual([
      ["receivedOn", "La date de réception ne peut pas être après aujourd'hui (dimanche 10 mai 2026)."],
      ["tender", "Indiquez si le paiement au guichet est fait en espèces ou par carte bancaire."]
    ])
    const noBank = await world.flip(recordAgentPayment(billing, { ...paymentOfMarch, method: "cheque", bank: "  " }))
    expect(noBank._tag === "InvalidInput" && noBank.problems.map((p) => p.path)).toEqual(["bank"])
    const denied = await world.flip(recordAgentPayment(anAgent("agent"), counterPayment))
    expect(denied._tag).toBe("PermissionDenied")
    expect(await world.run(loadHouseholdAccount(concerto.id))).toMatchObject({ payments: [], balance: 1575 })
    expect((await world.journal()).map((r) => [r.action, r.outcome])).toEqual([["payments.record", "denied"], ["payments.record", "refused"], ["payments.record", "refused"]])
  })
})

describe("an agent's transmission to the Treasury", () => {
  it("refuses an invoice not yet due, then sends it once it is past due, and journals it", async () => {
    const world = await townWithInvoices()
    world.clock.set(Instant.unsafe("2026-04-20T08:00:00Z"))
    const early = await world.flip(sendInvoiceToTreasuryByAgent(billing, { invoiceId: march.id }))
    expect(early._tag).toBe("InvoiceNotPastDue")
    world.clock.set(Instant.unsafe("2026-05-10T08:00:00Z"))
    const sent = await world.run(sendInvoiceToTreasuryByAgent(billing, { invoiceId: march.id }))
    expect(sent.sentToTreasury).toEqual({ sentOn: "2026-05-10", by: billing.accountId })
    const [record] = await world.journal()
    expect([record?.action, record?.outcome, record?.target.id]).toEqual(["billing.sendToTreasury", "done", "inv-1"])
    expect(record?.before).toMatchObject({ status: "issued", sentToTreasuryOn: null })
    expect(record?.after).toMatchObject({ status: "sentToTreasury", sentToTreasuryOn: "2026-05-10", transmission: { sentOn: "2026-05-10" } })
    const again = await world.flip(sendInvoiceToTreasuryByAgent(billing, { invoiceId: march.id }))
    expect(again._tag).toBe("InvoiceAlreadySentToTreasury")
  })
})

describe("the agents' invoice lists", () => {
  it("searches by number, family, month and status, newest issue first, a page at a time", async () => {
    const world = await townWithInvoices()
    const on = d("2026-05-10")
    const ids = (page: { readonly items: ReadonlyArray<{ readonly situation: { readonly invoice: { readonly id: string } } }> }) => page.items.map((i) => i.situation.invoice.id)
    const all = await world.run(searchInvoices({ on }, { page: 1, pageSize: 50 }))
    expect([ids(all), all.total, all.pageCount]).toEqual([["inv-2", "inv-1"], 2, 1])
    expect(all.items[1]).toMatchObject({ household: { reference: "FAM-000001", familyName: "Concerto" }, pastDue: true, daysLate: 9 })
    expect(ids(await world.run(searchInvoices({ on, family: "martin" }, { page: 1, pageSize: 50 })))).toEqual(["inv-2"])
    expect(ids(await world.run(searchInvoices({ on, family: "personne" }, { page: 1, pageSize: 50 })))).toEqual([])
    expect(ids(await world.run(searchInvoices({ on, number: "000001" }, { page: 1, pageSize: 50 })))).toEqual(["inv-1"])
    expect(ids(await world.run(searchInvoices({ on, status: "pastDue" }, { page: 1, pageSize: 50 })))).toEqual(["inv-1"])
    expect(ids(await world.run(searchInvoices({ on, status: "unpaid" }, { page: 1, pageSize: 50 })))).toEqual(["inv-2", "inv-1"])
    const second = await world.run(searchInvoices({ on }, { page: 2, pageSize: 1 }))
    expect([ids(second), second.page, second.pageCount]).toEqual([["inv-1"], 2, 2])
    const beyond = await world.run(searchInvoices({ on, status: "unpaid" }, { page: 9, pageSize: 1 }))
    expect([ids(beyond), beyond.page]).toEqual([["inv-1"], 2])
    await world.run(recordAgentPayment(billing, counterPayment))
    expect(ids(await world.run(searchInvoices({ on, status: "paid" }, { page: 1, pageSize: 50 })))).toEqual(["inv-1"])
    expect(ids(await world.run(searchInvoices({ on, status: "pastDue" }, { page: 1, pageSize: 50 })))).toEqual([])
  })

  it("lists unpaid invoices past due with their age and totals, and the payments received in a period", async () => {
    const world = await townWithInvoices()
    const late = await world.run(loadPastDueInvoices(d("2026-06-05")))
    expect(late.items.map((i) => [i.situation.invoice.number, i.daysLate, i.situation.remaining])).toEqual([
      ["F-2026-000001", 35, 1575],
      ["F-2026-000002", 5, 350]
    ])
    expect([late.total, late.households, late.atTreasury]).toEqual([1925, 2, 0])
    await world.run(recordAgentPayment(billing, counterPayment))
    await world.run(recordAgentPayment(billing, { ...paymentOfMarch, householdId: martin.id, invoiceIds: [april.id], amount: Cents.cents(200), method: "cheque", bank: "La Poste", reference: "CHQ-1", receivedOn: d("2026-05-02") }))
    const received = await world.run(listReceivedPayments({ from: d("2026-05-01"), to: d("2026-05-10") }))
    expect(received.items.map((p) => [p.payment.reference, p.household.familyName, p.invoices.map((i) => i.number), p.recordedByName])).toEqual([
      ["R-2026-0042", "Concerto", ["F-2026-000001"], "Marc Régie"],
      ["CHQ-1", "Martin", ["F-2026-000002"], "Marc Régie"]
    ])
    expect([received.total, received.byMethod]).toEqual([1775, [{ method: "counter", count: 1, amount: 1575 }, { method: "cheque", count: 1, amount: 200 }]])
    expect((await world.run(listReceivedPayments({ from: d("2026-05-01"), to: d("2026-05-09"), method: "counter" }))).items).toEqual([])
    const after = await world.run(loadPastDueInvoices(d("2026-06-05")))
    expect(after.items.map((i) => [i.situation.invoice.number, i.situation.remaining])).toEqual([["F-2026-000002", 150]])
  })
})
