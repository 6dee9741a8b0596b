import { AccountRepository, AuditLog, type Household, type HouseholdId, HouseholdRepository } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { mainTextOf, textOf } from "../testing/PageText.js"

/** The message shown next to a field (`<p class="field-error" id="field-erreur">`). */
const fieldError = (html: string, field: string) =>
  textOf(new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? "").replace("Erreur :", "").trim()

const auditOf = (t: TestPortal) => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))

const householdOf = (t: TestPortal, id: HouseholdId): Promise<Household> => t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (h) => h.get(id)))

const accountsOf = (t: TestPortal, id: HouseholdId) => t.demo.runtime.runPromise(Effect.flatMap(AccountRepository, (a) => a.listByHousehold(id)))

/** Every read-only page of the households, for the refusals every route shares. */
const readPages = (concerto: HouseholdId, childId: string) => [
  "/agents/foyers",
  "/agents/foyers?q=concerto",
  `/agents/foyers/${concerto}`,
  `/agents/foyers/${concerto}/membres/${childId}`
]

describe("the households of the back office (reading)", () => {
  let t: TestPortal
  let concerto: HouseholdId
  let lea: string

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await t.householdId("FAM-000101")
    lea = (await householdOf(t, concerto)).children.find((c) => c.firstName === "Léa")?.id ?? ""
  })

  afterAll(async () => {
    await t.close()
  })

  it("sends a visitor to the agents' login and refuses a family's account on every page", async () => {
    const visitor = new BrowserLikeClient(t.url)
    const family = await t.familyClient()
    for (const path of [...readPages(concerto, lea), "/agents/foyers/nouveau", `/agents/foyers/${concerto}/modifier`]) {
      const answer = await visitor.get(path)
      expect(answer.status, path).toBe(303)
      expect(answer.location, path).toBe(`/agents/connexion?suite=${encodeURIComponent(path)}`)
      const refused = await family.get(path)
      expect(refused.status, path).toBe(403)
      expect(mainTextOf(refused.body)).toContain("Cet espace est réservé aux agents de la commune.")
    }
  })

  it("refuses every action to a family's account (403) and to a visitor, changing nothing", async () => {
    const family = await t.familyClient()
    const csrf = csrfTokenIn((await family.get("/mon-espace")).body)
    const visitor = new BrowserLikeClient(t.url)
    const visitorCsrf = csrfTokenIn((await visitor.get("/")).body)
    const [account] = await accountsOf(t, concerto)
    const before = await householdOf(t, concerto)
    const audit = (await auditOf(t)).length
    for (const path of [
      "/agents/foyers/nouveau",
      `/agents/foyers/${concerto}/modifier`,
      `/agents/foyers/${concerto}/membres/nouveau`,
      `/agents/foyers/${concerto}/membres/${lea}`,
      `/agents/foyers/${concerto}/compte/${account?.id}/identifiants`,
      `/agents/foyers/${concerto}/compte/${account?.id}/verrouillage`
    ]) {
      const refused = await family.post(path, { prenom: "Intrus", nomFamille: "Intrus", action: "verrouiller" }, { csrf })
      expect(refused.status, path).toBe(403)
      expect(mainTextOf(refused.body)).toContain("Cet espace est réservé aux agents de la commune.")
      const anonymous = await visitor.post(path, { prenom: "Intrus" }, { csrf: visitorCsrf })
      expect(anonymous.status, path).toBe(303)
    }
    expect(await householdOf(t, concerto)).toEqual(before)
    expect((await auditOf(t)).length).toBe(audit)
    expect((await (await t.agentClient("reader")).get(`/agents/foyers/${concerto}/membres/nouveau?type=enfant`)).status).toBe(403)
  })

  it("lists every household with its references, names, children, e-mail and account state", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get("/agents/foyers")
    expect(page.status).toBe(200)
    const text = mainTextOf(page.body)
    expect(text).toContain("5 foyer(s) enregistré(s).")
    expect(text).toContain("FAM-000101 CONCERTO Anne CONCERTO, Paul CONCERTO Léa CONCERTO, Hugo CONCERTO a.baud@arpege.fr actif")
    expect(text).toContain("FAM-000102 MARCHAND Sophie MARCHAND, Karim MARCHAND Jade MARCHAND sophie.marchand@example.org en attente de la première connexion")
    expect(page.body).toContain(`href="/agents/foyers/${concerto}"`)
    expect(text).not.toContain("Créer un foyer")
    expect(mainTextOf((await (await t.agentClient("agent")).get("/agents/foyers")).body)).toContain("Créer un foyer")
  })

  it("searches by name, child's name, reference or e-mail, ignoring accents and case", async () => {
    const billing = await t.agentClient("billing")
    const found = async (query: string) => {
      const page = await billing.get(`/agents/foyers?q=${encodeURIComponent(query)}`)
      expect(page.status).toBe(200)
      return [...page.body.matchAll(/class="reference">(FAM-\d+)</g)].map((m) => m[1])
    }
    expect(await found("LEA")).toEqual(["FAM-000101"])
    expect(await found("inès")).toEqual(["FAM-000105"])
    expect(await found("ines petit")).toEqual(["FAM-000105"])
    expect(await found("fam-000103")).toEqual(["FAM-000103"])
    expect(await found("sophie.marchand@example.org")).toEqual(["FAM-000102"])
    expect(await found("moreau")).toEqual(["FAM-000104"])
    const none = await billing.get("/agents/foyers?q=zzz")
    expect(mainTextOf(none.body)).toContain("0 foyer(s) trouvé(s).")
    expect(mainTextOf(none.body)).toContain("Aucun foyer ne correspond à cette recherche.")
    expect(none.body).toContain('value="zzz"')
  })

  it("shows everything the family sees: identity, members, QF, enrollments, reservations, requests, invoices, documents, account", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get(`/agents/foyers/${concerto}`)
    expect(page.status).toBe(200)
    const text = mainTextOf(page.body)
    expect(text).toContain("Foyer CONCERTO FAM-000101")
    expect(text).toContain("Anne CONCERTO Paul CONCERTO 1 Chemin de la Cote 76320 SAINT-PIERRE-LES-ELBEUF a.baud@arpege.fr")
    expect(text).toContain("Portable de Maman : 06 39 98 41 27")
    expect(text).toContain("Anne CONCERTO Maman a.baud@arpege.fr 06 39 98 41 27 paie les factures")
    expect(text).toContain("Hugo CONCERTO mercredi 9 février 2022 (4 ans) École maternelle – MS Allergies : Arachide (PAI alimentaire)")
    expect(text).toMatch(/Léa CONCERTO samedi 14 avril 2018 \(8 ans\) École élémentaire – CE2 – \d+ séance\(s\) réservée\(s\)/)
    expect(text).toContain("jeudi 26 novembre 2026 : Restauration scolaire – réservé")
    expect(page.body).toContain(`href="/agents/foyers/${concerto}/membres/${lea}">Agenda de Léa</a>`)
    expect(text).toContain("QF appliqué aujourd'hui : 780 €, transmis par la CAF (allocataire n° 1234567), du jeudi 1er janvier 2026 au jeudi 31 décembre 2026.")
    expect(text).toContain("Léa 2026-2027 Restauration scolaire inscrit")
    expect(text).toContain("Mise à jour du quotient familial mardi 24 novembre 2026 à 21:02")
    expect(page.body).toMatch(/href="\/agents\/demandes\/[^"]+">Mise à jour du quotient familial<\/a>/)
    expect(page.body).toMatch(/href="\/agents\/factures\/[^"]+" class="reference">F-2026-\d+<\/a>/)
    expect(text).toContain("Attestation CAF attestation-qf-caf-2027.pdf (136 octets) mardi 24 novembre 2026 à 21:00 en attente de validation")
    expect(text).toContain("Certificat médical certificat-medical-hugo.pdf (136 octets) lundi 5 octobre 2026 à 08:20 accepté jusqu'au mardi 6 octobre 2026")
    expect(text).toContain("Solde du compte : 121,37 € à payer")
    expect(text).toContain("F-2026-000006 2026-10 mardi 3 novembre 2026 jeudi 3 décembre 2026 121,37 € 121,37 € À payer")
    expect(text).toContain("Identifiant maman.concerto État actif")
    expect(text).not.toContain("Verrouiller le compte")
    expect(text).not.toContain("Modifier l'adresse")
    expect(text).not.toContain("Ajouter un enfant")
  })

  it("shows when the family last logged in", async () => {
    const before = mainTextOf((await (await t.agentClient("agent")).get(`/agents/foyers/${await t.householdId("FAM-000104")}`)).body)
    expect(before).toContain("Dernière connexion non connue")
    await t.familyClient("famille.moreau")
    const after = mainTextOf((await (await t.agentClient("agent")).get(`/agents/foyers/${await t.householdId("FAM-000104")}`)).body)
    expect(after).toContain("Dernière connexion jeudi 26 novembre 2026 à 09:00")
  })

  it("shows a child's details and agenda, and answers 404 for an unknown household or member, or a member of another household", async () => {
    const agent = await t.agentClient("agent")
    const page = await agent.get(`/agents/foyers/${concerto}/membres/${lea}`)
    expect(page.status).toBe(200)
    const text = mainTextOf(page.body)
    expect(text).toContain("Léa CONCERTO")
    expect(text).toContain("Né(e) le samedi 14 avril 2018 (8 ans)")
    expect(text).toContain("Agenda du jeudi 12 novembre 2026 au mercredi 6 janvier 2027")
    expect(text).toMatch(/jeudi 26 novembre 2026( à \d\d:\d\d)? Restauration scolaire réservé/)
    expect(page.body).toContain('name="prenom" type="text" value="Léa"')
    expect((await (await t.agentClient("reader")).get(`/agents/foyers/${concerto}/membres/${lea}`)).body).not.toContain('name="prenom"')
    const moreau = await householdOf(t, await t.householdId("FAM-000104"))
    for (const path of [
      "/agents/foyers/hh-inconnu",
      `/agents/foyers/${"x".repeat(80)}`,
      `/agents/foyers/${concerto}/membres/mbr-inconnu`,
      `/agents/foyers/${concerto}/membres/${moreau.children[0]?.id}`,
      `/agents/foyers/${moreau.id}/membres/${lea}`
    ]) {
      const missing = await agent.get(path)
      expect(missing.status, path).toBe(404)
    }
  })
})

