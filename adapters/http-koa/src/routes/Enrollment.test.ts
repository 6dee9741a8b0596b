import { HouseholdRepository, RequestRepository } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

const page = "/mon-espace/dossier-unique"

const logIn = async (t: TestPortal, login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

const childrenOf = (t: TestPortal, reference: string) =>
  t.householdId(reference).then((id) => t.demo.runtime.runPromise(Effect.map(Effect.flatMap(HouseholdRepository, (h) => h.get(id)), (h) => h.children)))

const requestCount = (t: TestPortal, reference: string) =>
  t.householdId(reference).then((id) => t.demo.runtime.runPromise(Effect.map(Effect.flatMap(RequestRepository, (r) => r.listByHousehold(id)), (l) => l.length)))

describe("Dossier unique d'inscription", () => {
  let t: TestPortal
  let concerto: BrowserLikeClient
  let lea: string
  let hugo: string

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await logIn(t, demoFamily.login)
    const children = await childrenOf(t, "FAM-000101")
    lea = children.find((c) => c.firstName === "Léa")?.id ?? ""
    hugo = children.find((c) => c.firstName === "Hugo")?.id ?? ""
  })

  afterAll(async () => {
    await t.close()
  })

  it("is in the menu of Mon espace, under Ma famille", async () => {
    const mySpace = await concerto.get("/mon-espace")
    expect(mySpace.body).toContain(`<a href="${page}">Dossier unique d&#x27;inscription</a>`)
  })

  it("shows, per child, the enrollment in each service for the current and the next school year", async () => {
    const response = await concerto.get(page)
    expect(response.status).toBe(200)
    expect(response.body).toMatch(/<h1>Dossier unique d'inscription<\/h1>/)
    const text = mainText(response.body)
    expect(text).toContain(
      "Il inscrit votre enfant aux services de la commune : Accueil de loisirs des vacances ; Accueil du matin, Accueil du mercredi et Accueil du soir ; Restauration scolaire."
    )
    const accepted =
      "Accueil de loisirs des vacances Inscription acceptée Accueil du matin, Accueil du mercredi et Accueil du soir Inscription acceptée Restauration scolaire Inscription acceptée"
    const none = "Accueil de loisirs des vacances Pas d'inscription Accueil du matin, Accueil du mercredi et Accueil du soir Pas d'inscription Restauration scolaire Pas d'inscription"
    expect(text).toContain(`Léa CONCERTO Année scolaire 2026-2027 ${accepted} Année scolaire 2027-2028 ${none}`)
    expect(text).toContain(`Hugo CONCERTO Année scolaire 2026-2027 ${accepted} Année scolaire 2027-2028 ${none}`)
    expect(response.body).toContain(`<input type="radio" name="enfant" id="enfant" value="${lea}">`)
    expect(response.body).toContain('<label for="annee-2">Année scolaire 2027-2028</label>')
    expect(response.body).toContain('<input type="checkbox" name="service-restauration" id="services-3" value="oui">')
  })

  it("names each missing choice next to its group, keeping what was typed", async () => {
    const form = await concerto.get(page)
    const nothing = await concerto.post(page, { message: "Léa change d'école en septembre." }, { csrf: csrfTokenIn(form.body) })
    expect(nothing.status).toBe(400)
    expect(nothing.body).toContain('<p class="field-error" id="enfant-erreur"><span class="visually-hidden">Erreur : </span>Choisissez l&#x27;enfant à inscrire.</p>')
    expect(nothing.body).toContain(
      '<p class="field-error" id="annee-erreur"><span class="visually-hidden">Erreur : </span>Choisissez l&#x27;année scolaire : 2026-2027 ou 2027-2028.</p>'
    )
    expect(nothing.body).toContain('<p class="field-error" id="services-erreur"><span class="visually-hidden">Erreur : </span>Choisissez au moins un service.</p>')
    expect(nothing.body).toContain('<a href="#services">Choisissez au moins un service.</a>')
    expect(nothing.body).toContain("Léa change d&#x27;école en septembre.</textarea>")

    const noService = await concerto.post(page, { enfant: hugo, annee: "2027-2028", message: "" }, { csrf: csrfTokenIn(form.body) })
    expect(noService.status).toBe(400)
    expect(noService.body).toContain(`<input type="radio" name="enfant" id="enfant-2" value="${hugo}" checked>`)
    expect(noService.body).toContain('<input type="radio" name="annee" id="annee-2" value="2027-2028" checked>')
    expect(noService.body).not.toContain('id="enfant-erreur"')
    expect(noService.body).toContain("Choisissez au moins un service.")
  })

  it("refuses a service the child is already enrolled in, and a child of another household", async () => {
    const form = await concerto.get(page)
    const before = await requestCount(t, "FAM-000101")
    const enrolled = await concerto.post(page, { enfant: lea, annee: "2026-2027", "service-periscolaire": "oui", "service-restauration": "oui" }, { csrf: csrfTokenIn(form.body) })
    expect(enrolled.status).toBe(400)
    expect(mainText(enrolled.body)).toContain(
      "Léa est déjà inscrit(e) pour « Accueil du matin, Accueil du mercredi et Accueil du soir » en 2026-2027 : inutile de le demander à nouveau"
    )
    expect(enrolled.body).toContain('id="services-erreur"')
    expect(enrolled.body).toContain('<input type="checkbox" name="service-periscolaire" id="services-2" value="oui" checked>')
    const [nathan] = await childrenOf(t, "FAM-000103")
    const foreign = await concerto.post(page, { enfant: nathan?.id ?? "", annee: "2027-2028", "service-restauration": "oui" }, { csrf: csrfTokenIn(form.body) })
    expect(foreign.status).toBe(400)
    expect(foreign.body).toContain("Choisissez l&#x27;un des enfants de votre foyer.")
    expect(await requestCount(t, "FAM-000101")).toBe(before)
  })

  it("sends the dossier as an enrollment request, followed in Dernières demandes, and shown as asked", async () => {
    const form = await concerto.get(page)
    const sent = await concerto.post(page, { enfant: hugo, annee: "2027-2028", "service-restauration": "oui", message: "Hugo entre en grande section." }, { csrf: csrfTokenIn(form.body) })
    expect(sent.status).toBe(303)
    const location = sent.location ?? ""
    expect(location).toMatch(/^\/mon-espace\/demandes\/[^/?]+\?message=dossier-envoye$/)
    const request = await concerto.get(location)
    const text = mainText(request.body)
    expect(text).toContain("Votre dossier unique d'inscription a été envoyé : le Service à la population va l'examiner.")
    expect(request.body).toMatch(/<h1>Inscription 2027-2028 \(dossier unique\)<\/h1>/)
    expect(text).toContain("Enfant Hugo CONCERTO Année scolaire 2027-2028 Service Restauration scolaire")
    expect(text).toContain("Votre famille Demande envoyée (statut : envoyée) Hugo entre en grande section.")
    const list = mainText((await concerto.get("/mon-espace/demandes")).body)
    expect(list).toContain("Inscription 2027-2028 (dossier unique) Hugo CONCERTO : Restauration scolaire Envoyée le jeudi 26 novembre 2026 à 09:00 Statut : Envoyée")
    const after = await concerto.get(page)
    expect(mainText(after.body)).toContain("Année scolaire 2027-2028 Accueil de loisirs des vacances Pas d'inscription Accueil du matin, Accueil du mercredi et Accueil du soir Pas d'inscription Restauration scolaire Demande en cours Suivre la demande")
    expect(after.body).toContain(`<a href="${location.split("?")[0]}">Suivre la demande</a>`)
    const again = await concerto.post(page, { enfant: hugo, annee: "2027-2028", "service-restauration": "oui" }, { csrf: csrfTokenIn(form.body) })
    expect(again.status).toBe(400)
    expect(mainText(again.body)).toContain("Une demande d'inscription de Hugo pour « Restauration scolaire » en 2027-2028 est déjà en cours")
  })

  it("sends one request per service chosen, then shows them in Dernières demandes", async () => {
    const form = await concerto.get(page)
    const before = await requestCount(t, "FAM-000101")
    const sent = await concerto.post(page, { enfant: lea, annee: "2027-2028", "service-extrascolaire": "oui", "service-periscolaire": "oui" }, { csrf: csrfTokenIn(form.body) })
    expect(sent.status).toBe(303)
    expect(sent.location).toBe("/mon-espace/demandes?message=dossiers-envoyes")
    expect(await requestCount(t, "FAM-000101")).toBe(before + 2)
    const list = mainText((await concerto.get(sent.location ?? "")).body)
    expect(list).toContain("une demande par service")
    expect(list).toContain("Léa CONCERTO : Accueil de loisirs des vacances")
    expect(list).toContain("Léa CONCERTO : Accueil du matin, Accueil du mercredi et Accueil du soir")
  })

  it("shows another family its own children only", async () => {
    const lefebvre = await logIn(t, "camille.lefebvre")
    const text = mainText((await lefebvre.get(page)).body)
    expect(text).toContain("Nathan LEFEBVRE")
    expect(text).not.toContain("CONCERTO")
  })
})
