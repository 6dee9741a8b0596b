import { type HouseholdId, type SupportingDocument, SupportingDocumentRepository } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

const fieldError = (html: string, field: string): string | undefined => {
  const match = new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).replace(/^Erreur : /, "")
}

const logIn = async (t: TestPortal, login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

const pdf = (label: string, padding = 0): Uint8Array => {
  const head = new TextEncoder().encode(`%PDF-1.4\n% ${label}\n`)
  const bytes = new Uint8Array(head.length + padding + 6)
  bytes.set(head)
  for (let i = 0; i < padding; i++) bytes[head.length + i] = (i * 31) % 256
  bytes.set(new TextEncoder().encode("%%EOF\n"), head.length + padding)
  return bytes
}

const png = (): Uint8Array => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4])

const documentsOf = (t: TestPortal, householdId: HouseholdId): Promise<ReadonlyArray<SupportingDocument>> =>
  t.demo.runtime.runPromise(Effect.flatMap(SupportingDocumentRepository, (documents) => documents.listByHousehold(householdId)))

describe("Justificatifs", () => {
  let t: TestPortal
  let concerto: HouseholdId
  let browser: BrowserLikeClient

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await t.householdId("FAM-000101")
    browser = await logIn(t, demoFamily.login)
  })

  afterAll(async () => {
    await t.close()
  })

  const byName = async (name: string): Promise<SupportingDocument> => {
    const found = (await documentsOf(t, concerto)).find((d) => d.file.name === name)
    if (found === undefined) throw new Error(`No document ${name}`)
    return found
  }

  it("is in the menu and lists the household's documents with their review", async () => {
    expect((await browser.get("/mon-espace")).body).toContain('<a href="/mon-espace/justificatifs">Justificatifs</a>')
    const page = await browser.get("/mon-espace/justificatifs")
    expect(page.status).toBe(200)
    const text = mainText(page.body)
    expect(text).toContain("Justificatifs")
    expect(text).toContain("espace de stockage des justificatifs")
    expect(text).toMatch(/Attestation CAF attestation-qf-caf-2027\.pdf \(\d+ octets\) mardi 24 novembre 2026 à 21:00 En attente de vérification Télécharger/)
    expect(text).toMatch(/Certificat médical certificat-medical-hugo\.pdf \(\d+ octets\) lundi 5 octobre 2026 à 08:20 Accepté jusqu'au mardi 6 octobre 2026 Télécharger/)
    expect(page.body).toContain('<th scope="col">Vérification</th>')
    expect(page.body).toContain('<td data-label="Déposé le">')
    expect(page.body).toContain('enctype="multipart/form-data"')
    expect(page.body).toContain('<option value="insurance">Attestation d&#x27;assurance</option>')
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1)
  })

  it("stores an upload and gives the same bytes back, as an attachment of its stored type", async () => {
    const bytes = pdf("assurance scolaire", 5_000)
    const response = await browser.submitMultipart("/mon-espace/justificatifs", "/mon-espace/justificatifs", { type: "insurance" }, {
      justificatif: { fileName: "assurance-école 2026.pdf", type: "application/pdf", bytes }
    })
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace/justificatifs?message=depose")
    const page = await browser.get(response.location ?? "")
    expect(mainText(page.body)).toContain("Votre justificatif est déposé : le Service à la Population va le vérifier.")
    expect(mainText(page.body)).toMatch(/Attestation d'assurance assurance-école 2026\.pdf \(5 ko\) jeudi 26 novembre 2026 à 09:00 En attente de vérification Télécharger/)
    const stored = await byName("assurance-école 2026.pdf")
    expect(page.body).toContain(`href="/mon-espace/justificatifs/${stored.id}"`)
    const download = await browser.get(`/mon-espace/justificatifs/${stored.id}`)
    expect(download.status).toBe(200)
    expect([...download.bytes]).toEqual([...bytes])
    expect(download.headers.get("content-type")).toBe("application/pdf")
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="assurance-ecole 2026.pdf"; filename*=UTF-8''assurance-%C3%A9cole%202026.pdf`)
    expect(download.headers.get("x-content-type-options")).toBe("nosniff")
    expect(download.headers.get("cache-control")).toBe("no-store")
    const image = await browser.submitMultipart("/mon-espace/justificatifs", "/mon-espace/justificatifs", { type: "vaccinations" }, {
      justificatif: { fileName: "carnet.png", type: "image/png", bytes: png() }
    })
    expect(image.status).toBe(303)
    const carnet = await browser.get(`/mon-espace/justificatifs/${(await byName("carnet.png")).id}`)
    expect(carnet.headers.get("content-type")).toBe("image/png")
    expect(carnet.headers.get("content-disposition")).toMatch(/^attachment; /)
  })

  it("shows each refusal of an upload next to its field and keeps the type chosen", async () => {
    const nothing = await browser.submitMultipart("/mon-espace/justificatifs", "/mon-espace/justificatifs", { type: "" }, {})
    expect(nothing.status).toBe(400)
    expect(fieldError(nothing.body, "type")).toBe("Choisissez le type de justificatif dans la liste.")
    expect(fieldError(nothing.body, "justificatif")).toBe("Choisissez le fichier à déposer (un scan ou une photo du justificatif).")
    const fake = await browser.submitMultipart("/mon-espace/justificatifs", "/mon-espace/justificatifs", { type: "taxNotice" }, {
      justificatif: { fileName: "avis.pdf", type: "application/pdf", bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>") }
    })
    expect(fake.status).toBe(400)
    expect(fieldError(fake.body, "justificatif")).toBe(
      "Le contenu du fichier « avis.pdf » n'est pas un vrai fichier PDF (il a peut-être été renommé) : enregistrez-le à nouveau au format PDF puis déposez-le."
    )
    expect(fake.body).toContain('<option value="taxNotice" selected>')
    expect((await documentsOf(t, concerto)).map((d) => d.file.name)).not.toContain("avis.pdf")
  })

  it("replaces a document by a new file of the same kind, deleting the old one", async () => {
    const old = await byName("assurance-école 2026.pdf")
    const page = await browser.get(`/mon-espace/justificatifs/${old.id}/remplacer`)
    expect(page.status).toBe(200)
    expect(mainText(page.body)).toContain("Remplacer un justificatif")
    expect(mainText(page.body)).toContain("assurance-école 2026.pdf")
    const refused = await browser.postMultipart(`/mon-espace/justificatifs/${old.id}/remplacer`, {}, {
      justificatif: { fileName: "vide.pdf", type: "application/pdf", bytes: new Uint8Array() }
    }, { csrf: csrfTokenIn(page.body) })
    expect(refused.status).toBe(400)
    expect(fieldError(refused.body, "justificatif")).toContain("Le fichier « vide.pdf » est vide")
    const bytes = pdf("assurance 2027")
    const response = await browser.postMultipart(`/mon-espace/justificatifs/${old.id}/remplacer`, {}, {
      justificatif: { fileName: "assurance-2027.pdf", type: "application/pdf", bytes }
    }, { csrf: csrfTokenIn(page.body) })
    expect(response.status).toBe(303)
    expect(response.location).toBe("/mon-espace/justificatifs?message=remplace")
    const renewed = await byName("assurance-2027.pdf")
    expect(renewed.kind).toBe("insurance")
    expect((await browser.get(`/mon-espace/justificatifs/${old.id}`)).status).toBe(404)
    expect([...(await browser.get(`/mon-espace/justificatifs/${renewed.id}`)).bytes]).toEqual([...bytes])
  })

  it("keeps a replaced document that a request refers to", async () => {
    const attestation = await byName("attestation-qf-caf-2027.pdf")
    const response = await browser.submitMultipart(`/mon-espace/justificatifs/${attestation.id}/remplacer`, `/mon-espace/justificatifs/${attestation.id}/remplacer`, {}, {
      justificatif: { fileName: "attestation-qf-caf-2027-complete.pdf", type: "application/pdf", bytes: pdf("attestation complète") }
    })
    expect(response.location).toBe("/mon-espace/justificatifs?message=remplace-conserve")
    expect(mainText((await browser.get(response.location ?? "")).body)).toContain("L'ancien reste joint à vos demandes")
    expect((await byName("attestation-qf-caf-2027-complete.pdf")).kind).toBe("cafCertificate")
    expect((await browser.get(`/mon-espace/justificatifs/${attestation.id}`)).status).toBe(200)
  })

  it("deletes a document after a confirmation step, unless a request refers to it", async () => {
    const carnet = await byName("carnet.png")
    const confirm = await browser.get(`/mon-espace/justificatifs/${carnet.id}/supprimer`)
    expect(confirm.status).toBe(200)
    expect(mainText(confirm.body)).toContain("Voulez-vous vraiment supprimer ce justificatif ?")
    expect(confirm.body).toContain(`<form method="post" action="/mon-espace/justificatifs/${carnet.id}/supprimer"`)
    expect((await byName("carnet.png")).id).toBe(carnet.id)
    const deleted = await browser.post(`/mon-espace/justificatifs/${carnet.id}/supprimer`, {}, { csrf: csrfTokenIn(confirm.body) })
    expect(deleted.status).toBe(303)
    expect(deleted.location).toBe("/mon-espace/justificatifs?message=supprime")
    expect(mainText((await browser.get(deleted.location ?? "")).body)).toContain("Le justificatif est supprimé.")
    expect((await documentsOf(t, concerto)).map((d) => d.id)).not.toContain(carnet.id)
    expect((await browser.get(`/mon-espace/justificatifs/${carnet.id}`)).status).toBe(404)

    const attestation = await byName("attestation-qf-caf-2027.pdf")
    const inUse = await browser.submit(`/mon-espace/justificatifs/${attestation.id}/supprimer`, `/mon-espace/justificatifs/${attestation.id}/supprimer`, {})
    expect(inUse.status).toBe(400)
    expect(mainText(inUse.body)).toContain(
      "Ce justificatif est joint à une demande (Mise à jour du quotient familial) : il doit rester consultable par le Service à la Population et ne peut pas être supprimé."
    )
    expect((await byName("attestation-qf-caf-2027.pdf")).id).toBe(attestation.id)
  })

  it("answers 404 to another household for CONCERTO's documents, as for an unknown one", async () => {
    const attestation = await byName("attestation-qf-caf-2027.pdf")
    const camille = await logIn(t, "camille.lefebvre")
    const own = await camille.get("/mon-espace/justificatifs")
    expect(mainText(own.body)).not.toContain("attestation-qf-caf-2027.pdf")
    expect(mainText(own.body)).toContain("avis-imposition-2026-page1.pdf")
    const unknown = await camille.get("/mon-espace/justificatifs/doc-inconnu")
    expect(unknown.status).toBe(404)
    for (const path of [`/mon-espace/justificatifs/${attestation.id}`, `/mon-espace/justificatifs/${attestation.id}/remplacer`, `/mon-espace/justificatifs/${attestation.id}/supprimer`]) {
      const response = await camille.get(path)
      expect(response.status).toBe(404)
      expect(mainText(response.body)).toBe(mainText(unknown.body).replace("doc-inconnu", attestation.id))
      expect(response.bytes.length).toBeLessThan(20_000)
    }
    const token = csrfTokenIn(own.body)
    expect((await camille.post(`/mon-espace/justificatifs/${attestation.id}/supprimer`, {}, { csrf: token })).status).toBe(404)
    const replace = await camille.postMultipart(`/mon-espace/justificatifs/${attestation.id}/remplacer`, {}, {
      justificatif: { fileName: "x.pdf", type: "application/pdf", bytes: pdf("x") }
    }, { csrf: token })
    expect(replace.status).toBe(404)
    expect((await byName("attestation-qf-caf-2027.pdf")).id).toBe(attestation.id)
    expect((await camille.get(`/mon-espace/justificatifs/${"x".repeat(80)}`)).status).toBe(404)
  })

  it("needs a logged-in family", async () => {
    const anonymous = new BrowserLikeClient(t.url)
    const list = await anonymous.get("/mon-espace/justificatifs")
    expect(list.status).toBe(303)
    expect(list.location).toBe("/?suite=%2Fmon-espace%2Fjustificatifs")
    const attestation = await byName("attestation-qf-caf-2027.pdf")
    expect((await anonymous.get(`/mon-espace/justificatifs/${attestation.id}`)).status).toBe(303)
  })
})
