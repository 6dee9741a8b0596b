import { mkdirSync } from "node:fs"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { launchChromium } from "./support/chromium.js"
import { activationCredentialsOf, certificatePdf, logIn, mainText } from "./support/family.js"
import { artifacts, checkPage } from "./support/pageChecks.js"

/**
 * A new family walks the guide, in Chromium at 360 px, on the demo town served as `npm start`
 * serves it: the MARCHAND household's account was created by the town and its activation mail sent.
 * Every page it opens is checked (axe-core WCAG 2.1 AA, no horizontal scrolling, a screenshot), then
 * opened again at 1280 px with the same checks.
 */
describe("a new family walks the guide", () => {
  const url = inject("demoUrl")
  const chosen = { login: "sophie.marchand", password: "Tisserands-Elbeuf-2026" }
  const visited: Array<{ readonly name: string; readonly path: string }> = []
  let browser: Browser
  let phone: BrowserContext
  let page: Page

  const check = async (name: string) => {
    await checkPage(page, name)
    const path = new URL(page.url()).pathname + new URL(page.url()).search
    if (!visited.some((v) => v.path === path)) visited.push({ name, path })
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    browser = await launchChromium()
    phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: "fr-FR", acceptDownloads: true })
    page = await phone.newPage()
  })

  afterAll(async () => {
    await phone?.close()
    await browser?.close()
  })

  it("reads its activation mail, logs in and chooses its identifier and password", async () => {
    const credentials = await activationCredentialsOf(page, url, "sophie.marchand@example.org")
    await logIn(page, url, credentials.login, credentials.password)
    expect(page.url()).toBe(`${url}/premiere-connexion`)
    await check("premiere-connexion")
    await page.getByLabel("Mot de passe reçu par mail").fill(credentials.password)
    await page.getByLabel("Nouvel identifiant").fill(chosen.login)
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(chosen.password)
    await page.getByLabel("Confirmez le nouveau mot de passe").fill(chosen.password)
    await page.getByRole("button", { name: "Enregistrer mes identifiants" }).click()
    await page.waitForURL(/\/mon-espace/)
    expect(await mainText(page)).toContain("Sophie MARCHAND")
    await check("mon-espace")
  })

  const tick = (label: string) => page.getByLabel(label, { exact: true }).check()
  const save = async () => {
    await page.getByRole("button", { name: "Enregistrer mes choix" }).click()
    await page.waitForLoadState()
    return mainText(page)
  }

  it("cancels a canteen day inside 48 hours (billed) and then sees the booking rule that keeps it closed", async () => {
    await page.getByRole("link", { name: "Gérer mes réservations" }).click()
    await page.waitForLoadState()
    await check("reservations-novembre")
    await tick("Annuler – Restauration scolaire, vendredi 27 novembre 2026")
    expect(await save()).toMatch(/[Aa]nnul/)
    await check("reservations-annulation")
    await page.goto(`${url}/mon-espace/reservations?mois=2026-11`)
    const friday = page.locator("td", { hasText: "vendredi 27 novembre 2026" }).locator('li[data-activity="Restauration scolaire"]')
    const rule = (await friday.innerText()).replace(/\s+/g, " ")
    expect(rule).toContain("Délai dépassé : réservation possible jusqu'au mercredi 25 novembre 2026")
    expect(await friday.locator('input[type="checkbox"]').count()).toBe(0)
  })

  it("books Wednesdays and canteen days", async () => {
    await page.goto(`${url}/mon-espace/reservations?mois=2026-12`)
    await tick("Réserver – Accueil du mercredi – Après-midi (13h30 - 17h30), mercredi 2 décembre 2026")
    await tick("Réserver – Accueil du mercredi – Après-midi (13h30 - 17h30), mercredi 9 décembre 2026")
    await tick("Annuler – Restauration scolaire, vendredi 11 décembre 2026")
    const first = await save()
    expect(first).not.toMatch(/refus/i)
    await check("reservations-resultat")
    await page.goto(`${url}/mon-espace/reservations?mois=2026-12`)
    await check("reservations-decembre")
    await tick("Réserver – Restauration scolaire, vendredi 11 décembre 2026")
    const second = await save()
    expect(second).toMatch(/[Rr]éserv/)
    expect(second).not.toMatch(/refus/i)
  })

  it("books a holiday week inside its booking window", async () => {
    await page.goto(`${url}/mon-espace/reservations?mois=2026-12`)
    for (const day of ["lundi 21", "mardi 22", "mercredi 23", "jeudi 24"]) await tick(`Annuler – Accueil de loisirs des vacances, ${day} décembre 2026`)
    await save()
    await page.goto(`${url}/mon-espace/reservations?mois=2026-12`)
    const week = page.getByLabel(/Semaine du lundi 21 décembre 2026/)
    await week.check()
    await page.getByRole("button", { name: "Réserver la semaine" }).click()
    await page.waitForLoadState()
    expect(await mainText(page)).toMatch(/[Rr]éserv/)
    await check("reservations-semaine-vacances")
  })

  it("reports an absence with a medical certificate", async () => {
    await page.goto(`${url}/mon-espace`)
    await page.getByRole("link", { name: "Signaler une absence" }).click()
    await page.waitForLoadState()
    await check("absences")
    await page.getByLabel("Premier jour d'absence").fill("2026-12-03")
    await page.getByLabel("Dernier jour d'absence").fill("2026-12-04")
    await page.locator('input[name="motif"]').first().check()
    await page.getByLabel("Certificat médical").setInputFiles({ name: "certificat-medical.pdf", mimeType: "application/pdf", buffer: certificatePdf })
    await page.getByRole("button", { name: "Signaler l'absence" }).click()
    await page.waitForLoadState()
    expect(await mainText(page)).toMatch(/justifiée/)
    await check("absence-signalee")
  })

  it("reads an invoice's explained lines, downloads its PDF and pays it through PayFiP", async () => {
    await page.goto(`${url}/mon-espace`)
    await page.getByRole("link", { name: "Mes factures" }).click()
    await page.waitForLoadState()
    await check("factures")
    await page.locator("tr").filter({ hasText: "Partiellement payée" }).first().locator("a").first().click()
    await page.waitForLoadState()
    const invoice = await mainText(page)
    expect(invoice).toContain("Jade")
    expect(invoice).toMatch(/QF/)
    await check("facture")
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger la facture (PDF)" }).click()])
    const pdf = await download.createReadStream()
    const chunks: Array<Buffer> = []
    for await (const chunk of pdf) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).subarray(0, 5).toString("latin1")).toBe("%PDF-")
    await page.getByRole("button", { name: /Payer en ligne/ }).click()
    await page.waitForURL(/idop=/i)
    expect(await page.title()).toContain("PayFiP")
    await page.getByRole("button", { name: "Payer par carte" }).click()
    await page.waitForURL(new RegExp(`^${url}/paiement/payfip/retour`))
    expect(await mainText(page)).toMatch(/[Pp]aiement/)
    await check("paiement-retour")
    await page.getByRole("link", { name: "Voir le reçu de paiement" }).click()
    await page.waitForLoadState()
    expect(await mainText(page)).toContain("Reçu de paiement")
    await check("recu")
  })

  it("simulates tariffs for its own situation and another one", async () => {
    await page.goto(`${url}/mon-espace`)
    await page.getByRole("link", { name: "Simulation des tarifs" }).click()
    await page.waitForLoadState()
    expect(await mainText(page)).toContain("Restauration scolaire")
    await check("simulation")
    await page.getByLabel("Quotient familial, en euros").fill("650")
    await page.getByLabel("Nombre d'enfants à charge").fill("2")
    await page.getByLabel("Jours par semaine").fill("4")
    await page.getByLabel("Nombre d'enfants inscrits à cette activité").fill("1")
    await page.getByRole("button", { name: "Simuler le tarif" }).click()
    await page.waitForLoadState()
    expect(await mainText(page)).toMatch(/€/)
    await check("simulation-resultat")
  })

  it("follows a request: reads its history and writes to the service", async () => {
    await page.goto(`${url}/mon-espace`)
    await page.getByRole("link", { name: "Dernières demandes" }).click()
    await page.waitForLoadState()
    await check("demandes")
    await page.locator("main a[href^='/mon-espace/demandes/']:not([href$='/nouvelle'])").first().click()
    await page.waitForLoadState()
    await check("demande")
    const message = "Bonjour, pouvez-vous me confirmer la prise en compte ? Merci."
    const field = page.locator("textarea").first()
    await field.fill(message)
    await page.getByRole("button", { name: "Envoyer le message" }).click()
    await page.waitForLoadState()
    expect(await mainText(page)).toContain(message)
  })

  it("opens every page of the walk again at 1280 px", async () => {
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" })
    try {
      const wide = await desktop.newPage()
      await logIn(wide, url, chosen.login, chosen.password)
      expect(visited.length).toBeGreaterThan(10)
      for (const { name, path } of visited) {
        if (path.startsWith("/premiere-connexion") || path.startsWith("/paiement/")) continue
        await wide.goto(`${url}${path}`)
        expect(wide.url()).not.toContain("/connexion")
        await checkPage(wide, name)
      }
    } finally {
      await desktop.close()
    }
  })
})
