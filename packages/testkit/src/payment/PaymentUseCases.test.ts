import {
  AccountId,
  Cents,
  confirmOnlinePayment,
  expirePaymentIntents,
  HouseholdId,
  Instant,
  InvoiceId,
  InvoiceRepository,
  LocalDate,
  loadHouseholdAccount,
  PaymentIntentRepository,
  PaymentRepository,
  PaymentSettings,
  recordPayment,
  SessionId,
  sendInvoiceToTreasury,
  startOnlinePayment,
  UnpaidBalances,
  unpaidBalancesFromAccounts
} from "@spe/core"
import { fc, test } from "@fast-check/vitest"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { anInvoice, anInvoiceLine } from "../billing/BillingFixtures.js"
import { inMemoryCreditNoteRepository } from "../billing/InMemoryCreditNoteRepository.js"
import { inMemoryInvoiceRepository } from "../billing/InMemoryInvoiceRepository.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { makeFakePaymentGateway } from "./FakePaymentGateway.js"
import { inMemoryPaymentIntentRepository } from "./InMemoryPaymentIntentRepository.js"
import { inMemoryPaymentRepository } from "./InMemoryPaymentRepository.js"

const household = HouseholdId.make("hh-1")
const settings = PaymentSettings.make({})
const march = anInvoice({ lines: [anInvoiceLine(), anInvoiceLine({ sessionId: SessionId.make("canteen-2026-03-05"), amount: Cents.cents(1225) })] })

function makeWorld() {
  const clock = makeTestClock("2026-04-10T16:00:00Z")
  const gateway = makeFakePaymentGateway()
  const layer = Layer.mergeAll(
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryPaymentRepository(),
    inMemoryPaymentIntentRepository(),
    gateway.layer,
    clock.layer,
    sequentialIds(),
    inMemoryTransactions(),
    inMemoryEventOutbox()
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const runEither = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect))
  return { clock, gateway, layer, run, runEither }
}

async function worldWithInvoice() {
  const world = makeWorld()
  await world.run(Effect.flatMap(InvoiceRepository, (r) => r.add(march)))
  return world
}

const payments = Effect.flatMap(PaymentRepository, (r) => r.byHousehold(household))

