import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import {
  Cents,
  confirmOnlinePayment,
  expirePaymentIntents,
  HouseholdId,
  InvoiceRepository,
  PaymentGateway,
  PaymentIntentRepository,
  PaymentRepository,
  PaymentSettings,
  startOnlinePayment
} from "@spe/core"
import {
  anInvoice,
  anInvoiceLine,
  aPaymentIntent,
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
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { payfipGatewayLayer, payfipPaymentPageUrl, refdetOfIntent } from "./PayfipGateway.js"
import { handlePayfipNotification, handlePayfipReturn } from "./PayfipNotification.js"
import { PayfipSettings } from "./PayfipSettings.js"
import { type PayfipSimulator, type SimulatorNotifyMode, startPayfipSimulator } from "./PayfipSimulator.js"

const household = HouseholdId.make("hh-1")
const settings = PaymentSettings.make({})
const march = anInvoice({ lines: [anInvoiceLine(), anInvoiceLine({ sessionId: "canteen-2026-03-05" as never, amount: Cents.cents(1225) })] })

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })

const payfipSettings = (simulator: PayfipSimulator, portal: string, overrides: Partial<ConstructorParameters<typeof PayfipSettings>[0]> = {}) =>
  PayfipSettings.make({
    numcli: "123456",
    saisie: "T",
    soapUrl: simulator.soapUrl,
    serviceUrl: simulator.serviceUrl,
    notificationUrl: `${portal}/payfip/notification`,
    returnUrl: `${portal}/payfip/retour?depuis=payfip`,
    timeoutMillis: 5000,
    ...overrides
  })

describe("PayFiP gateway against the simulator", () => {
  let simulator: PayfipSimulator
  beforeAll(async () => {
    simulator = await startPayfipSimulator({ notify: "none" })
  })
  afterAll(() => simulator.close())

  paymentGatewayContract(
    "PayFiP (simulator)",
    () => payfipGatewayLayer(payfipSettings(simulator, "http://127.0.0.1:9")),
    async (operationId, outcome) => {
      const resultrans = outcome._tag === "Paid" ? (outcome.method === "card" ? "P" : "V") : outcome._tag === "Refused" ? "R" : "A"
      expect((await simulator.choose(operationId, resultrans)).status).toBe(303)
    }
  )

  it("sends the family to <serviceUrl>?idop=<idOp> and PayFiP the intent's fields", async () => {
    const gateway = payfipGatewayLayer(payfipSettings(simulator, "https://portail.example.fr"))
    const intent = aPaymentIntent({ status: "created", invoiceNumbers: ["F-2026-000001", "F-2026-000002"], amount: Cents.cents(1575) })
    const opened = await Effect.runPromise(Effect.provide(Effect.flatMap(PaymentGateway, (g) => g.initiate(intent)), gateway))
    expect(opened.redirectUrl).toBe(`${simulator.serviceUrl}?idop=${opened.operationId}`)
    expect(simulator.operations().find((o) => o.idOp === opened.operationId)?.fields).toEqual({
      exer: "2026",
      mel: "a.baud@arpege.fr",
      montant: "1575",
      numcli: "123456",
      objet: "Factures enfance F 2026 000001 F 2026 000002",
      refdet: "F2026000001F2026000002",
      saisie: "T",
      urlnotif: "https://portail.example.fr/payfip/notification",
      urlredirect: "https://portail.example.fr/payfip/retour?depuis=payfip"
    })
    expect(refdetOfIntent({ id: intent.id, invoiceNumbers: ["F-2026-000001", "F-2026-000002", "F-2026-000003"] })).toBe("pi1")
    expect(payfipPaymentPageUrl("https://x.fr/p?a=1", "id 1")).toBe("https://x.fr/p?a=1&idop=id%201")
  })

  it("refuses an amount outside €1–€100,000 before any SOAP call", async () => {
    const gateway = payfipGatewayLayer(payfipSettings(simulator, "https://portail.example.fr"))
    const before = simulator.soapCalls().length
    const errors = await Effect.runPromise(
      Effect.provide(
        Effect.all([50, 10_000_001].map((amount) => Effect.flip(Effect.flatMap(PaymentGateway, (g) => g.initiate(aPaymentIntent({ status: "created", amount: Cents.cents(amount) })))))),
        gateway
      )
    )
    expect(errors.map((e) => e._tag)).toEqual(["PaymentRequestRefused", "PaymentRequestRefused"])
    expect(errors[0]?.message).toContain("n'accepte pas cette demande")
    expect(errors[0]?.message).toContain("0,50 € ne peut pas être payé en ligne")
    expect(simulator.soapCalls()).toHaveLength(before)
  })

  it("maps a SOAP fault, a service down, an unreachable service and a silent one to PaymentGatewayUnavailable", async () => {
    const silent = createServer(() => undefined)
    const silentUrl = await listen(silent)
    const closed = createServer()
    const closedUrl = await listen(closed)
    await close(closed)
    const strict = await startPayfipSimulator({ numcli: "999999" })
    try {
      const initiate = (s: PayfipSettings) =>
        Effect.runPromise(Effect.provide(Effect.flip(Effect.flatMap(PaymentGateway, (g) => g.initiate(aPaymentIntent({ status: "created" })))), payfipGatewayLayer(s)))
      const base = payfipSettings(simulator, "https://portail.example.fr")
      const fault = await initiate(payfipSettings(strict, "https://portail.example.fr"))
      simulator.setDown(true)
      const down = await initiate(base)
      const confirmDown = await Effect.runPromise(
        Effect.provide(Effect.flip(Effect.flatMap(PaymentGateway, (g) => g.confirm("5b1e9c1a-0000-4000-8000-000000000000"))), payfipGatewayLayer(base))
      )
      simulator.setDown(false)
      const unreachable = await initiate(PayfipSettings.make({ ...base, soapUrl: `${closedUrl}/tpa/services/securite` }))
      const timeout = await initiate(PayfipSettings.make({ ...base, soapUrl: `${silentUrl}/tpa/services/securite`, timeoutMillis: 300 }))
      expect([fault, down, confirmDown, unreachable, timeout].map((e) => e._tag)).toEqual(Array(5).fill("PaymentGatewayUnavailable"))
      expect([fault.reason, down.reason, confirmDown.reason, unreachable.reason, timeout.reason]).toEqual([
        "PayFiP a répondu par une erreur à creerPaiementSecurise (code CLIENT : Numéro de client 123456 inconnu.).",
        "PayFiP a répondu HTTP 503",
        "PayFiP a répondu HTTP 503",
        "PayFiP est injoignable",
        "PayFiP n'a pas répondu en 1 s"
      ])
      expect(strict.operations()).toEqual([])
    } finally {
      simulator.setDown(false)
      await strict.close()
      await close(silent)
    }
  })
})

