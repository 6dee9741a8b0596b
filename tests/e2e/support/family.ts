import type { Page } from "playwright-core"
import { expect } from "vitest"

/** The identifier and temporary password of the activation mail sent to an address, read on `/dev/mail`. */
export async function activationCredentialsOf(page: Page, baseUrl: string, email: string): Promise<{ readonly login: string; readonly password: string }> {
  for (let attempt = 0; attempt < 30; attempt++) {
    await page.goto(`${baseUrl}/dev/mail`)
    const mail = page.locator("li.card", { hasText: `À : ${email}` }).filter({ hasText: "vos identifiants" }).first()
    if ((await mail.count()) > 0) {
      const text = (await mail.locator("pre").textContent()) ?? ""
      const login = /Identifiant\s*:\s*(\S+)/.exec(text)?.[1]
      const password = /Mot de passe provisoire\s*:\s*(\S+)/.exec(text)?.[1]
      expect(login, text).toBeDefined()
      expect(password, text).toBeDefined()
      return { login: login ?? "", password: password ?? "" }
    }
    await page.waitForTimeout(1000)
  }
  throw new Error(`No activation mail to ${email} on /dev/mail`)
}

/** Logs in through the home page's "Mon espace perso" form. */
export async function logIn(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(baseUrl)
  await page.getByLabel("Identifiant").fill(login)
  await page.getByLabel("Mot de passe").fill(password)
  await page.getByRole("button", { name: "Connexion" }).click()
  await page.waitForLoadState()
}

/** The main content's text, spaces collapsed. */
export const mainText = async (page: Page): Promise<string> => ((await page.locator("main").innerText()) ?? "").replace(/\s+/g, " ")

/** A minimal valid PDF (the upload rules read the content, not the name). */
export const certificatePdf = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1"
)
