import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

const fieldError = (html: string, field: string): string | undefined => {
  const match = new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).replace(/^Erreur : /, "")
}

const valueOf = (html: string, field: string): string | undefined => {
  const input = new RegExp(`<input id="${field}" name="${field}"[^>]*>`).exec(html)?.[0]
  if (input === undefined) return undefined
  return textOf(/ value="([^"]*)"/.exec(input)?.[1] ?? "")
}

const path = "/mon-espace/simulation-des-tarifs"

let t: TestPortal
let concerto: BrowserLikeClient

const logIn = async (login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

beforeAll(async () => {
  t = await startTestPortal()
  concerto = await logIn(demoFamily.login)
})

afterAll(async () => {
  await t.close()
})

const simulate = (fields: Readonly<Record<string, string>>) => concerto.submit(path, path, fields)

const anotherSituation = {
  situation: "qf",
  qf: "400",
  revenu: "",
  prestations: "",
  parents: "2",
  enfants: "2",
  enfantsAeeh: "",
  residence: "resident",
  activite: "restauration-scolaire",
  joursParSemaine: "4",
  enfantsConcernes: "2"
}

describe("Simulation des tarifs", () => {
  it("is linked from Mon espace and asks to log in first", async () => {
    const mySpace = await concerto.get("/mon-espace")
    expect(mySpace.body).toContain(`<a href="${path}">Simulation des tarifs</a>`)
    const anonymous = await new BrowserLikeClient(t.url).get(path)
    expect(anonymous.status).toBe(303)
    expect(anonymous.location).toBe(`/?suite=${encodeURIComponent(path)}`)
  })

  it("shows, from the household's own situation, every activity's price per session for each child, explained", async () => {
    const page = await concerto.get(path)
    expect(page.status).toBe(200)
    const text = mainText(page.body)
    expect(page.body.match(/<h1>/g)).toHaveLength(1)
    expect(text).toContain("Simulation des tarifs")
    expect(text).toContain("Voyez le tarif des activités municipales selon votre situation familiale.")
    expect(text).toContain("Selon ma situation")
    expect(text).toContain("Quotient familial au jeudi 26 novembre 2026 : 780 €.")
    for (const activity of ["Accueil du matin", "Accueil du soir", "Accueil du mercredi", "Restauration scolaire", "Accueil de loisirs des vacances"]) {
      expect(text).toContain(activity)
    }
    expect(text).toContain("Léa (1er enfant) : 2,10 € par séance")
    expect(text).toContain("Hugo (2e enfant) : 1,89 € par séance")
    expect(text).toContain("Quotient familial retenu : 780 € (transmis par la CAF, validé)")
    expect(text).toContain("Tranche « T2 » (QF de 501 à 800 €) : 2,10 €")
    expect(text).toContain("Réduction fratrie, 2e enfant (-10 %) : -0,21 €")
    expect(page.body).toContain('<details class="simulation-explanation">')
    expect(page.body).not.toMatch(/style=|<script/)
  })

  it("shows a family without a valid QF that the highest tariff applies, and why", async () => {
    const camille = await logIn("camille.lefebvre")
    const text = mainText((await camille.get(path)).body)
    expect(text).toContain("Aucun quotient familial valide au jeudi 26 novembre 2026 : le tarif le plus élevé s'applique.")
    expect(text).toContain("Nathan : 4,50 € par séance")
    expect(text).toContain("Tarif le plus élevé, tranche")
  })

  it("simulates another situation from a known QF: prices by rank, sibling reduction, monthly estimate", async () => {
    const response = await simulate(anotherSituation)
    expect(response.status).toBe(200)
    const text = mainText(response.body)
    expect(text).toContain("Résultat de la simulation")
    expect(text).toContain("Quotient familial indiqué : 400 €.")
    expect(text).toContain("Restauration scolaire : 4 jour(s) par semaine")
    expect(text).toContain("1er enfant : 1,00 € par séance, soit 16,00 € pour 16 séance(s) dans le mois")
    expect(text).toContain("2e enfant : 0,90 € par séance, soit 14,40 € pour 16 séance(s) dans le mois")
    expect(text).toContain("Estimation pour un mois de 4 semaines : 30,40 €")
    expect(response.body).toMatch(/<div class="notice" role="status"><p>Estimation pour un mois de 4 semaines : 30,40/)
    expect(valueOf(response.body, "qf")).toBe("400")
    expect(response.body).toContain('<input type="radio" id="situation-qf" name="situation" value="qf" checked>')
    expect(response.body).toContain('<option value="restauration-scolaire" selected>')
  })

  it("computes the QF from income and parts, and adds the non-resident surcharge", async () => {
    const response = await simulate({ ...anotherSituation, situation: "revenus", qf: "", revenu: "36 000", prestations: "150", residence: "non-resident", enfantsConcernes: "1" })
    expect(response.status).toBe(200)
    const text = mainText(response.body)
    expect(text).toContain("Quotient familial estimé : (36 000,00 € / 12 + 150,00 €) / 3 parts = 1050 €.")
    expect(text).toContain("Majoration non-résident (+20 %)")
    expect(text).toContain("1er enfant : 3,84 € par séance, soit 61,44 € pour 16 séance(s) dans le mois")
    expect(text).toContain("Tranche « T3 » (QF de 801 à 1100 €) : 3,20 €")
  })

  it("shows the form again with each refusal next to its field and the values kept (400)", async () => {
    const empty = await simulate({ situation: "", qf: "", revenu: "", prestations: "", parents: "", enfants: "", enfantsAeeh: "", residence: "", activite: "", joursParSemaine: "", enfantsConcernes: "1" })
    expect(empty.status).toBe(400)
    expect(fieldError(empty.body, "situation")).toBe("Indiquez vos revenus, votre quotient familial, ou qu'il n'est pas connu.")
    expect(fieldError(empty.body, "parents")).toBe("Indiquez le nombre de parents (1 ou 2).")
    expect(fieldError(empty.body, "enfants")).toBe("Indiquez le nombre d'enfants.")
    expect(fieldError(empty.body, "residence")).toBe("Indiquez si vous habitez la commune.")
    expect(fieldError(empty.body, "activite")).toBe("Indiquez l'activité.")
    expect(fieldError(empty.body, "joursParSemaine")).toBe("Indiquez combien de jours par semaine.")
    expect(empty.body).toContain('<div class="error-summary" role="alert"')
    expect(mainText(empty.body)).toContain("Selon ma situation")

    const wrong = await simulate({ ...anotherSituation, qf: "beaucoup" })
    expect(wrong.status).toBe(400)
    expect(fieldError(wrong.body, "qf")).toBe("Le quotient familial s'écrit en euros, en chiffres, par exemple 650.")
    expect(valueOf(wrong.body, "qf")).toBe("beaucoup")

    const days = await simulate({ ...anotherSituation, joursParSemaine: "9", enfants: "deux" })
    expect(days.status).toBe(400)
    expect(fieldError(days.body, "joursParSemaine")).toBe("Le nombre de jours par semaine doit valoir au plus 7.")
    expect(fieldError(days.body, "enfants")).toBe("Le nombre d'enfants doit être un nombre.")
    expect(valueOf(days.body, "joursParSemaine")).toBe("9")
    expect(valueOf(days.body, "enfants")).toBe("deux")

    const aeeh = await simulate({ ...anotherSituation, enfantsAeeh: "3" })
    expect(fieldError(aeeh.body, "enfantsAeeh")).toBe("Le nombre d'enfants bénéficiaires de l'AEEH ne peut dépasser le nombre d'enfants.")

    const income = await simulate({ ...anotherSituation, situation: "revenus", revenu: "trente mille" })
    expect(income.status).toBe(400)
    expect(fieldError(income.body, "revenu")).toBe("Le revenu fiscal de référence s'écrit en euros, en chiffres, par exemple 32 000 ou 32 000,50.")

    const activity = await simulate({ ...anotherSituation, activite: "piscine" })
    expect(activity.status).toBe(400)
    expect(fieldError(activity.body, "activite")).toContain("Le tarif de l'activité piscine pour l'année scolaire 2026-2027 n'est pas encore publié.")
  })

  it("refuses a simulation posted without the page's CSRF token (403)", async () => {
    const page = await concerto.get(path)
    expect(csrfTokenIn(page.body)).toMatch(/^[0-9a-f]{64}$/)
    const forged = await concerto.post(path, anotherSituation, { csrf: "0".repeat(64) })
    expect(forged.status).toBe(403)
  })
})
