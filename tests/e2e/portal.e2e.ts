import { mkdirSync } from "node:fs"
import { demoFamily } from "@spe/http-koa/testing"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { launchChromium } from "./support/chromium.js"
import { artifacts, checkLayout } from "./support/pageChecks.js"

describe("the family portal in a browser", () => {
  const portal = { url: inject("demoUrl") }
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  for (const width of [1280, 360]) {
    it(`shows the home page at ${width} px without horizontal scrolling, then logs in to "Mon espace"`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "fr-FR", javaScriptEnabled: false })
      const page = await context.newPage()
      try {
        await page.goto(portal.url)
        expect(await page.title()).toContain("Mon espace citoyen")
        await expect(page.getByRole("heading", { name: "BIENVENUE SUR VOTRE ESPACE CITOYEN" }).isVisible()).resolves.toBe(true)
        await checkLayout(page, "accueil-sans-javascript")

        await page.getByLabel("Identifiant").fill(demoFamily.login)
        await page.getByLabel("Mot de passe").fill(demoFamily.password)
        await page.getByRole("button", { name: "Connexion" }).click()
        await page.waitForURL(`${portal.url}/mon-espace`)
        await expect(page.getByRole("heading", { level: 1, name: "Mon espace" }).isVisible()).resolves.toBe(true)
        await expect(page.getByRole("link", { name: "Mes factures" }).isVisible()).resolves.toBe(true)
        expect(await page.locator(".identity-names").textContent()).toContain("Anne CONCERTO")
        await checkLayout(page, "mon-espace-sans-javascript")

        await page.getByRole("button", { name: "Se déconnecter" }).click()
        await page.waitForURL(`${portal.url}/?message=deconnecte`)
        await expect(page.getByText("Vous êtes déconnecté.").isVisible()).resolves.toBe(true)
      } finally {
        await context.close()
      }
    })
  }

  it("moves the focus to the main content with the skip link, and shows where the focus is", async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } })
    try {
      await page.goto(portal.url)
      await page.keyboard.press("Tab")
      expect(await page.evaluate<string>("document.activeElement.textContent")).toBe("Aller au contenu")
      expect(await page.evaluate<string>("getComputedStyle(document.activeElement).outlineStyle")).toBe("solid")
      await page.keyboard.press("Enter")
      expect(page.url()).toBe(`${portal.url}/#contenu`)
    } finally {
      await page.close()
    }
  })
})
