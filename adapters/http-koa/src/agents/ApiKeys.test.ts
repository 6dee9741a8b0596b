import { AuditLog, listIntegrationKeys } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ApiClient } from "../api/testing/ApiClient.js"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const page = "/agents/integrations/cles"

const fieldError = (html: string, id: string) => new RegExp(`id="${id}-erreur"><span class="visually-hidden">Erreur : </span>([^<]*)<`).exec(html)?.[1]?.replace(/&#x27;/g, "'")

describe("the administrators' integration keys page", () => {
  let t: TestPortal
  const keys = () => t.demo.runtime.runPromise(listIntegrationKeys)
  const latestAudit = async () => (await t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({}))))[0]

  beforeAll(async () => {
    t = await startTestPortal()
  })

  afterAll(async () => {
    await t.close()
  })

  it("sends a visitor to the agents' login, refuses families and every role but the administrator's", async () => {
    const visitor = await new BrowserLikeClient(t.url).get(page)
    expect(visitor.status).toBe(303)
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Fintegrations%2Fcles")
    const family = await t.familyClient()
    expect((await family.get(page)).status).toBe(403)
    for (const role of ["reader", "agent", "billing"] as const) {
      const refused = await (await t.agentClient(role)).get(page)
      expect(refused.status).toBe(403)
      expect(textOf(refused.body)).toContain("gérer les comptes")
    }
    const shown = await (await t.agentClient("admin")).get(page)
    expect(shown.status).toBe(200)
    expect(textOf(shown.body)).toContain("Aucune clé d'API n'a encore été créée.")
    expect(shown.body).toContain('href="/agents/integrations/webhooks"')
    const webhooks = await (await t.agentClient("admin")).get("/agents/integrations/webhooks")
    expect(webhooks.body).toContain(`href="${page}"`)
  })

  it("refuses a key without a name or a scope, next to each field, keeping what was ticked, creating nothing", async () => {
    const admin = await t.agentClient("admin")
    const refused = await admin.submit(page, page, { nom: "", "droit-billing-read": "oui" })
    expect(refused.status).toBe(400)
    expect(fieldError(refused.body, "nom")).toMatch(/^Donnez un nom/)
    expect(refused.body).toMatch(/name="droit-billing-read" value="oui" checked/)
    const noScope = await admin.submit(page, page, { nom: "Progiciel financier" })
    expect(noScope.status).toBe(400)
    expect(fieldError(noScope.body, "droits")).toBe("Cochez au moins un droit pour cette clé.")
    expect(noScope.body).toContain('value="Progiciel financier"')
    expect(await keys()).toEqual([])
    expect((await latestAudit())?.outcome).toBe("refused")
  })

  it("refuses a role without the permission at the core, journals the refusal, and creates nothing", async () => {
    const billing = await t.agentClient("billing")
    const refused = await billing.submit("/agents", page, { nom: "ERP", "droit-billing-read": "oui" })
    expect(refused.status).toBe(403)
    expect(await keys()).toEqual([])
    expect(await latestAudit()).toMatchObject({ action: "integrations.keys.create", actorRole: "billing", outcome: "denied" })
  })

  it("creates a key with its scopes, shows the token once, lists it with its prefix and last use, and it opens the agents' API", async () => {
    const admin = await t.agentClient("admin")
    const created = await admin.submit(page, page, { nom: "Progiciel financier", "droit-billing-read": "oui", "droit-payments-write": "oui" })
    expect(created.status).toBe(201)
    const [key] = await keys()
    expect(key?.holder).toMatchObject({ _tag: "Integration", scopes: ["billing:read", "payments:write"] })
    const token = /value="(spe_[a-z0-9]{8}_[0-9a-f]{64})"/.exec(created.body)?.[1]
    expect(token?.slice(4, 12)).toBe(key?.prefix)
    expect(created.body).toContain('role="status"')
    expect(textOf(created.body)).toContain("elle ne sera plus jamais affichée")
    expect(await latestAudit()).toMatchObject({ action: "integrations.keys.create", actorRole: "admin", outcome: "done", target: { kind: "api-key", id: "Progiciel financier" } })
    const api = new ApiClient(t.url, { token: token ?? "" })
    expect((await api.get("/api/v1/admin/invoices?limit=1")).status).toBe(200)
    const listed = await admin.get(page)
    expect(listed.body).not.toContain(token)
    const list = textOf(listed.body)
    expect(list).toContain(`Progiciel financier spe_${key?.prefix}_…`)
    expect(list).toContain("lire les factures, les avoirs et les paiements billing:read")
    expect(list).toContain("Active")
    expect(list).toContain("Dernier appel le")
  })

  it("revokes a key (journaled): it stops opening the API; an unknown key answers 404", async () => {
    const admin = await t.agentClient("admin")
    const [key] = await keys()
    const revoked = await admin.submit(page, `${page}/${key?.id}/revoquer`, {})
    expect(revoked.status).toBe(303)
    expect(revoked.location).toBe(`${page}?message=revoquee`)
    const after = await admin.get(revoked.location ?? page)
    expect(textOf(after.body)).toContain("La clé est révoquée")
    expect(textOf(after.body)).toContain("Révoquée")
    expect((await keys())[0]?.revokedAt).toBeDefined()
    expect(await latestAudit()).toMatchObject({ action: "integrations.keys.revoke", outcome: "done", target: { kind: "api-key", id: key?.id } })
    const unknown = await admin.submit(page, `${page}/key-inconnue/revoquer`, {})
    expect(unknown.status).toBe(404)
  })
})
