import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./support/chromium.js"

describe("the system Chromium", () => {
  let server: Server
  let baseUrl: string
  let browser: Browser

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
      res.end(`<!doctype html><html lang="fr"><title>Mon espace citoyen</title>
        <form><label>Identifiant <input name="login"></label><button type="button"
        onclick="document.querySelector('output').textContent = 'Bonjour ' + document.querySelector('input').value">Connexion</button>
        <output></output></form><p>${req.url}</p>`)
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it("loads a page served on loopback, runs its script and reports what a person sees", async () => {
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/accueil`)
    expect(await page.title()).toBe("Mon espace citoyen")
    await page.getByLabel("Identifiant").fill("famille.concerto")
    await page.getByRole("button", { name: "Connexion" }).click()
    expect(await page.locator("output").textContent()).toBe("Bonjour famille.concerto")
    expect(await page.locator("p").textContent()).toBe("/accueil")
  })
})
