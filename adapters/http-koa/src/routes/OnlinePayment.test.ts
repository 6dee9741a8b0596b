import { Cents, type HouseholdId, Instant, loadHouseholdAccount, PaymentRepository } from "@spe/core"
import { payfipGatewayLayer, PayfipSettings, type PayfipSimulator, startPayfipSimulator } from "@spe/payment"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const euros = (cents: number): string => Cents.formatEuros(Cents.cents(cents))

describe("paying an invoice through PayFiP (the local simulator), end to end over HTTP", () => {
  let simulator: PayfipSimulator
  let t: TestPortal
  let householdId: HouseholdId
  beforeAll(async () => {
    let now: () => Instant.Instant = () => Instant.unsafe(new Date().toISOString())
    simulator = await startPayfipSimulator({ numcli: "123456", now: () => now() })
    t = await startTestPortal({
      gateway: (portalUrl) =>
        payfipGatewayLayer(
          PayfipSettings.make({
            numcli: "123456",
            saisie: "T",
            soapUrl: simulator.soapUrl,
            serviceUrl: simulator.serviceUrl,
            notificationUrl: `${portalUrl}/paiement/payfip/notification`,
            returnUrl: `${portalUrl}/paiement/payfip/retour`,
            timeoutMillis: 5000
          })
        )
    })
    now = t.world.clock.now
    householdId = await t.householdId("FAM-000101")
  })
  afterAll(async () => {
    await t.close()
    await simulator.close()
  })

  it("sends the family to PayFiP, records the payment notified, and shows it paid when the family comes back", async () => {
    const family = new BrowserLikeClient(t.url)
    expect((await family.submit("/", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })).location).toBe("/mon-espace")
    expect((await family.get("/paiement/bac-a-sable?idop=x")).status).toBe(404)

    const started = await family.submit("/mon-espace/factures/fac-6", "/mon-espace/factures/fac-6/payer", {})
    expect(started.status).toBe(303)
    const location = started.location ?? ""
    expect(location.startsWith(`${simulator.serviceUrl}?idop=`)).toBe(true)
    const operation = simulator.operations().at(-1)
    expect(operation?.fields).toMatchObject({ montant: "12137", refdet: "F2026000006", mel: "a.baud@arpege.fr", numcli: "123456", saisie: "T" })

    const payfipPage = await family.get(location)
    expect(payfipPage.status).toBe(200)
    expect(textOf(payfipPage.body)).toContain(euros(12137))
    const action = /<form method="post" action="([^"]+)"/.exec(payfipPage.body)?.[1] ?? ""
    const idop = /name="idop" value="([^"]+)"/.exec(payfipPage.body)?.[1] ?? ""
    expect(idop).toBe(operation?.idOp)

    const chosen = await family.post(new URL(action, simulator.url).toString(), { idop, resultrans: "P" })
    expect(chosen.status).toBe(303)
    expect(chosen.location).toBe(`${t.url}/paiement/payfip/retour?idOp=${idop}`)
    expect(simulator.notifications().filter((n) => n.idOp === idop).map((n) => n.status)).toEqual([200])

    const back = await family.get(chosen.location ?? "")
    expect(back.status).toBe(200)
    expect(textOf(back.body)).toContain(`Votre paiement de ${euros(12137)} est enregistré. Merci !`)
    expect(back.body).toMatch(/href="\/mon-espace\/paiements\/[^"]+\/recu"/)

    const payments = await t.demo.runtime.runPromise(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(householdId)))
    expect(payments.filter((p) => p.reference === idop).map((p) => [p.method, p.amount])).toEqual([["card", 12137]])
    const account = await t.demo.runtime.runPromise(loadHouseholdAccount(householdId))
    expect(account.invoices.find((s) => s.invoice.number === "F-2026-000006")?.status).toBe("paid")
    expect(textOf((await family.get("/mon-espace/factures")).body)).toContain(`F-2026-000006 octobre 2026 mardi 3 novembre 2026 jeudi 3 décembre 2026 ${euros(12137)} ${euros(12137)} ${euros(0)} Payée`)
  })
})