describe("creating a household", () => {
  let t: TestPortal

  beforeAll(async () => {
    t = await startTestPortal()
  })

  afterAll(async () => {
    await t.close()
  })

  const complete = {
    reference: "FAM-000106",
    nomFamille: "MÉNARD",
    adresse: "12 rue Gambetta",
    complement: "",
    codePostal: "76320",
    commune: "Saint-Pierre-lès-Elbeuf",
    email: "ines.menard@example.org",
    telephone1: "06 39 98 12 34",
    libelle1: "Portable d'Inès",
    telephone2: "",
    libelle2: "",
    residence: "resident",
    "adulte1-prenom": "Inès",
    "adulte1-nom": "MÉNARD",
    "adulte1-lien": "Mère",
    "adulte1-email": "",
    "adulte1-telephone": "",
    payeur: "1",
    "enfant1-prenom": "Noé",
    "enfant1-nom": "MÉNARD",
    "enfant1-naissance": "2018-03-04",
    "enfant1-ecole": "École élémentaire",
    "enfant1-niveau": "CE1",
    "enfant1-allergies": "Gluten",
    "enfant1-remarques": "",
    "enfant2-prenom": "Zoé",
    "enfant2-nom": "MÉNARD",
    "enfant2-naissance": "2022-05-20",
    "enfant2-aeeh": "oui"
  }

  it("offers the form to agents who may write, with the next free reference; not to a reader", async () => {
    const agent = await t.agentClient("agent")
    const form = await agent.get("/agents/foyers/nouveau")
    expect(form.status).toBe(200)
    expect(mainTextOf(form.body)).toContain("Créer un foyer")
    expect(form.body).toContain('name="reference" type="text" value="FAM-000106"')
    const reader = await (await t.agentClient("reader")).get("/agents/foyers/nouveau")
    expect(reader.status).toBe(403)
    expect(mainTextOf(reader.body)).toContain("Votre rôle « consultation » ne permet pas de modifier les foyers (droit households.write).")
  })

  it("shows each refusal next to its field, keeping what was typed", async () => {
    const agent = await t.agentClient("agent")
    const blank = await agent.submit("/agents/foyers/nouveau", "/agents/foyers/nouveau", { ...complete, "adulte1-prenom": "", codePostal: "763", "enfant1-naissance": "", "enfant2-niveau": "CM3", email: "ines" })
    expect(blank.status).toBe(400)
    expect(fieldError(blank.body, "adulte1-prenom")).toBe("Indiquez le prénom de chaque responsable légal.")
    expect(fieldError(blank.body, "codePostal")).toBe("Le code postal compte 5 chiffres, par exemple 76320.")
    expect(fieldError(blank.body, "enfant1-naissance")).toBe("Indiquez la date de naissance de l'enfant.")
    expect(fieldError(blank.body, "enfant2-niveau")).toContain("Le niveau scolaire doit être l'un de")
    expect(fieldError(blank.body, "email")).toContain("L'adresse e-mail n'est pas valide")
    expect(blank.body).toContain('value="MÉNARD"')
    expect(blank.body).toContain('value="Gambetta'.replace("Gambetta", "12 rue Gambetta"))
    expect(blank.body).toContain('<a href="#adulte1-prenom">')
    const taken = await agent.submit("/agents/foyers/nouveau", "/agents/foyers/nouveau", { ...complete, reference: "FAM-000101" })
    expect(taken.status).toBe(400)
    expect(fieldError(taken.body, "reference")).toBe("La référence de dossier FAM-000101 est déjà celle d'un autre foyer. Choisissez une autre référence ou ouvrez le dossier existant.")
    const noPayer = await agent.submit("/agents/foyers/nouveau", "/agents/foyers/nouveau", { ...complete, payeur: "2" })
    expect(noPayer.status).toBe(400)
    expect(fieldError(noPayer.body, "payeur")).toBe("Indiquez quel responsable légal paie les factures.")
    expect(t.world.mails.temporaryCredentials.filter((m) => m.email === "ines.menard@example.org")).toEqual([])
  })

  it("refuses a reader's form with 403, creating nothing, and records the refusal", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get("/agents/foyers")
    const answer = await reader.post("/agents/foyers/nouveau", complete, { csrf: csrfTokenIn(page.body) })
    expect(answer.status).toBe(403)
    const found = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (h) => h.findByReference("FAM-000106")))
    expect(found._tag).toBe("None")
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "households.create", outcome: "denied", actorRole: "reader", target: { kind: "household", id: "FAM-000106" } })
  })

  it("creates the household and its account; the family receives its identifier and temporary password, and must choose its own", async () => {
    const agent = await t.agentClient("agent")
    const created = await agent.submit("/agents/foyers/nouveau", "/agents/foyers/nouveau", complete)
    expect(created.status).toBe(303)
    expect(created.location).toMatch(/^\/agents\/foyers\/[^/?]+\?message=foyer-cree$/)
    const householdId = await t.householdId("FAM-000106")
    expect(created.location).toBe(`/agents/foyers/${householdId}?message=foyer-cree`)
    const household = await householdOf(t, householdId)
    expect(household.children.map((c) => [c.firstName, c.birthDate, c.schoolLevel, c.allergies, c.aeeh])).toEqual([
      ["Noé", "2018-03-04", "CE1", "Gluten", false],
      ["Zoé", "2022-05-20", undefined, undefined, true]
    ])
    expect(household.contact.phones).toEqual([{ label: "Portable d'Inès", number: "06 39 98 12 34" }])
    const page = await agent.get(created.location ?? "")
    expect(page.body).toContain('<div class="notice" role="status">')
    expect(mainTextOf(page.body)).toContain("Le foyer est créé. Son identifiant de connexion et un mot de passe provisoire sont envoyés par mail à l'adresse du foyer")
    expect(mainTextOf(page.body)).toContain("en attente de la première connexion")
    const mail = t.world.mails.temporaryCredentials.find((m) => m.email === "ines.menard@example.org")
    expect(mail).toBeDefined()
    const [account] = await accountsOf(t, householdId)
    expect(mail?.login).toBe(account?.login)
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "households.create", outcome: "done", actorName: "Claire DUBOIS", actorRole: "agent", target: { kind: "household", id: "FAM-000106" }, before: null })
    expect(record?.after).toMatchObject({ household: { id: householdId, reference: "FAM-000106", familyName: "MÉNARD" }, account: { login: mail?.login, mustChangeCredentials: true } })
    const family = new BrowserLikeClient(t.url)
    const login = await family.submit("/", "/connexion", { identifiant: mail?.login ?? "", motDePasse: mail?.temporaryPassword ?? "" })
    expect(login.status).toBe(303)
    expect(login.location).toBe("/premiere-connexion")
  })
})

