import { AccountRepository, type HouseholdId, HouseholdRepository, Instant, RequestRepository } from "@spe/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { signLink } from "../SignedLinks.js"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

/** The message shown next to a field (its `…-erreur` paragraph). */
const fieldError = (html: string, field: string): string | undefined => {
  const match = new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).replace(/^Erreur : /, "")
}

/** The value an input shows. */
const valueOf = (html: string, field: string): string | undefined => {
  const input = new RegExp(`<input id="${field}" name="${field}"[^>]*>`).exec(html)?.[0]
  if (input === undefined) return undefined
  return textOf(/ value="([^"]*)"/.exec(input)?.[1] ?? "")
}

const logIn = async (t: TestPortal, login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

const householdOf = (t: TestPortal, householdId: HouseholdId) =>
  t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (households) => households.get(householdId)))

const concertoForm = {
  adresse1: "1 Chemin de la Cote",
  adresse2: "",
  codePostal: "76320",
  commune: "SAINT-PIERRE-LES-ELBEUF",
  email: "a.baud@arpege.fr",
  telephone1Libelle: "Portable de Maman",
  telephone1Numero: "06 39 98 41 27",
  telephone2Libelle: "",
  telephone2Numero: ""
}

describe("Coordonnées", () => {
  let t: TestPortal
  let concerto: HouseholdId

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await t.householdId("FAM-000101")
  })

  afterAll(async () => {
    await t.close()
  })

  it("is in the menu of Mon espace and shows the household's address, phones and e-mail with the guide's wording", async () => {
    const browser = await logIn(t, demoFamily.login)
    const space = await browser.get("/mon-espace")
    expect(space.body).toContain('<a href="/mon-espace/coordonnees">Coordonnées</a>')
    const page = await browser.get("/mon-espace/coordonnees")
    expect(page.status).toBe(200)
    const text = mainText(page.body)
    expect(text).toContain("Coordonnées")
    expect(text).toContain("Modification si besoin de vos coordonnées (adresse, numéro de téléphone, adresse mail).")
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1)
    expect(valueOf(page.body, "adresse1")).toBe("1 Chemin de la Cote")
    expect(valueOf(page.body, "codePostal")).toBe("76320")
    expect(valueOf(page.body, "commune")).toBe("SAINT-PIERRE-LES-ELBEUF")
    expect(valueOf(page.body, "email")).toBe("a.baud@arpege.fr")
    expect(valueOf(page.body, "telephone1Libelle")).toBe("Portable de Maman")
    expect(valueOf(page.body, "telephone1Numero")).toBe("06 39 98 41 27")
    expect(valueOf(page.body, "telephone2Numero")).toBe("")
    expect(page.body).toMatch(/<label for="telephone2Numero">Numéro 2 <span class="optional">\(facultatif\)<\/span><\/label>/)
    expect(page.body).toContain('name="_csrf"')
  })

  it("shows each refusal next to its field, keeps what was typed, and changes nothing", async () => {
    const browser = await logIn(t, demoFamily.login)
    const response = await browser.submit("/mon-espace/coordonnees", "/mon-espace/coordonnees", {
      ...concertoForm,
      adresse1: "",
      codePostal: "7632",
      email: "anne@",
      telephone1Numero: "12",
      telephone2Libelle: "Travail",
      telephone2Numero: ""
    })
    expect(response.status).toBe(400)
    expect(fieldError(response.body, "adresse1")).toBe("Indiquez l'adresse (numéro et rue).")
    expect(fieldError(response.body, "codePostal")).toBe("Le code postal compte 5 chiffres, par exemple 76320.")
    expect(fieldError(response.body, "email")).toBe("L'adresse e-mail n'est pas valide : écrivez-la sous la forme prenom.nom@exemple.fr.")
    expect(fieldError(response.body, "telephone1Numero")).toBe(
      "Le numéro de téléphone doit compter 10 chiffres, par exemple 02 32 96 95 70 ou +33 6 12 34 56 78."
    )
    expect(fieldError(response.body, "telephone2Numero")).toBe("Indiquez le numéro de téléphone.")
    expect(fieldError(response.body, "commune")).toBeUndefined()
    expect(response.body).toContain("Votre saisie n'a pas été acceptée")
    expect(valueOf(response.body, "codePostal")).toBe("7632")
    expect(valueOf(response.body, "email")).toBe("anne@")
    expect(valueOf(response.body, "telephone2Libelle")).toBe("Travail")
    expect(valueOf(response.body, "commune")).toBe("SAINT-PIERRE-LES-ELBEUF")
    const household = await householdOf(t, concerto)
    expect(household.address.postalCode).toBe("76320")
    expect(household.contact.phones.map((p) => p.number)).toEqual(["06 39 98 41 27"])
    expect(t.world.mails.emailConfirmationLinks).toEqual([])
  })

  it("saves two labelled phone numbers at once and offers a row for another", async () => {
    const browser = await logIn(t, demoFamily.login)
    const response = await browser.submit("/mon-espace/coordonnees", "/mon-espace/coordonnees", {
      ...concertoForm,
      telephone1Numero: "06 39 98 41 29",
      telephone2Libelle: "Portable de Papa",
      telephone2Numero: "06 39 98 41 28"
    })
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace/coordonnees?fait=telephones")
    const page = await browser.get(response.location ?? "")
    expect(mainText(page.body)).toContain("Vos numéros de téléphone sont enregistrés.")
    expect(page.body).toMatch(/<div class="notice" role="status">/)
    expect(valueOf(page.body, "telephone2Numero")).toBe("06 39 98 41 28")
    expect(valueOf(page.body, "telephone3Numero")).toBe("")
    const household = await householdOf(t, concerto)
    expect(household.contact.phones).toEqual([
      { label: "Portable de Maman", number: "06 39 98 41 29" },
      { label: "Portable de Papa", number: "06 39 98 41 28" }
    ])
    expect(household.contact.email).toBe("a.baud@arpege.fr")
    const same = await browser.submit("/mon-espace/coordonnees", "/mon-espace/coordonnees", {
      ...concertoForm,
      telephone1Numero: "06 39 98 41 29",
      telephone2Libelle: "Portable de Papa",
      telephone2Numero: "06 39 98 41 28"
    })
    expect(same.location).toBe("/mon-espace/coordonnees?fait=rien")
  })

  it("sends a new address to the Service à la Population as a request, shown until it is decided", async () => {
    const browser = await logIn(t, demoFamily.login)
    const response = await browser.submit("/mon-espace/coordonnees", "/mon-espace/coordonnees", {
      ...concertoForm,
      telephone1Numero: "06 39 98 41 29",
      telephone2Libelle: "Portable de Papa",
      telephone2Numero: "06 39 98 41 28",
      adresse1: "8 rue des Tilleuls",
      adresse2: "Bâtiment B",
      codePostal: "76410",
      commune: "Cléon"
    })
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace/coordonnees?fait=adresse")
    const requests = await t.demo.runtime.runPromise(Effect.flatMap(RequestRepository, (r) => r.listByHousehold(concerto, { kinds: ["ContactChange"] })))
    expect(requests).toHaveLength(1)
    expect(requests[0]?.payload).toMatchObject({ _tag: "ContactChange", address: { line1: "8 rue des Tilleuls", line2: "Bâtiment B", postalCode: "76410", city: "Cléon" } })
    expect(requests[0]?.status).toBe("submitted")
    expect((await householdOf(t, concerto)).address.line1).toBe("1 Chemin de la Cote")
    const page = await browser.get(response.location ?? "")
    const text = mainText(page.body)
    expect(text).toContain("Votre nouvelle adresse est transmise au Service à la Population : elle remplacera l'ancienne après vérification.")
    expect(text).toContain("Votre demande de changement d'adresse du jeudi 26 novembre 2026 à 09:00 est envoyée")
    expect(text).toContain("8 rue des Tilleuls Bâtiment B 76410 Cléon")
    expect(page.body).toContain(`href="/mon-espace/demandes/${requests[0]?.id}"`)
  })

  it("needs a logged-in family", async () => {
    const anonymous = new BrowserLikeClient(t.url)
    const page = await anonymous.get("/mon-espace/coordonnees")
    expect(page.status).toBe(303)
    expect(page.location).toBe("/?suite=%2Fmon-espace%2Fcoordonnees")
    const post = await anonymous.post("/mon-espace/coordonnees", concertoForm)
    expect(post.status).toBe(403)
  })
})

