import { AuditLog } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoAgentLogins, demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

let t: TestPortal

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

describe("the agents' door", () => {
  it("sends a visitor of a back-office page to the agents' login, then back there", async () => {
    const browser = new BrowserLikeClient(t.url)
    const page = await browser.get("/agents")
    expect(page.status).toBe(303)
    expect(page.location).toBe("/agents/connexion?suite=%2Fagents")
    const login = await browser.get("/agents/connexion?suite=%2Fagents%2Fdemandes")
    expect(login.status).toBe(200)
    expect(textOf(login.body)).toContain("Connexion des agents")
    expect(login.body).toContain('name="suite" value="/agents/demandes"')
    expect((await browser.get("/agents/connexion?suite=%2Fmon-espace")).body).not.toContain('name="suite"')
    const answer = await browser.submit("/agents/connexion", "/agents/connexion", {
      identifiant: demoAgentLogins.agent,
      motDePasse: "Service-Population-76",
      suite: "/agents/demandes"
    })
    expect(answer.location).toBe("/agents/demandes")
  })

  it("shows the agent's name, role and only the sections the role allows", async () => {
    const agent = await t.agentClient("agent")
    const home = textOf((await agent.get("/agents")).body)
    expect(home).toContain("Espace agents")
    expect(home).toContain("Claire DUBOIS (agent du Service à la Population)")
    for (const section of ["Foyers", "Demandes", "Justificatifs", "Pointage", "Listes d'attente", "Facturation", "Tableaux de bord"]) expect(home).toContain(section)
    expect(home).not.toContain("Journal")
    expect(home).not.toContain("Tarifs")
    const reader = textOf((await (await t.agentClient("reader")).get("/agents")).body)
    expect(reader).toContain("consultation")
    expect(reader).not.toContain("Pointage")
    const admin = textOf((await (await t.agentClient("admin")).get("/agents")).body)
    for (const section of ["Journal", "Tarifs", "Calendrier", "Activités", "Pointage", "Facturation"]) expect(admin).toContain(section)
  })

  it("refuses a family's account at the agents' login with the same message as wrong credentials, and in the back office", async () => {
    const browser = new BrowserLikeClient(t.url)
    const family = await browser.submit("/agents/connexion", "/agents/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })
    const wrong = await new BrowserLikeClient(t.url).submit("/agents/connexion", "/agents/connexion", { identifiant: demoAgentLogins.agent, motDePasse: "Pas-le-bon-1" })
    expect(family.status).toBe(400)
    expect(wrong.status).toBe(400)
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0]
    expect(message(family.body)).toBe(message(wrong.body))
    expect(browser.cookies.get("spe_session")).toBeUndefined()
    const logged = await t.familyClient()
    const refused = await logged.get("/agents")
    expect(refused.status).toBe(403)
    expect(textOf(refused.body)).toContain("Cet espace est réservé aux agents de la commune.")
  })

  it("sends an agent who logs in on the families' page, or opens \"Mon espace\", to the back office", async () => {
    const browser = new BrowserLikeClient(t.url)
    const answer = await browser.submit("/", "/connexion", { identifiant: demoAgentLogins.billing, motDePasse: "Service-Population-76" })
    expect(answer.location).toBe("/agents")
    expect((await browser.get("/mon-espace")).location).toBe("/agents")
    expect((await browser.get("/")).location).toBe("/agents")
  })

  it("marks the current section in the menu for screen readers", async () => {
    const admin = await t.agentClient("admin")
    const home = await admin.get("/agents")
    expect(home.body).toMatch(/<a href="\/agents" aria-current="page">Accueil<\/a>/)
    expect(home.body).not.toMatch(/aria-current="page">Foyers/)
  })

  it("writes nothing in the agents' journal for reading pages", async () => {
    const before = await t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
    await (await t.agentClient("admin")).get("/agents")
    const after = await t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
    expect(after.length).toBe(before.length)
  })
})
