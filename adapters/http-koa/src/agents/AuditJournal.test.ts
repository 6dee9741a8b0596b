import { AccountId, AgentActor, AuditLog, InvoiceId, InvoiceRepository, sendInvoiceToTreasuryByAgent } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

let t: TestPortal
let invoicePage = ""

beforeAll(async () => {
  t = await startTestPortal()
  const [invoice] = await t.demo.runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.search({ number: "F-2026-000002" })))
  invoicePage = `/agents/factures/${invoice?.id}`
})

afterAll(async () => {
  await t.close()
})

const records = (html: string) => {
  const text = textOf(html)
  return text.slice(text.indexOf("Actions enregistrées, les plus récentes d'abord"))
}
const decoded = (html: string) => html.replace(/&#x3D;/g, "=").replace(/&amp;/g, "&")

const journal = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))

describe("the agents' journal", () => {
  it("shows the administrator the actions just made: who, when in Paris time, what, on what, the outcome, the reason and the fields changed", async () => {
    const reader = await t.agentClient("reader")
    expect((await reader.post(`${invoicePage}/tresor`, {}, { csrf: csrfTokenIn((await reader.get(invoicePage)).body) })).status).toBe(403)
    const billing = await t.agentClient("billing")
    expect((await billing.post(`${invoicePage}/tresor`, {}, { csrf: csrfTokenIn((await billing.get(invoicePage)).body) })).status).toBe(303)

    const admin = await t.agentClient("admin")
    const page = await admin.get("/agents/journal")
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Journal des actions des agents")
    const done = text.indexOf("Transmission d'une facture au Trésor public effectuée")
    const denied = text.indexOf("Transmission d'une facture au Trésor public refusée : droit manquant")
    expect(done).toBeGreaterThan(-1)
    expect(denied).toBeGreaterThan(done)
    const record = text.slice(done, denied)
    for (const words of [
      "Qui Marc LEROY (régie et facturation)",
      "Quand jeudi 26 novembre 2026 à 09:00",
      "billing.sendToTreasury – droit « lancer la facturation »",
      "status partlyPaid sentToTreasury",
      "sentToTreasuryOn null 2026-11-26",
      "transmission.sentOn – 2026-11-26"
    ]) {
      expect(record).toContain(words)
    }
    expect(page.body).toContain(`<a href="${invoicePage}" class="reference">`)
    expect(text.slice(denied)).toContain("Qui Lise LECTURE (consultation)")
    expect(text.slice(denied)).toContain("Motif du refus Votre rôle « consultation » ne permet pas de lancer la facturation")
    expect(records(page.body)).toContain("Acceptation d'une demande")
  })

  it("filters by action, outcome, agent, target and period", async () => {
    const admin = await t.agentClient("admin")
    const byAction = records((await admin.get("/agents/journal?action=billing.sendToTreasury")).body)
    expect(byAction.match(/Transmission d'une facture au Trésor public (effectuée|refusée)/g)).toHaveLength(2)
    expect(byAction).not.toContain("Acceptation d'une demande")
    const deniedOnly = records((await admin.get("/agents/journal?action=billing.sendToTreasury&resultat=denied")).body)
    expect(deniedOnly.match(/Transmission d'une facture au Trésor public/g)).toHaveLength(1)
    const page = await admin.get("/agents/journal")
    expect(page.body).toMatch(/<option value="acc-lecture-test">Lise LECTURE \(consultation\)<\/option>/)
    const byAgent = records((await admin.get("/agents/journal?agent=acc-lecture-test")).body)
    expect(byAgent).toContain("Lise LECTURE")
    expect(byAgent).not.toContain("Marc LEROY")
    const invoiceId = invoicePage.split("/").at(-1) ?? ""
    const byTarget = records((await admin.get(`/agents/journal?cible=invoice&identifiant=${invoiceId}`)).body)
    expect(byTarget.match(/Transmission d'une facture au Trésor public/g)).toHaveLength(2)
    const today = records((await admin.get("/agents/journal?du=2026-11-26&au=2026-11-26")).body)
    expect(today).toContain("Transmission d'une facture au Trésor public")
    expect(today).not.toContain("Acceptation d'une demande")
    const before = records((await admin.get("/agents/journal?au=2026-11-25")).body)
    expect(before).not.toContain("Transmission d'une facture au Trésor public")
    expect(before).toContain("Acceptation d'une demande")
  })

  it("pages through the journal, 50 records a page, newest first", async () => {
    const reader = new AgentActor({ accountId: AccountId.make("acc-lecture-test"), displayName: "Lise LECTURE", role: "reader" })
    const invoiceId = invoicePage.split("/").at(-1) ?? ""
    for (let i = 0; i < 55; i++) {
      await t.demo.runtime.runPromise(Effect.either(sendInvoiceToTreasuryByAgent(reader, { invoiceId: InvoiceId.make(invoiceId) })))
    }
    const admin = await t.agentClient("admin")
    const first = await admin.get("/agents/journal?resultat=denied")
    expect(first.body.match(/<li class="card audit-record/g)).toHaveLength(50)
    expect(decoded(first.body)).toContain('href="/agents/journal?resultat=denied&page=2" rel="next"')
    const second = await admin.get("/agents/journal?resultat=denied&page=2")
    const all = (await journal()).filter((r) => r.outcome === "denied")
    expect(second.body.match(/<li class="card audit-record/g)).toHaveLength(all.length - 50)
    expect(second.body).toContain('rel="prev"')
  })

  it("refuses a date or an outcome that is not one, next to the field", async () => {
    const admin = await t.agentClient("admin")
    const wrong = await admin.get("/agents/journal?du=hier&resultat=peut-etre")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="du-erreur"[^>]*>.*Écrivez une date/)
    expect(wrong.body).toMatch(/id="resultat-erreur"[^>]*>.*Choisissez un résultat dans la liste/)
  })

  it("is the administrators' only: other roles and families get 403, visitors the login", async () => {
    for (const role of ["reader", "agent", "billing"] as const) {
      const answer = await (await t.agentClient(role)).get("/agents/journal")
      expect(answer.status).toBe(403)
      expect(textOf(answer.body)).toContain("ne permet pas de consulter le journal des actions des agents")
    }
    expect((await (await t.familyClient()).get("/agents/journal")).status).toBe(403)
    const visitor = await new BrowserLikeClient(t.url).get("/agents/journal")
    expect([visitor.status, visitor.location]).toEqual([303, "/agents/connexion?suite=%2Fagents%2Fjournal"])
  })
})
