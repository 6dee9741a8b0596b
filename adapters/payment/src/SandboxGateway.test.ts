import { Cents, confirmOnlinePayment, HouseholdId, InvoiceRepository, PaymentRepository, PaymentSettings, startOnlinePayment } from "@spe/core"
import {
  anInvoice,
  inMemoryCreditNoteRepository,
  inMemoryEventOutbox,
  inMemoryInvoiceRepository,
  inMemoryPaymentIntentRepository,
  inMemoryPaymentRepository,
  inMemoryTransactions,
  makeTestClock,
  paymentGatewayContract,
  sequentialIds
} from "@spe/testkit"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { makeSandboxGateway, type SandboxChoice, type SandboxGateway } from "./SandboxGateway.js"

const PAGE = "http://127.0.0.1:3000/paiement/bac-a-sable"

let current: SandboxGateway | undefined
paymentGatewayContract(
  "sandbox",
  () => {
    current = makeSandboxGateway({ pageUrl: PAGE })
    return current.layer
  },
  (operationId, outcome) => {
    const choice: SandboxChoice = outcome._tag === "Paid" ? outcome.method : outcome._tag === "Refused" ? "refused" : "cancelled"
    current?.choose(operationId, choice)
  }
)

describe("sandbox gateway", () => {
  it("sends the family to the portal's sandbox page and records what was chosen there, once", async () => {
    const sandbox = makeSandboxGateway({ pageUrl: PAGE })
    const clock = makeTestClock("2026-04-10T16:00:00Z")
    const layer = Layer.mergeAll(
      inMemoryInvoiceRepository(),
      inMemoryCreditNoteRepository(),
      inMemoryPaymentRepository(),
      inMemoryPaymentIntentRepository(),
      inMemoryTransactions(),
      inMemoryEventOutbox(),
      sandbox.layer,
      clock.layer,
      sequentialIds()
    )
    const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
    const invoice = anInvoice()
    await run(Effect.flatMap(InvoiceRepository, (r) => r.add(invoice)))
    const intent = await run(startOnlinePayment({ householdId: HouseholdId.make("hh-1"), invoiceIds: [invoice.id], payerEmail: "a.baud@arpege.fr" }, PaymentSettings.make({})))
    const operationId = intent.operationId ?? ""
    expect(intent.redirectUrl).toBe(`${PAGE}?idop=${operationId}`)
    expect(Option.map(sandbox.operation(operationId), (o) => [o.amount, o.invoiceNumbers, o.choice])).toEqual(Option.some([350, ["F-2026-000001"], Option.none()]))
    expect((await run(confirmOnlinePayment(operationId))).intent.status).toBe("pending")
    expect([sandbox.choose(operationId, "card"), sandbox.choose(operationId, "refused"), sandbox.choose("sandbox-unknown", "card")]).toEqual([true, false, false])
    await run(confirmOnlinePayment(operationId))
    const confirmed = await run(confirmOnlinePayment(operationId))
    expect(confirmed.intent.status).toBe("paid")
    const payments = await run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(HouseholdId.make("hh-1"))))
    expect(payments.map((p) => [p.amount, p.method])).toEqual([[Cents.cents(350), "card"]])
  })
})