describe("paying invoices", () => {
  it("pays the Martin family's €15.75 March invoice online: pending, then paid once", async () => {
    const world = await worldWithInvoice()
    const intent = await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect([intent.status, intent.amount, intent.operationId, intent.expiresAt]).toEqual(["pending", 1575, "op-1", "2026-04-10T16:15:00.000Z"])
    world.gateway.settle("op-1", { _tag: "Paid", method: "card" })
    world.clock.advanceMinutes(3)
    const confirmed = await world.run(confirmOnlinePayment("op-1"))
    expect(confirmed.intent.status).toBe("paid")
    expect(Option.map(confirmed.payment, (p) => [p.amount, p.method, p.idempotencyKey])).toEqual(Option.some([1575, "card", "gateway:op-1"]))
    const account = await world.run(loadHouseholdAccount(household))
    expect(account.invoices.map((s) => s.status)).toEqual(["paid"])
    expect(account.balance).toBe(0)
  })

  it("gives back the payment still pending for the same invoices instead of opening a second one", async () => {
    const world = await worldWithInvoice()
    const first = await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    world.clock.advanceMinutes(2)
    const again = await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect(again.id).toBe(first.id)
    expect(world.gateway.initiated()).toHaveLength(1)
    world.clock.advanceMinutes(14)
    const later = await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect(later.id).not.toBe(first.id)
    expect(world.gateway.initiated()).toHaveLength(2)
  })

  it("changes nothing for a forged or unknown operation, or while the gateway does not know the outcome", async () => {
    const world = await worldWithInvoice()
    await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    const forged = await world.runEither(confirmOnlinePayment("op-forged"))
    expect(forged._tag === "Left" && forged.left.message).toContain("Aucun paiement en ligne ne correspond à l'opération op-forged")
    const unknown = await world.run(confirmOnlinePayment("op-1"))
    expect(unknown.intent.status).toBe("pending")
    expect(await world.run(payments)).toEqual([])
  })

  it("refuses an online payment under €1 before calling the gateway", async () => {
    const world = makeWorld()
    const small = anInvoice({ lines: [anInvoiceLine({ amount: Cents.cents(80) })] })
    await world.run(Effect.flatMap(InvoiceRepository, (r) => r.add(small)))
    const refused = await world.runEither(startOnlinePayment({ householdId: household, invoiceIds: [small.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect(refused._tag === "Left" && refused.left._tag).toBe("PaymentAmountOutOfRange")
    expect(world.gateway.initiated()).toEqual([])
  })

  it("leaves no pending intent when the gateway is down, and expires intents after 15 minutes", async () => {
    const world = await worldWithInvoice()
    world.gateway.setUnavailable(true)
    const down = await world.runEither(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect(down._tag === "Left" && down.left._tag).toBe("PaymentGatewayUnavailable")
    world.gateway.setUnavailable(false)
    await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect(await world.run(expirePaymentIntents(Instant.unsafe("2026-04-10T16:10:00Z")))).toEqual([])
    const expired = await world.run(expirePaymentIntents(Instant.unsafe("2026-04-10T16:15:00Z")))
    expect(expired.map((i) => i.status)).toEqual(["expired", "expired"])
    expect(await world.run(Effect.flatMap(PaymentIntentRepository, (r) => r.open))).toEqual([])
  })

  test.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.constantFrom("card" as const, "directDebit" as const)], { numRuns: 40 })(
    "payment confirmation is idempotent: any number of confirmations, sequential or concurrent, record one payment",
    async (concurrently, method) => {
      const world = await worldWithInvoice()
      await world.run(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
      world.gateway.settle("op-1", { _tag: "Paid", method })
      for (const together of concurrently) {
        if (together) await world.run(Effect.all([confirmOnlinePayment("op-1"), confirmOnlinePayment("op-1")], { concurrency: "unbounded" }))
        else await world.run(confirmOnlinePayment("op-1"))
      }
      const recorded = await world.run(payments)
      expect(recorded.map((p) => [p.amount, p.method])).toEqual([[1575, method]])
      const account = await world.run(loadHouseholdAccount(household))
      expect([account.balance, account.credit]).toEqual([0, 0])
    }
  )

  it("records a counter payment once per receipt, refuses a reused receipt and methods the régie does not take", async () => {
    const world = await worldWithInvoice()
    const input = { householdId: household, amount: Cents.cents(2000), method: "counter" as const, reference: "R-0042", receivedAt: Instant.unsafe("2026-04-12T08:30:00Z") }
    const first = await world.run(recordPayment(input, settings))
    const again = await world.run(recordPayment(input, settings))
    expect([first.created, again.created, again.payment.id]).toEqual([true, false, first.payment.id])
    const reused = await world.runEither(recordPayment({ ...input, amount: Cents.cents(500) }, settings))
    expect(reused._tag === "Left" && reused.left._tag).toBe("PaymentReferenceAlreadyUsed")
    const cesu = await world.runEither(recordPayment({ ...input, method: "cesu", reference: "CESU-1" }, settings))
    expect(cesu._tag === "Left" && cesu.left.message).toBe(
      "La régie n'accepte pas le paiement par chèque emploi service universel (CESU). Moyens acceptés : carte bancaire en ligne, prélèvement, paiement au guichet de la régie, chèque."
    )
    const account = await world.run(loadHouseholdAccount(household))
    expect([account.invoices[0]?.status, Cents.formatEuros(account.credit), Cents.formatEuros(account.balance)]).toEqual(["paid", "4,25 €", "-4,25 €"])
  })

  it("sends an unpaid invoice to the Treasury only after its due date, once, and counts it past due for booking", async () => {
    const world = await worldWithInvoice()
    const agent = AccountId.make("agent-regie")
    const early = await world.runEither(sendInvoiceToTreasury({ invoiceId: march.id, by: agent, on: LocalDate.unsafe("2026-05-01") }))
    expect(early._tag === "Left" && early.left._tag).toBe("InvoiceNotPastDue")
    const sent = await world.run(sendInvoiceToTreasury({ invoiceId: march.id, by: agent, on: LocalDate.unsafe("2026-05-02") }))
    expect(sent.sentToTreasury?.sentOn).toBe("2026-05-02")
    const twice = await world.runEither(sendInvoiceToTreasury({ invoiceId: march.id, by: agent, on: LocalDate.unsafe("2026-05-03") }))
    expect(twice._tag === "Left" && twice.left._tag).toBe("InvoiceAlreadySentToTreasury")
    const account = await world.run(loadHouseholdAccount(household))
    expect(account.invoices[0]?.status).toBe("sentToTreasury")
    const owed = await world.run(
      Effect.provide(Effect.flatMap(UnpaidBalances, (u) => u.pastDueUnpaid(household, LocalDate.unsafe("2026-05-10"))), unpaidBalancesFromAccounts)
    )
    expect(owed).toBe(1575)
    const notMine = await world.runEither(startOnlinePayment({ householdId: household, invoiceIds: [march.id], payerEmail: "a.baud@arpege.fr" }, settings))
    expect(notMine._tag === "Left" && notMine.left._tag).toBe("InvoiceNotPayable")
  })

  it("refuses to pay another household's invoice online", async () => {
    const world = makeWorld()
    const theirs = anInvoice({ id: InvoiceId.make("inv-theirs"), householdId: HouseholdId.make("hh-2") })
    await world.run(Effect.flatMap(InvoiceRepository, (r) => r.add(theirs)))
    const refused = await world.runEither(startOnlinePayment({ householdId: household, invoiceIds: [theirs.id], payerEmail: "x@y.fr" }, settings))
    expect(refused._tag === "Left" && refused.left._tag).toBe("InvoiceOfAnotherHousehold")
  })
})
