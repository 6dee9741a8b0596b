import { confirmOnlinePayment, HouseholdId, PaymentIntentId, PaymentIntentRepository, PaymentRepository, Transactions } from "@spe/core"
import { aPaymentIntent, makeFakePaymentGateway, makeTestClock, sequentialIds } from "@spe/testkit"
import { Effect, Layer, ManagedRuntime, Option } from "effect"
import { describe, expect, it } from "vitest"
import { mikroCreditNoteRepository } from "../billing/MikroCreditNoteRepository.js"
import { mikroInvoiceRepository } from "../billing/MikroInvoiceRepository.js"
import { mikroEventOutbox } from "../integration/MikroEventOutbox.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroPaymentIntentRepository } from "./MikroPaymentIntentRepository.js"
import { mikroPaymentRepository } from "./MikroPaymentRepository.js"

describe.each(testDatabaseKinds())("online payments under concurrency on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)

  const confirmTwentyTimes = async (inTransactions: boolean) => {
    await empty()
    const orm = db().orm
    const gateway = makeFakePaymentGateway()
    const runtime = ManagedRuntime.make(
      Layer.mergeAll(
        mikroPaymentRepository(orm),
        mikroPaymentIntentRepository(orm),
        mikroTransactions(orm),
        mikroInvoiceRepository(orm),
        mikroCreditNoteRepository(orm),
        mikroEventOutbox(orm),
        gateway.layer,
        makeTestClock("2026-04-10T09:40:00Z").layer,
        sequentialIds()
      )
    )
    const intent = aPaymentIntent({ id: PaymentIntentId.make("pi-1"), operationId: "op-1", status: "pending" })
    await runtime.runPromise(Effect.flatMap(PaymentIntentRepository, (r) => r.save(intent)))
    gateway.settle("op-1", { _tag: "Paid", method: "card" })
    const confirm = inTransactions
      ? Effect.flatMap(Transactions, (tx) => tx.withTransaction(confirmOnlinePayment("op-1")))
      : confirmOnlinePayment("op-1")
    const confirmations = await runtime.runPromise(Effect.all(Array.from({ length: 20 }, () => confirm), { concurrency: "unbounded" }))
    const stored = await runtime.runPromise(
      Effect.gen(function* () {
        return {
          payments: yield* (yield* PaymentRepository).byHousehold(HouseholdId.make("hh-1")),
          intent: yield* (yield* PaymentIntentRepository).get(intent.id)
        }
      })
    )
    await runtime.dispose()
    return { confirmations, stored }
  }

  it.each([false, true])("records one payment when a paid operation is confirmed 20 times at once (each in a transaction: %s)", async (inTransactions) => {
    const { confirmations, stored } = await confirmTwentyTimes(inTransactions)
    expect(stored.payments).toHaveLength(1)
    const [payment] = stored.payments
    expect([payment?.idempotencyKey, payment?.amount]).toEqual(["gateway:op-1", 4250])
    expect(new Set(confirmations.map((c) => Option.getOrUndefined(Option.map(c.payment, (p) => p.id))))).toEqual(new Set([payment?.id]))
    expect(confirmations.every((c) => c.intent.status === "paid" && c.intent.paymentId === payment?.id)).toBe(true)
    expect(Option.map(stored.intent, (i) => [i.status, i.paymentId])).toEqual(Option.some(["paid", payment?.id]))
  })
})