describe("editing a household, its members and its account", () => {
  let t: TestPortal
  let concerto: HouseholdId
  let marchand: HouseholdId

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await t.householdId("FAM-000101")
    marchand = await t.householdId("FAM-000102")
  })

  afterAll(async () => {
    await t.close()
  })

  it("changes the address, contact details and residency, with refusals next to the fields; audited", async () => {
    const agent = await t.agentClient("agent")
    const path = `/agents/foyers/${concerto}/modifier`
    const form = await agent.get(path)
    expect(form.status).toBe(200)
    expect(form.body).toContain('name="adresse" type="text" value="1 Chemin de la Cote"')
    const values = {
      nomFamille: "CONCERTO",
      adresse: "3 rue de la République",
      complement: "Bâtiment B",
      codePostal: "76500",
      commune: "ELBEUF",
      email: "a.baud@arpege.fr",
      telephone1: "",
      libelle1: "",
      telephone2: "06 39 98 41 27",
      libelle2: "Portable de Maman",
      residence: "non-resident"
    }
    const refused = await agent.submit(path, path, { ...values, codePostal: "ABCDE", telephone2: "12" })
    expect(refused.status).toBe(400)
    expect(fieldError(refused.body, "codePostal")).toBe("Le code postal compte 5 chiffres, par exemple 76320.")
    expect(fieldError(refused.body, "telephone2")).toContain("Le numéro de téléphone doit compter 10 chiffres")
    expect(refused.body).toContain('value="3 rue de la République"')
    const done = await agent.submit(path, path, values)
    expect(done.location).toBe(`/agents/foyers/${concerto}?message=foyer-modifie`)
    const household = await householdOf(t, concerto)
    expect(household).toMatchObject({ residency: "non-resident", address: { line1: "3 rue de la République", line2: "Bâtiment B", city: "ELBEUF" } })
    expect(household.contact.phones).toEqual([{ label: "Portable de Maman", number: "06 39 98 41 27" }])
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "households.update", outcome: "done", target: { kind: "household", id: concerto } })
    expect(record?.before).toMatchObject({ residency: "resident", address: { line1: "1 Chemin de la Cote" } })
    expect(record?.after).toMatchObject({ residency: "non-resident", address: { line1: "3 rue de la République" } })
    const family = await t.familyClient()
    expect(mainTextOf((await family.get("/mon-espace")).body)).toContain("3 rue de la République")
  })

  it("refuses a reader's change with 403 and records it; the household is unchanged", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get(`/agents/foyers/${marchand}`)
    const before = await householdOf(t, marchand)
    const answer = await reader.post(`/agents/foyers/${marchand}/modifier`, { nomFamille: "X", adresse: "1 rue", codePostal: "76500", commune: "ELBEUF", email: "x@example.org", residence: "resident" }, { csrf: csrfTokenIn(page.body) })
    expect(answer.status).toBe(403)
    expect(await householdOf(t, marchand)).toEqual(before)
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "households.update", outcome: "denied", actorRole: "reader", target: { id: marchand } })
    expect((await reader.get(`/agents/foyers/${marchand}/modifier`)).status).toBe(403)
  })

  it("adds a child and a guardian, and edits a child; refusals next to the fields", async () => {
    const agent = await t.agentClient("agent")
    const newChild = `/agents/foyers/${marchand}/membres/nouveau`
    const form = await agent.get(`${newChild}?type=enfant`)
    expect(form.status).toBe(200)
    expect(mainTextOf(form.body)).toContain("Ajouter un enfant")
    const refused = await agent.submit(`${newChild}?type=enfant`, newChild, { type: "enfant", prenom: "Lou", nom: "MARCHAND", naissance: "2024-02-30" })
    expect(refused.status).toBe(400)
    expect(fieldError(refused.body, "naissance")).not.toBe("")
    expect(refused.body).toContain('value="Lou"')
    const added = await agent.submit(`${newChild}?type=enfant`, newChild, { type: "enfant", prenom: "Lou", nom: "MARCHAND", naissance: "2024-02-29", niveau: "", allergies: "Lactose", remarques: "" })
    expect(added.location).toBe(`/agents/foyers/${marchand}?message=membre-ajoute`)
    const withLou = await householdOf(t, marchand)
    const lou = withLou.children.find((c) => c.firstName === "Lou")
    expect(lou).toMatchObject({ birthDate: "2024-02-29", allergies: "Lactose" })
    expect(mainTextOf((await agent.get(`/agents/foyers/${marchand}`)).body)).toContain("Lou MARCHAND")
    const tutor = await agent.submit(`${newChild}?type=adulte`, newChild, { type: "adulte", prenom: "Marie", nom: "DURAND", lien: "Grand-mère", email: "", telephone: "", payeur: "oui" })
    expect(tutor.status).toBe(303)
    expect((await householdOf(t, marchand)).adults.map((a) => [a.firstName, a.isPayer])).toEqual([["Sophie", false], ["Karim", false], ["Marie", true]])
    const marie = (await householdOf(t, marchand)).adults.find((a) => a.firstName === "Marie")
    const stop = await agent.submit(`/agents/foyers/${marchand}/membres/${marie?.id}`, `/agents/foyers/${marchand}/membres/${marie?.id}`, { prenom: "Marie", nom: "DURAND", lien: "Grand-mère" })
    expect(stop.status).toBe(400)
    expect(fieldError(stop.body, "payeur")).toContain("Ce responsable reçoit les factures du foyer")
    const edit = `/agents/foyers/${marchand}/membres/${lou?.id}`
    const edited = await agent.submit(edit, edit, { prenom: "Lou", nom: "MARCHAND", naissance: "2024-02-29", niveau: "PS", allergies: "", remarques: "Sieste l'après-midi", aeeh: "oui" })
    expect(edited.location).toBe(`/agents/foyers/${marchand}?message=membre-modifie`)
    const louEdited = (await householdOf(t, marchand)).children.find((c) => c.id === lou?.id)
    expect(louEdited).toMatchObject({ schoolLevel: "PS", notes: "Sieste l'après-midi", aeeh: true })
    expect(louEdited?.allergies).toBeUndefined()
    const actions = (await auditOf(t)).slice(0, 5).map((r) => [r.action, r.outcome])
    expect(actions).toEqual([
      ["households.updateMember", "done"],
      ["households.updateMember", "refused"],
      ["households.addMember", "done"],
      ["households.addMember", "done"],
      ["households.addMember", "refused"]
    ])
    const reader = await t.agentClient("reader")
    const denied = await reader.post(newChild, { type: "enfant", prenom: "Intrus", nom: "X", naissance: "2020-01-01" }, { csrf: csrfTokenIn((await reader.get("/agents")).body) })
    expect(denied.status).toBe(403)
    expect((await householdOf(t, marchand)).children.some((c) => c.firstName === "Intrus")).toBe(false)
    expect((await auditOf(t))[0]).toMatchObject({ action: "households.addMember", outcome: "denied" })
  })

  it("sends the identifier and a new temporary password again to a family that has not logged in yet; not once it chose its own", async () => {
    const agent = await t.agentClient("agent")
    const [account] = await accountsOf(t, marchand)
    const page = await agent.get(`/agents/foyers/${marchand}`)
    expect(mainTextOf(page.body)).toContain("Renvoyer l'identifiant et un mot de passe provisoire")
    const sent = await agent.post(`/agents/foyers/${marchand}/compte/${account?.id}/identifiants`, {}, { csrf: csrfTokenIn(page.body) })
    expect(sent.location).toBe(`/agents/foyers/${marchand}?message=identifiants-envoyes`)
    const mail = t.world.mails.temporaryCredentials.at(-1)
    expect(mail).toMatchObject({ login: account?.login, email: "sophie.marchand@example.org" })
    const family = new BrowserLikeClient(t.url)
    expect((await family.submit("/", "/connexion", { identifiant: account?.login ?? "", motDePasse: mail?.temporaryPassword ?? "" })).location).toBe("/premiere-connexion")
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "accounts.resendActivation", outcome: "done", target: { kind: "household", id: marchand } })
    expect(JSON.stringify(record)).not.toContain("passwordHash")
    const [concertoAccount] = await accountsOf(t, concerto)
    const concertoPage = await agent.get(`/agents/foyers/${concerto}`)
    expect(mainTextOf(concertoPage.body)).not.toContain("Renvoyer l'identifiant")
    const refused = await agent.post(`/agents/foyers/${concerto}/compte/${concertoAccount?.id}/identifiants`, {}, { csrf: csrfTokenIn(concertoPage.body) })
    expect(refused.status).toBe(400)
    expect(mainTextOf(refused.body)).toContain("La famille a déjà choisi son identifiant et son mot de passe")
    const foreign = await agent.post(`/agents/foyers/${marchand}/compte/${concertoAccount?.id}/identifiants`, {}, { csrf: csrfTokenIn(concertoPage.body) })
    expect(foreign.status).toBe(404)
    const reader = await t.agentClient("reader")
    const denied = await reader.post(`/agents/foyers/${marchand}/compte/${account?.id}/identifiants`, {}, { csrf: csrfTokenIn((await reader.get("/agents")).body) })
    expect(denied.status).toBe(403)
    expect((await auditOf(t))[0]).toMatchObject({ action: "accounts.resendActivation", outcome: "denied" })
  })

  it("lets an administrator lock the account (the family cannot log in, with the town's message) and unlock it", async () => {
    const admin = await t.agentClient("admin")
    const [account] = await accountsOf(t, concerto)
    const lockPath = `/agents/foyers/${concerto}/compte/${account?.id}/verrouillage`
    const agent = await t.agentClient("agent")
    const agentPage = await agent.get(`/agents/foyers/${concerto}`)
    expect(mainTextOf(agentPage.body)).not.toContain("Verrouiller le compte")
    const denied = await agent.post(lockPath, { action: "verrouiller" }, { csrf: csrfTokenIn(agentPage.body) })
    expect(denied.status).toBe(403)
    expect((await auditOf(t))[0]).toMatchObject({ action: "accounts.disable", outcome: "denied", actorRole: "agent" })
    const loggedIn = await t.familyClient()
    const page = await admin.get(`/agents/foyers/${concerto}`)
    const locked = await admin.post(lockPath, { action: "verrouiller" }, { csrf: csrfTokenIn(page.body) })
    expect(locked.location).toBe(`/agents/foyers/${concerto}?message=compte-verrouille`)
    expect(mainTextOf((await admin.get(locked.location ?? "")).body)).toContain("Le compte est verrouillé : la famille ne peut plus se connecter.")
    expect((await loggedIn.get("/mon-espace")).status).toBe(303)
    const refused = await new BrowserLikeClient(t.url).submit("/", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })
    expect(refused.status).toBe(403)
    expect(mainTextOf(refused.body)).toContain("Ce compte a été désactivé par la mairie. Contactez le Service à la Population pour le réactiver.")
    const unlockPage = await admin.get(`/agents/foyers/${concerto}`)
    expect(mainTextOf(unlockPage.body)).toContain("Déverrouiller le compte")
    const unlocked = await admin.post(lockPath, { action: "deverrouiller" }, { csrf: csrfTokenIn(unlockPage.body) })
    expect(unlocked.location).toBe(`/agents/foyers/${concerto}?message=compte-deverrouille`)
    expect((await new BrowserLikeClient(t.url).submit("/", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })).location).toBe("/mon-espace")
    const [unlock, lock] = await auditOf(t)
    expect(unlock).toMatchObject({ action: "accounts.enable", outcome: "done", actorRole: "admin", target: { kind: "account", id: account?.id } })
    expect(lock).toMatchObject({ action: "accounts.disable", outcome: "done", target: { kind: "account", id: account?.id } })
    expect(lock?.after).toHaveProperty("disabledAt")
  })
})