/** A portal on loopback: the core's use cases on in-memory ports, PayFiP's notification and return routes, the simulator. */
async function makeWorld(options: { notify?: SimulatorNotifyMode; invoice?: typeof march } = {}) {
  const clock = makeTestClock("2026-04-10T16:00:00Z")
  const simulator = await startPayfipSimulator({ now: clock.now, notify: options.notify ?? "normal", lateByMillis: 60_000 })
  const portal = createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (c: Buffer) => chunks.push(c))
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://portal")
      const handled =
        request.method === "POST" && url.pathname === "/payfip/notification"
          ? run(handlePayfipNotification(Buffer.concat(chunks).toString("utf8"))).then((a) => ({ status: a.status as number, body: a.body }))
          : run(handlePayfipReturn(url.search)).then((a) => ({ status: 200, body: JSON.stringify({ kind: a.kind, message: a.message }) }))
      void handled.then(({ status, body }) => {
        response.writeHead(status, { "content-type": "text/plain; charset=utf-8" })
        response.end(body)
      })
    })
  })
  const portalUrl = await listen(portal)
  const world = Layer.mergeAll(
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryPaymentRepository(),
    inMemoryPaymentIntentRepository(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    payfipGatewayLayer(payfipSettings(simulator, portalUrl)),
    clock.layer,
    sequentialIds()
  )
  type R = Layer.Layer.Success<typeof world>
  function run<A, E>(effect: Effect.Effect<A, E, R>): Promise<A> {
    return Effect.runPromise(Effect.provide(effect, world))
  }
  await run(Effect.flatMap(InvoiceRepository, (r) => r.add(options.invoice ?? march)))
  const starting = startOnlinePayment({ householdId: household, invoiceIds: [(options.invoice ?? march).id], payerEmail: "a.baud@arpege.fr" }, settings)
  const start = () => run(starting)
  const payments = () => run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(household)))
  const intentOf = (idOp: string) => run(Effect.flatMap(PaymentIntentRepository, (r) => r.byOperationId(idOp))).then(Option.getOrThrow)
  /** The family's browser: follows the redirect back to the portal and reads what the portal says. */
  const comeBack = async (location: string) => (await (await fetch(location)).json()) as { kind: string; message: string }
  const notify = (body: string) => fetch(`${portalUrl}/payfip/notification`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body })
  const dispose = async () => {
    await simulator.close()
    await close(portal)
  }
  return { clock, simulator, portalUrl, run, starting, start, payments, intentOf, comeBack, notify, dispose }
}

