import { type Household, HouseholdRepository } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { mainOf, textOf } from "../testing/PageText.js"

const logIn = async (t: TestPortal, login = demoFamily.login) => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password }, true)
  expect(response.status).toBe(200)
  return client
}

describe("Membres foyer", () => {
  let t: TestPortal
  let concerto: Household
  let client: BrowserLikeClient

  beforeAll(async () => {
    t = await startTestPortal()
    const id = await t.householdId("FAM-000101")
    concerto = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (households) => households.get(id)))
    client = await logIn(t)
  })
  afterAll(async () => {
    await t.close()
  })

  const member = (firstName: string) => {
    const found = [...concerto.adults, ...concerto.children].find((m) => m.firstName === firstName)
    if (found === undefined) throw new Error(`No member ${firstName}`)
    return found.id
  }

  it("is reached from the menu of Mon espace", async () => {
    const space = await client.get("/mon-espace")
    for (const name of ["Anne", "Paul", "Léa", "Hugo"]) expect(space.body).toContain(`href="/mon-espace/membres/${member(name)}"`)
  })

  it("shows an adult's details: relationship, phone, e-mail, payer", async () => {
    const page = await client.get(`/mon-espace/membres/${member("Anne")}`)
    expect(page.status).toBe(200)
    const text = textOf(mainOf(page.body))
    expect(text).toContain("Anne CONCERTO")
    expect(text).toContain("Lien avec les enfants Maman")
    expect(text).toContain("Téléphone 06 39 98 41 27")
    expect(text).toContain("Adresse e-mail a.baud@arpege.fr")
    expect(text).toContain("Les factures du foyer sont adressées à ce responsable (payeur).")
    expect(text).toContain("Membres foyer Maman (Anne CONCERTO) Papa (Paul CONCERTO) Léa Hugo")
    expect(mainOf(page.body)).toContain(`href="/mon-espace/membres/${member("Anne")}" aria-current="page"`)
    const papa = textOf(mainOf((await client.get(`/mon-espace/membres/${member("Paul")}`)).body))
    expect(papa).toContain("Lien avec les enfants Papa")
    expect(papa).toContain("Ce responsable ne reçoit pas les factures.")
    expect(papa).toContain("Adresse e-mail Non renseignée")
  })

  it("shows a child's details and agenda by week, with links to book, report an absence and the private calendar", async () => {
    const page = await client.get(`/mon-espace/membres/${member("Hugo")}`)
    expect(page.status).toBe(200)
    const main = mainOf(page.body)
    const text = textOf(main)
    expect(text).toContain("Hugo CONCERTO")
    expect(text).toContain("Date de naissance mercredi 9 février 2022 (4 ans)")
    expect(text).toContain("École École maternelle")
    expect(text).toContain("Niveau scolaire MS")
    expect(text).toContain("Allergies Arachide (PAI alimentaire)")
    expect(text).toContain("Agenda de Hugo")
    expect(text).toContain("Semaine du lundi 23 novembre 2026 (cette semaine)")
    expect(text).toContain("lundi 23 novembre 2026, 07:30 Accueil du matin Présent")
    expect(text).toContain("vendredi 27 novembre 2026, 11:45 Restauration scolaire Réservé")
    expect(text).toContain("Semaine du lundi 21 décembre 2026")
    expect(text).toContain("lundi 21 décembre 2026, 08:30 Accueil de loisirs des vacances Réservé")
    expect(main).toContain(`href="/mon-espace/reservations?enfant&#x3D;${member("Hugo")}"`)
    expect(main).toContain(`href="/mon-espace/absences?enfant&#x3D;${member("Hugo")}"`)
    expect(text).toContain("Calendrier privé de Hugo")
    expect(main).toMatch(/href="webcal:\/\/127\.0\.0\.1:\d+\/calendrier\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.ics"/)
    expect(main).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/calendrier\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.ics"/)
    expect(text).toContain("Abonnez l'agenda de votre téléphone ou de votre ordinateur à ce lien")
  })

  it("answers 404 for a member of another household, exactly as for an unknown id", async () => {
    const camille = await logIn(t, "camille.lefebvre")
    const other = await camille.get(`/mon-espace/membres/${member("Léa")}`)
    const unknown = await camille.get("/mon-espace/membres/mbr-inconnu")
    expect(other.status).toBe(404)
    expect(unknown.status).toBe(404)
    expect(textOf(mainOf(other.body))).toBe(textOf(mainOf(unknown.body)))
    expect(other.body).not.toContain("CONCERTO")
    expect((await camille.get(`/mon-espace/membres/${member("Anne")}`)).status).toBe(404)
  })

  it("asks to log in first", async () => {
    const anonymous = new BrowserLikeClient(t.url)
    const page = await anonymous.get(`/mon-espace/membres/${member("Léa")}`)
    expect(page.status).toBe(303)
    expect(page.location).toContain("/?suite=")
  })
})
