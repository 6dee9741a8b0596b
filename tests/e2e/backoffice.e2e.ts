import { mkdirSync } from "node:fs"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { launchChromium } from "./support/chromium.js"
import { activationCredentialsOf, logIn, mainText } from "./support/family.js"
import { artifacts, checkPage } from "./support/pageChecks.js"

/**
 * The town's loop, in Chromium on the demo town served as `npm start` serves it: an agent creates a
 * household, the family activates its account from the mail and asks for enrollment, the agent
 * accepts (the family's open request page follows live), the family books, the agent takes the
 * roll-call, runs and issues the month, and the family sees its invoice. Every agent page is checked
 * with axe-core (WCAG 2.1 AA), at 1280 px, and again at 360 px.
 */
describe("the agents run the service for a new family", () => {
  const url = inject("demoUrl")
  const family = { email: "famille.nouvelle@example.org", login: "famille.nouvelle", password: "Nouvelle-Famille-2026", child: "Zoé" }
  const agentPages: Array<{ readonly name: string; readonly path: string }> = []
  let browser: Browser
  let office: BrowserContext
  let home: BrowserContext
  let agent: Page
  let parent: Page

  const checkAgent = async (name: string) => {
    await checkPage(agent, name)
    const at = new URL(agent.url())
    if (!agentPages.some((p) => p.name === name)) agentPages.push({ name, path: at.pathname + at.search })
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    browser = await launchChromium()
    office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" })
    home = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: "fr-FR" })
    agent = await office.newPage()
    parent = await home.newPage()
  })

  afterAll(async () => {
    await office?.close()
    await home?.close()
    await browser?.close()
  })

  it("an agent creates the household; the family receives its identifiers by mail", async () => {
    await agent.goto(`${url}/agents/connexion`)
    await checkAgent("agents-connexion")
    await agent.getByLabel("Identifiant").fill("admin.demo")
    await agent.getByLabel("Mot de passe").fill("Service-Population-76")
    await agent.getByRole("button", { name: "Connexion" }).click()
    await agent.waitForURL(`${url}/agents`)
    await checkAgent("agents-accueil")
    await agent.getByRole("navigation", { name: "Espace agents" }).getByRole("link", { name: "Foyers", exact: true }).first().click()
    await agent.waitForLoadState()
    await checkAgent("agents-foyers")
    await agent.goto(`${url}/agents/foyers/nouveau`)
    await checkAgent("agents-foyer-nouveau")
    await agent.getByLabel("Nom de la famille").fill("NOUVELLE")
    await agent.getByLabel("Adresse (numéro et rue)").fill("3 rue des Écoles")
    await agent.getByLabel("Code postal").fill("76320")
    await agent.getByLabel("Commune").fill("Saint-Pierre-lès-Elbeuf")
    await agent.getByLabel("Adresse e-mail du foyer").fill(family.email)
    await agent.locator('input[name="adulte1-prenom"]').fill("Inès")
    await agent.locator('input[name="adulte1-nom"]').fill("NOUVELLE")
    await agent.locator('input[name="adulte1-lien"]').fill("Mère")
    await agent.locator('input[name="enfant1-prenom"]').fill(family.child)
    await agent.locator('input[name="enfant1-nom"]').fill("NOUVELLE")
    await agent.locator('input[name="enfant1-naissance"]').fill("2018-05-12")
    await agent.locator('input[name="enfant1-ecole"]').fill("École élémentaire")
    await agent.locator('select[name="enfant1-niveau"]').selectOption("CE2")
    await agent.getByRole("button", { name: "Créer le foyer et envoyer les identifiants" }).click()
    await agent.waitForLoadState()
    expect(await mainText(agent)).toContain("NOUVELLE")
    await checkAgent("agents-foyer")
  })

  it("the family activates its account and asks for enrollment in the canteen", async () => {
    const credentials = await activationCredentialsOf(parent, url, family.email)
    await logIn(parent, url, credentials.login, credentials.password)
    await parent.getByLabel("Mot de passe reçu par mail").fill(credentials.password)
    await parent.getByLabel("Nouvel identifiant").fill(family.login)
    await parent.getByLabel("Nouveau mot de passe", { exact: true }).fill(family.password)
    await parent.getByLabel("Confirmez le nouveau mot de passe").fill(family.password)
    await parent.getByRole("button", { name: "Enregistrer mes identifiants" }).click()
    await parent.waitForURL(/\/mon-espace/)
    await parent.goto(`${url}/mon-espace/dossier-unique`)
    await checkPage(parent, "dossier-unique")
    await parent.locator('input[type="radio"][name="enfant"]').first().check()
    await parent.locator('input[name="annee"]').first().check()
    await parent.locator('fieldset:has(legend:text-is("Services"))').getByLabel(/Restauration scolaire/).check()
    await parent.getByRole("button", { name: "Envoyer le dossier" }).click()
    await parent.waitForLoadState()
    expect(parent.url()).toMatch(/\/mon-espace\/demandes/)
    await checkPage(parent, "dossier-unique-envoye")
  })

  it("the agent accepts the request, and the family's open page shows it without reloading", async () => {
    if (!/\/mon-espace\/demandes\/[^/]+$/.test(new URL(parent.url()).pathname)) {
      await parent.locator("main a[href^='/mon-espace/demandes/']:not([href$='/nouvelle'])").first().click()
      await parent.waitForLoadState()
    }
    const before = await mainText(parent)
    await agent.goto(`${url}/agents/demandes`)
    await checkAgent("agents-demandes")
    await agent.locator("tr", { hasText: "NOUVELLE" }).locator("a[href^='/agents/demandes/']").first().click()
    await agent.waitForLoadState()
    await checkAgent("agents-demande")
    await agent.getByLabel("Message à la famille").fill("Inscription acceptée : vous pouvez réserver.")
    await agent.getByRole("button", { name: "Accepter la demande" }).click()
    await agent.waitForLoadState()
    expect(await mainText(agent)).toMatch(/[Aa]ccept/)
    await parent.getByText("Inscription acceptée : vous pouvez réserver.").first().waitFor({ timeout: 20_000 })
    expect(before).not.toContain("Inscription acceptée")
  })

  it("the family books canteen days", async () => {
    await parent.goto(`${url}/mon-espace/reservations?mois=2026-12`)
    const canteen = parent.locator('li.cal-session[data-activity="Restauration scolaire"] input[type="checkbox"][value="reserver"]')
    expect(await canteen.count()).toBeGreaterThan(2)
    for (const i of [0, 1, 2]) await canteen.nth(i).check()
    await parent.getByRole("button", { name: "Enregistrer mes choix" }).click()
    await parent.waitForLoadState()
    expect(await mainText(parent)).not.toMatch(/refus/i)
  })

  it("the agent takes today's canteen roll-call, the new child present without a reservation", async () => {
    await agent.goto(`${url}/agents/pointage`)
    await checkAgent("agents-pointage")
    await agent.getByRole("link", { name: /Restauration scolaire/ }).first().click()
    await agent.waitForLoadState()
    await checkAgent("agents-pointage-feuille")
    await agent.getByLabel("Nom ou prénom de l'enfant").fill(family.child)
    await agent.getByRole("button", { name: "Rechercher" }).click()
    await agent.waitForLoadState()
    await agent.getByRole("button", { name: new RegExp(`Ajouter ${family.child}`) }).click()
    await agent.waitForLoadState()
    for (const radio of await agent.locator('input[type="radio"][value="present"]').all()) await radio.check()
    await agent.getByRole("button", { name: "Enregistrer le pointage" }).click()
    await agent.waitForLoadState()
    expect(await mainText(agent)).toMatch(/présent/i)
  })

  it("the agent previews and issues November, and the family sees its invoice", async () => {
    await agent.goto(`${url}/agents/facturation?mois=2026-11`)
    expect(await mainText(agent)).toContain("novembre 2026")
    await checkAgent("agents-facturation-apercu")
    await agent.locator("#confirmation").check()
    await agent.getByRole("button", { name: "Émettre les factures" }).click()
    await agent.waitForLoadState()
    await checkAgent("agents-facturation-emise")
    await agent.goto(`${url}/agents/factures`)
    await checkAgent("agents-factures")
    await agent.goto(`${url}/agents/tableaux-de-bord`)
    await checkAgent("agents-tableaux-de-bord")
    await agent.goto(`${url}/agents/journal`)
    expect(await mainText(agent)).toContain("Création d'un foyer")
    await checkAgent("agents-journal")
    await parent.goto(`${url}/mon-espace/factures`)
    const invoices = await mainText(parent)
    expect(invoices).toContain("novembre 2026")
    await parent.locator("tr", { hasText: "novembre 2026" }).locator("a").first().click()
    await parent.waitForLoadState()
    expect(await mainText(parent)).toContain(family.child)
    await checkPage(parent, "facture-nouvelle-famille")
  })

  it("opens every agent page of the loop again at 360 px", async () => {
    const narrow = await office.newPage()
    await narrow.setViewportSize({ width: 360, height: 780 })
    try {
      for (const { name, path } of agentPages) {
        if (path.startsWith("/agents/connexion")) continue
        await narrow.goto(`${url}${path}`)
        await checkPage(narrow, name)
      }
    } finally {
      await narrow.close()
    }
  })
})