describe("paying an invoice through PayFiP, end to end on loopback", () => {
  const worlds: Array<Awaited<ReturnType<typeof makeWorld>>> = []
  const world = async (options: Parameters<typeof makeWorld>[0] = {}) => {
    const made = await makeWorld(options)
    worlds.push(made)
    return made
  }
  afterEach(async () => {
    for (const w of worlds.splice(0)) await w.dispose()
  })

  it("paid by card: the page offers the four choices, the notification records one payment, the return shows it", async () => {
    const w = await world()
    const intent = await w.start()
    expect([intent.status, intent.amount, intent.expiresAt]).toEqual(["pending", 1575, "2026-04-10T16:15:00.000Z"])
    const page = await (await fetch(intent.redirectUrl ?? "")).text()
    for (const label of ["Payer par carte", "Prélèvement", "Refuser", "Annuler", "15,75 €"]) expect(page).toContain(label)
    w.clock.advanceMinutes(2)
    const choice = await w.simulator.choose(intent.operationId ?? "", "P")
    expect(choice.status).toBe(303)
    expect(w.simulator.notifications().map((n) => n.status)).toEqual([200])
    expect((await w.intentOf(intent.operationId ?? "")).status).toBe("paid")
    const back = await w.comeBack(choice.location ?? "")
    expect(back).toEqual({ kind: "paid", message: "Votre paiement de 15,75 € est enregistré. Merci !" })
    const payments = await w.payments()
    expect(payments.map((p) => [p.amount, p.method, p.reference, p.idempotencyKey, p.receivedAt])).toEqual([
      [1575, "card", intent.operationId, `gateway:${intent.operationId}`, "2026-04-10T16:02:00.000Z"]
    ])
  })

  it("paid by direct debit", async () => {
    const w = await world()
    const intent = await w.start()
    await w.simulator.choose(intent.operationId ?? "", "V")
    expect((await w.payments()).map((p) => p.method)).toEqual(["directDebit"])
    expect((await w.intentOf(intent.operationId ?? "")).status).toBe("paid")
  })

  it("refused: no payment, the intent refused, the family told nothing was taken", async () => {
    const w = await world()
    const intent = await w.start()
    const choice = await w.simulator.choose(intent.operationId ?? "", "R")
    expect((await w.comeBack(choice.location ?? "")).kind).toBe("refused")
    expect((await w.intentOf(intent.operationId ?? "")).status).toBe("refused")
    expect(await w.payments()).toEqual([])
  })

  it("cancelled: no payment, the intent cancelled", async () => {
    const w = await world()
    const intent = await w.start()
    const choice = await w.simulator.choose(intent.operationId ?? "", "A")
    expect(await w.comeBack(choice.location ?? "")).toEqual({ kind: "cancelled", message: "Vous avez annulé le paiement ; rien n'a été débité. La facture reste à payer." })
    expect((await w.intentOf(intent.operationId ?? "")).status).toBe("cancelled")
    expect(await w.payments()).toEqual([])
  })

  it("expired after 15 minutes: the page refuses, nothing is notified, the intent expires without payment", async () => {
    const w = await world()
    const intent = await w.start()
    w.clock.advanceMinutes(15)
    expect((await fetch(intent.redirectUrl ?? "")).status).toBe(410)
    const choice = await w.simulator.choose(intent.operationId ?? "", "P")
    expect([choice.status, choice.location]).toEqual([410, undefined])
    expect(w.simulator.notifications()).toEqual([])
    expect((await w.run(expirePaymentIntents(w.clock.now()))).map((i) => i.status)).toEqual(["expired"])
    const confirmed = await w.run(confirmOnlinePayment(intent.operationId ?? ""))
    expect(confirmed.intent.status).toBe("expired")
    expect((await w.comeBack(`${w.portalUrl}/payfip/retour?idOp=${intent.operationId}`)).kind).toBe("expired")
    expect(await w.payments()).toEqual([])
  })

  it("a notification sent twice records one payment", async () => {
    const w = await world({ notify: "twice" })
    const intent = await w.start()
    const choice = await w.simulator.choose(intent.operationId ?? "", "P")
    expect(w.simulator.notifications().map((n) => n.status)).toEqual([200, 200])
    expect((await w.comeBack(choice.location ?? "")).kind).toBe("paid")
    expect((await w.payments()).length).toBe(1)
    expect((await w.intentOf(intent.operationId ?? "")).status).toBe("paid")
  })

  it("a notification after the redirect finds the payment already recorded, once", async () => {
    const w = await world({ notify: "late" })
    const intent = await w.start()
    const choice = await w.simulator.choose(intent.operationId ?? "", "P")
    expect(w.simulator.notifications()).toEqual([])
    expect((await w.comeBack(choice.location ?? "")).kind).toBe("paid")
    const first = await w.payments()
    await w.simulator.flushLateNotifications()
    expect(w.simulator.notifications().map((n) => n.status)).toEqual([200])
    expect(await w.payments()).toEqual(first)
    expect(first).toHaveLength(1)
  })

  it("a redirect with no notification records the payment all the same", async () => {
    const w = await world({ notify: "none" })
    const intent = await w.start()
    const choice = await w.simulator.choose(intent.operationId ?? "", "V")
    expect(choice.location).toBe(`${w.portalUrl}/payfip/retour?depuis=payfip&idOp=${intent.operationId}`)
    expect((await w.comeBack(choice.location ?? "")).kind).toBe("paid")
    expect(w.simulator.notifications()).toEqual([])
    expect((await w.payments()).map((p) => p.method)).toEqual(["directDebit"])
  })

  it("a forged notification changes nothing: unknown idOp 404, no idOp 400, a pending idOp stays pending", async () => {
    const w = await world()
    const intent = await w.start()
    const forged = await w.notify("idOp=5b1e9c1a-0000-4000-8000-000000000000")
    expect([forged.status, await forged.text()]).toEqual([
      404,
      "Aucun paiement en ligne ne correspond à l'opération 5b1e9c1a-0000-4000-8000-000000000000 ; rien n'a été enregistré. Si vous avez été débité, contactez la régie avec le justificatif de paiement."
    ])
    expect((await w.notify("montant=1575&resultrans=P")).status).toBe(400)
    const early = await w.notify(`idOp=${intent.operationId}&resultrans=P`)
    expect(early.status).toBe(200)
    expect((await w.intentOf(intent.operationId ?? "")).status).toBe("pending")
    expect((await w.comeBack(`${w.portalUrl}/payfip/retour?idOp=forged`)).kind).toBe("unknown")
    expect(await w.payments()).toEqual([])
  })

  it("an amount out of limits is refused before any SOAP call", async () => {
    const small = anInvoice({ id: "inv-small" as never, number: "F-2026-000009", lines: [anInvoiceLine({ amount: Cents.cents(50) })] })
    const w = await world({ invoice: small })
    const error = await w.run(Effect.flip(startOnlinePayment({ householdId: household, invoiceIds: [small.id], payerEmail: "a.baud@arpege.fr" }, settings)))
    expect(error._tag).toBe("PaymentAmountOutOfRange")
    expect(w.simulator.soapCalls()).toEqual([])
    expect(await w.payments()).toEqual([])
  })

  it("with the service down, the payment does not start (a pending one is given back without calling PayFiP), and a notification is answered 503 to be sent again", async () => {
    const w = await world()
    w.simulator.setDown(true)
    const error = await w.run(Effect.flip(w.starting))
    expect([error._tag, error.message]).toEqual([
      "PaymentGatewayUnavailable",
      "Le service de paiement en ligne ne répond pas (PayFiP a répondu HTTP 503) ; aucun paiement n'a été pris. Réessayez dans quelques minutes ou réglez au guichet de la régie."
    ])
    w.simulator.setDown(false)
    const intent = await w.start()
    w.simulator.setDown(true)
    expect((await w.run(w.starting)).id).toBe(intent.id)
    const open = await w.run(Effect.flatMap(PaymentIntentRepository, (r) => r.open))
    expect(open.map((i) => i.status).sort()).toEqual(["created", "pending"])
    const notified = await w.notify(`idOp=${intent.operationId}`)
    expect(notified.status).toBe(503)
    expect(await notified.text()).toContain("Le service de paiement en ligne ne répond pas (PayFiP a répondu HTTP 503)")
    w.simulator.setDown(false)
    await w.simulator.choose(intent.operationId ?? "", "P")
    expect((await w.payments()).length).toBe(1)
  })
})
