import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ApiClient } from "../api/testing/ApiClient.js"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

const fieldError = (html: string, field: string): string | undefined => {
  const match = new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).replace(/^Erreur : /, "")
}

const tokenIn = (html: string): string | undefined => /id="jeton-cree"[^>]* value="(spe_[a-z0-9]{8}_[0-9a-f]{64})"/.exec(html)?.[1]

const path = "/mon-espace/acces-api"

let t: TestPortal

const logIn = async (login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

describe("Accès pour vos applications", () => {
  it("is linked from Mon espace (tableau de bord) and needs a login", async () => {
    const browser = await logIn(demoFamily.login)
    const mySpace = await browser.get("/mon-espace")
    const dashboard = /<section class="menu-group" aria-labelledby="tableau-de-bord-titre">[\s\S]*?<\/section>/.exec(mySpace.body)?.[0] ?? ""
    expect(dashboard).toContain(`<a href="${path}">Accès pour vos applications</a>`)
    const anonymous = await new BrowserLikeClient(t.url).get(path)
    expect(anonymous.status).toBe(303)
    const page = await browser.get(path)
    expect(page.status).toBe(200)
    expect(mainText(page.body)).toContain("Vous n'avez encore créé aucun jeton.")
    expect(page.body).toContain('href="/api/v1/openapi.json"')
  })

  it("creates a token shown once with a warning; the list shows its prefix only; the token opens the API", async () => {
    const browser = await logIn(demoFamily.login)
    const created = await browser.submit(path, path, { nom: "Agenda du téléphone", validite: "30" })
    expect(created.status).toBe(201)
    const token = tokenIn(created.body)
    expect(token).toBeDefined()
    const text = mainText(created.body)
    expect(text).toContain("Votre nouveau jeton « Agenda du téléphone »")
    expect(text).toContain("Copiez-le maintenant : il ne sera plus jamais affiché.")
    expect(text).toContain("Il fonctionne jusqu'au samedi 26 décembre 2026")
    expect(created.headers.get("cache-control")).toBe("no-store")
    expect(created.location).toBeUndefined()
    const prefix = token?.slice(0, 12) ?? ""
    const list = await browser.get(path)
    expect(list.body).not.toContain(token)
    expect(tokenIn(list.body)).toBeUndefined()
    expect(mainText(list.body)).toContain(`Agenda du téléphone ${prefix}_… État Actif`)
    expect(mainText(list.body)).toContain("Dernière utilisation jamais")
    const api = new ApiClient(t.url, { token: token ?? "" })
    const household = await api.get("/api/v1/household")
    expect(household.status).toBe(200)
    expect(household.json.reference).toBe("FAM-000101")
    expect(mainText((await browser.get(path)).body)).toContain("Dernière utilisation jeudi 26 novembre 2026")
  })

  it("revokes a token with a POST carrying the CSRF token; the token then gets 401", async () => {
    const browser = await logIn(demoFamily.login)
    const created = await browser.submit(path, path, { nom: "Tableur", validite: "" })
    const token = tokenIn(created.body) ?? ""
    expect(mainText(created.body)).toContain("Il fonctionne jusqu'à ce que vous le révoquiez.")
    const api = new ApiClient(t.url, { token })
    expect((await api.get("/api/v1/session")).status).toBe(200)
    const page = await browser.get(path)
    const action = new RegExp(`<p class="token-name">Tableur</p>[\\s\\S]*?<form method="post" action="([^"]+)"`).exec(page.body)?.[1] ?? ""
    expect(action).toMatch(/^\/mon-espace\/acces-api\/[^/]+\/revoquer$/)
    const forged = await browser.post(action, {}, { csrf: "0".repeat(64) })
    expect(forged.status).toBe(403)
    expect((await api.get("/api/v1/session")).status).toBe(200)
    const revoked = await browser.post(action, {}, { csrf: csrfTokenIn(page.body) })
    expect(revoked.status).toBe(303)
    expect(revoked.location).toBe(`${path}?message=jeton-revoque`)
    const after = await browser.get(revoked.location ?? "")
    expect(after.body).toContain('<div class="notice" role="status"><p>Le jeton est révoqué : les applications qui l&#x27;utilisaient n&#x27;ont plus accès à votre espace.</p></div>')
    expect(mainText(after.body)).toMatch(/Tableur spe_[a-z0-9]{8}_… État Révoqué le jeudi 26 novembre 2026/)
    const refused = await api.get("/api/v1/session")
    expect(refused.status).toBe(401)
    expect(refused.json.code).toBe("ApiKeyRejected")
    expect(refused.json.detail).toContain("a été révoqué")
  })

  it("shows the form again with the refusal next to the field and the value kept (400)", async () => {
    const browser = await logIn(demoFamily.login)
    const blank = await browser.submit(path, path, { nom: "   ", validite: "90" })
    expect(blank.status).toBe(400)
    expect(fieldError(blank.body, "nom")).toBe("Donnez un nom à ce jeton (par exemple « Agenda du téléphone ») pour le reconnaître ensuite.")
    const long = await browser.submit(path, path, { nom: "x".repeat(81), validite: "90" })
    expect(fieldError(long.body, "nom")).toBe("Le nom du jeton ne doit pas dépasser 80 caractères.")
    const validity = await browser.submit(path, path, { nom: "Agenda", validite: "9999" })
    expect(validity.status).toBe(400)
    expect(fieldError(validity.body, "validite")).toBe("La durée de validité va de 1 jour à 10 ans (3650 jours).")
    expect(validity.body).toContain('id="nom" name="nom" type="text" value="Agenda"')
  })

  it("lets another household revoke none of CONCERTO's tokens: 404 like an unknown one", async () => {
    const concerto = await logIn(demoFamily.login)
    const created = await concerto.submit(path, path, { nom: "Pour Camille ?", validite: "30" })
    const page = await concerto.get(path)
    const action = new RegExp(`<p class="token-name">Pour Camille \\?</p>[\\s\\S]*?<form method="post" action="([^"]+)"`).exec(page.body)?.[1] ?? ""
    const camille = await logIn("camille.lefebvre")
    const list = await camille.get(path)
    expect(mainText(list.body)).not.toContain("Pour Camille")
    const foreign = await camille.post(action, {}, { csrf: csrfTokenIn(list.body) })
    expect(foreign.status).toBe(404)
    const unknown = await camille.post("/mon-espace/acces-api/key-inconnue/revoquer", {}, { csrf: csrfTokenIn(list.body) })
    expect(unknown.status).toBe(404)
    expect(textOf(foreign.body)).toContain("Aucun de vos jetons d'accès ne porte l'identifiant")
    expect((await new ApiClient(t.url, { token: tokenIn(created.body) ?? "" }).get("/api/v1/session")).status).toBe(200)
  })
})