describe("a new e-mail address", () => {
  let t: TestPortal
  let concerto: HouseholdId

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await t.householdId("FAM-000101")
  })

  afterAll(async () => {
    await t.close()
  })

  const lastLink = (): string => {
    const mail = t.world.mails.emailConfirmationLinks.at(-1)
    if (mail === undefined) throw new Error("No confirmation mail")
    return mail.link
  }

  it("is mailed a confirmation link, applied only when the household follows it (after logging in)", async () => {
    const browser = await logIn(t, demoFamily.login)
    const response = await browser.submit("/mon-espace/coordonnees", "/mon-espace/coordonnees", { ...concertoForm, email: "anne.concerto@exemple.fr" })
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace/coordonnees?fait=courriel")
    const notice = mainText((await browser.get(response.location ?? "")).body)
    expect(notice).toContain("Un lien de confirmation vient d'être envoyé à votre nouvelle adresse e-mail : suivez-le dans les 48 heures")
    expect(t.world.mails.emailConfirmationLinks).toHaveLength(1)
    const mail = t.world.mails.emailConfirmationLinks[0]
    expect(mail?.email).toBe("anne.concerto@exemple.fr")
    expect(mail?.expiresAt).toBe("2026-11-28T08:00:00.000Z")
    expect(mail?.link.startsWith(`${t.url}/mon-espace/coordonnees/confirmation/`)).toBe(true)
    expect((await householdOf(t, concerto)).contact.email).toBe("a.baud@arpege.fr")

    const path = new URL(lastLink()).pathname
    const elsewhere = new BrowserLikeClient(t.url)
    const toLogin = await elsewhere.get(path)
    expect(toLogin.status).toBe(303)
    expect(toLogin.location).toBe(`/?suite=${encodeURIComponent(path)}`)
    const loggedIn = await elsewhere.submit(toLogin.location ?? "", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password, suite: path })
    expect(loggedIn.location).toBe(path)
    const confirmed = await elsewhere.get(path)
    expect(confirmed.status).toBe(303)
    expect(confirmed.location).toBe("/mon-espace/coordonnees?fait=courriel-confirme")
    const page = await elsewhere.get(confirmed.location ?? "")
    expect(mainText(page.body)).toContain("Votre nouvelle adresse e-mail est confirmée")
    expect(valueOf(page.body, "email")).toBe("anne.concerto@exemple.fr")
    expect((await householdOf(t, concerto)).contact.email).toBe("anne.concerto@exemple.fr")
    const account = await t.demo.runtime.runPromise(Effect.flatMap(AccountRepository, (accounts) => accounts.findByLogin(demoFamily.login)))
    expect(Option.getOrThrow(account).email).toBe("anne.concerto@exemple.fr")
  })

  it("refuses a forged or altered link, and another household's link, with a French page (400)", async () => {
    const browser = await logIn(t, demoFamily.login)
    const forged = await browser.get("/mon-espace/coordonnees/confirmation/eyJob3VzZWhvbGRJZCI6ImgifQ.faux")
    expect(forged.status).toBe(400)
    expect(mainText(forged.body)).toContain("Ce lien de confirmation n'est pas valable : il est incomplet ou a été modifié.")
    const otherSecret = signLink("un-autre-secret-que-celui-du-portail-76320", "courriel", {
      householdId: concerto,
      email: "pirate@exemple.fr",
      expires: "2026-11-28T08:00:00.000Z"
    })
    const wrongSecret = await browser.get(`/mon-espace/coordonnees/confirmation/${otherSecret}`)
    expect(wrongSecret.status).toBe(400)
    const lefebvre = await t.householdId("FAM-000103")
    const theirs = signLink(t.portal.kit.settings.linkSecret, "courriel", { householdId: lefebvre, email: "pirate@exemple.fr", expires: "2026-11-28T08:00:00.000Z" })
    const other = await browser.get(`/mon-espace/coordonnees/confirmation/${theirs}`)
    expect(other.status).toBe(400)
    expect(mainText(other.body)).toContain("Ce lien de confirmation concerne un autre foyer")
    const calendarPurpose = signLink(t.portal.kit.settings.linkSecret, "calendrier", { householdId: concerto, email: "pirate@exemple.fr", expires: "2026-11-28T08:00:00.000Z" })
    expect((await browser.get(`/mon-espace/coordonnees/confirmation/${calendarPurpose}`)).status).toBe(400)
    expect((await householdOf(t, concerto)).contact.email).not.toBe("pirate@exemple.fr")
  })

  it("expires 48 hours after it was sent", async () => {
    const browser = await logIn(t, demoFamily.login)
    await browser.submit("/mon-espace/coordonnees", "/mon-espace/coordonnees", { ...concertoForm, email: "trop.tard@exemple.fr" })
    const path = new URL(lastLink()).pathname
    const sent = t.world.clock.now()
    t.world.clock.set(Instant.plusMinutes(sent, 48 * 60 + 1))
    try {
      const again = await logIn(t, demoFamily.login)
      const late = await again.get(path)
      expect(late.status).toBe(400)
      expect(mainText(late.body)).toContain("Ce lien de confirmation a expiré le samedi 28 novembre 2026 à 09:00 (il était valable 48 heures)")
      expect((await householdOf(t, concerto)).contact.email).not.toBe("trop.tard@exemple.fr")
    } finally {
      t.world.clock.set(sent)
    }
  })
})
