import {
  AccountId,
  AgentActor,
  AuditLog,
  Clock,
  createWebhookSubscription,
  deliverEvents,
  EventOutbox,
  RetryPolicy,
  WebhookSubscriptionRepository
} from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const page = "/agents/integrations/webhooks"

const adminActor = new AgentActor({ accountId: AccountId.make("acc-admin"), displayName: "Administrateur", role: "admin" })

const subscriptions = (t: TestPortal) => t.demo.runtime.runPromise(Effect.flatMap(WebhookSubscriptionRepository, (r) => r.list))
const audit = (t: TestPortal) => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const latestAudit = async (t: TestPortal) => (await audit(t))[0]
const fieldError = (html: string, id: string) => new RegExp(`id="${id}-erreur"><span class="visually-hidden">Erreur : </span>([^<]*)<`).exec(html)?.[1]?.replace(/&#x27;/g, "'")

describe("the administrators' webhooks page", () => {
  let t: TestPortal

  beforeAll(async () => {
    t = await startTestPortal()
  })

  afterAll(async () => {
    await t.close()
  })

  it("sends a visitor to the agents' login, refuses families and every role but the administrator's", async () => {
    const visitor = await new BrowserLikeClient(t.url).get(page)
    expect(visitor.status).toBe(303)
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Fintegrations%2Fwebhooks")
    const family = await t.familyClient()
    expect((await family.get(page)).status).toBe(403)
    expect((await family.submit("/mon-espace", page, { adresse: "https://a.example.fr/", "evenement-invoice-issued": "oui" })).status).toBe(403)
    for (const role of ["reader", "agent", "billing"] as const) {
      const agent = await t.agentClient(role)
      const refused = await agent.get(page)
      expect(refused.status).toBe(403)
      expect(textOf(refused.body)).toContain("gérer les comptes")
      expect(textOf((await agent.get("/agents")).body)).not.toContain("Intégrations")
    }
    const admin = await t.agentClient("admin")
    const shown = await admin.get(page)
    expect(shown.status).toBe(200)
    expect(shown.body).toMatch(/<a href="\/agents\/integrations\/webhooks" aria-current="page">Intégrations<\/a>/)
    expect(textOf(shown.body)).toContain("Aucun logiciel n'est encore abonné aux événements.")
  })

  it("creates a subscription, shows its secret once, lists it, and journals it without the secret", async () => {
    const admin = await t.agentClient("admin")
    const created = await admin.submit(page, page, {
      adresse: "https://logiciel.mairie-example.fr/webhooks/espace-citoyen",
      "evenement-invoice-issued": "oui",
      "evenement-payment-recorded": "oui"
    })
    expect(created.status).toBe(201)
    const [subscription] = await subscriptions(t)
    expect(subscription).toMatchObject({
      url: "https://logiciel.mairie-example.fr/webhooks/espace-citoyen",
      eventTypes: ["invoice.issued", "payment.recorded"],
      active: true
    })
    expect(created.body).toContain('role="status"')
    expect(created.body).toContain(`value="${subscription?.secret}"`)
    expect(textOf(created.body)).toContain("il ne sera plus jamais affiché")
    const listed = await admin.get(page)
    expect(listed.body).not.toContain(subscription?.secret)
    const list = textOf(listed.body)
    expect(list).toContain("https://logiciel.mairie-example.fr/webhooks/espace-citoyen")
    expect(list).toContain("Facture émise")
    expect(list).toContain("Paiement enregistré")
    expect(list).toContain("Actif")
    const record = await latestAudit(t)
    expect(record).toMatchObject({
      action: "webhooks.create",
      actorRole: "admin",
      outcome: "done",
      target: { kind: "webhook", id: "https://logiciel.mairie-example.fr/webhooks/espace-citoyen" },
      before: null,
      after: { url: "https://logiciel.mairie-example.fr/webhooks/espace-citoyen", eventTypes: ["invoice.issued", "payment.recorded"], active: true }
    })
    expect(JSON.stringify(record)).not.toContain(subscription?.secret)
    for (const s of await subscriptions(t)) await t.demo.runtime.runPromise(Effect.flatMap(WebhookSubscriptionRepository, (r) => r.remove(s.id)))
  })

  it("refuses a plain http address and no event, next to each field, keeping what was typed, creating nothing", async () => {
    const admin = await t.agentClient("admin")
    const plain = await admin.submit(page, page, { adresse: "http://logiciel.mairie-example.fr/hooks", "evenement-reservation-changed": "oui" })
    expect(plain.status).toBe(400)
    expect(fieldError(plain.body, "adresse")).toBe("L'adresse doit commencer par https:// : les événements contiennent des données des familles et ne circulent que chiffrés.")
    expect(plain.body).toContain('value="http://logiciel.mairie-example.fr/hooks"')
    expect(plain.body).toMatch(/name="evenement-reservation-changed" value="oui" checked/)
    const none = await admin.submit(page, page, { adresse: "https://logiciel.mairie-example.fr/hooks" })
    expect(none.status).toBe(400)
    expect(fieldError(none.body, "evenements")).toBe("Choisissez au moins un type d'événement à recevoir.")
    expect(none.body).toContain('<a href="#evenements">')
    expect(await subscriptions(t)).toEqual([])
    expect((await latestAudit(t))?.outcome).toBe("refused")
  })

  it("refuses a role without the permission at the core, journals the refusal, and changes nothing", async () => {
    const billing = await t.agentClient("billing")
    const refused = await billing.submit("/agents", page, { adresse: "https://a.example.fr/", "evenement-invoice-issued": "oui" })
    expect(refused.status).toBe(403)
    expect(await subscriptions(t)).toEqual([])
    expect(await latestAudit(t)).toMatchObject({ action: "webhooks.create", actorRole: "billing", outcome: "denied" })
  })

  it("disables, reactivates and deletes a subscription, each journaled; an unknown one answers 404", async () => {
    const admin = await t.agentClient("admin")
    const created = await t.demo.runtime.runPromise(
      createWebhookSubscription(adminActor, { url: "https://stats.mairie-example.fr/hooks", eventTypes: ["request.status_changed"] })
    )
    const id = created.subscription.id
    const billing = await t.agentClient("billing")
    expect((await billing.submit("/agents", `${page}/${id}/desactiver`, {})).status).toBe(403)
    expect(await latestAudit(t)).toMatchObject({ action: "webhooks.disable", outcome: "denied", target: { id } })
    const disabled = await admin.submit(page, `${page}/${id}/desactiver`, {})
    expect([disabled.status, disabled.location]).toEqual([303, `${page}?message=desactive`])
    const afterDisable = textOf((await admin.get(disabled.location ?? page)).body)
    expect(afterDisable).toContain("L'abonnement est désactivé : il ne reçoit plus aucun événement jusqu'à ce que vous le réactiviez.")
    expect(afterDisable).toContain("Désactivé")
    expect(afterDisable).toContain("Réactiver l'abonnement https://stats.mairie-example.fr/hooks")
    expect(await latestAudit(t)).toMatchObject({ action: "webhooks.disable", outcome: "done", before: { active: true }, after: { active: false } })
    const enabled = await admin.submit(page, `${page}/${id}/reactiver`, {})
    expect(enabled.location).toBe(`${page}?message=reactive`)
    expect((await subscriptions(t)).map((s) => s.active)).toEqual([true])
    const removed = await admin.submit(page, `${page}/${id}/supprimer`, {})
    expect(removed.location).toBe(`${page}?message=supprime`)
    expect(await subscriptions(t)).toEqual([])
    expect(await latestAudit(t)).toMatchObject({ action: "webhooks.delete", outcome: "done", target: { kind: "webhook", id }, after: null })
    const unknown = await admin.submit(page, `${page}/${id}/supprimer`, {})
    expect(unknown.status).toBe(404)
    expect(textOf(unknown.body)).toContain(`Aucun abonnement aux webhooks ne porte l'identifiant ${id}.`)
  })
})

describe("the recent deliveries and failures on the webhooks page", () => {
  let t: TestPortal

  beforeAll(async () => {
    t = await startTestPortal()
  })

  afterAll(async () => {
    await t.close()
  })

  it("shows the events the town's use cases published, delivered, waiting for a new try, or given up with the last error", async () => {
    const admin = await t.agentClient("admin")
    const before = textOf((await admin.get(page)).body)
    expect(before).toMatch(/(Facture émise|Paiement enregistré|Changement d'état d'une demande|Changement d'une réservation) evt-\d+/)
    expect(before).toContain("Pas encore envoyé.")
    const receiver = "https://recepteur.mairie-example.fr/hooks"
    t.demo.webhooks.answer(receiver, 500)
    await t.demo.runtime.runPromise(createWebhookSubscription(adminActor, { url: receiver, eventTypes: ["request.status_changed"] }))
    const run = (policy: RetryPolicy) =>
      t.demo.runtime.runPromise(Effect.flatMap(Effect.flatMap(Clock, (c) => c.now), (now) => deliverEvents(now, 10_000, policy)))
    const giveUpAtOnce = new RetryPolicy({ firstDelaySeconds: 60, multiplier: 1, maxDelaySeconds: 60, maxAttempts: 1 })
    const report = await run(giveUpAtOnce)
    expect(report.failed.length).toBeGreaterThan(0)
    expect(report.delivered.length).toBeGreaterThan(0)
    expect(t.demo.webhooks.requests().every((r) => r.url === receiver && r.headers["Spe-Event-Type"] === "request.status_changed")).toBe(true)
    const failed = await admin.get(`${page}?etat=failed`)
    expect(failed.status).toBe(200)
    const failedText = textOf(failed.body)
    expect(failedText).toContain("Changement d'état d'une demande")
    expect(failedText).toContain("Abandonné")
    expect(failedText).toContain(`Dernière erreur : ${receiver} : réponse HTTP 500`)
    expect(failedText).not.toMatch(/Facture émise evt-/)
    expect(failed.body).toMatch(/<option value="failed" selected>/)
    const delivered = textOf((await admin.get(`${page}?etat=delivered`)).body)
    expect(delivered).toContain("à 0 abonnement(s)")
    expect(delivered).not.toContain("Dernière erreur")
    const listed = await t.demo.runtime.runPromise(Effect.flatMap(EventOutbox, (o) => o.list({ status: "pending" })))
    expect(listed).toEqual([])
    expect(textOf((await admin.get(`${page}?etat=pending`)).body)).toContain("Aucun événement dans cet état.")
  })
})
