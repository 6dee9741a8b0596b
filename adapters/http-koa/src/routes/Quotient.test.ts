import { type HouseholdId, RequestRepository, SupportingDocumentRepository, FileStore } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

const mainText = (html: string): string => textOf(/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? "")

const fieldError = (html: string, field: string): string | undefined => {
  const match = new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)
  return match?.[1] === undefined ? undefined : textOf(match[1]).replace(/^Erreur : /, "")
}

const valueOf = (html: string, field: string): string | undefined => {
  const input = new RegExp(`<(?:input|textarea) id="${field}" name="${field}"[^>]*>`).exec(html)?.[0]
  if (input === undefined) return undefined
  return textOf(/ value="([^"]*)"/.exec(input)?.[1] ?? "")
}

const logIn = async (t: TestPortal, login: string): Promise<BrowserLikeClient> => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.status).toBe(303)
  return client
}

/** A small but real PDF (it starts with `%PDF-`). */
const pdf = (label: string): Uint8Array => new TextEncoder().encode(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`)

const requestsOf = (t: TestPortal, householdId: HouseholdId) =>
  t.demo.runtime.runPromise(Effect.flatMap(RequestRepository, (requests) => requests.listByHousehold(householdId, { kinds: ["QuotientUpdate"] })))

describe("Mes QF/Revenus", () => {
  let t: TestPortal
  let concerto: HouseholdId

  beforeAll(async () => {
    t = await startTestPortal()
    concerto = await t.householdId("FAM-000101")
  })

  afterAll(async () => {
    await t.close()
  })

  it("shows the QF that applies today, its source and validity, the one under review, and the history", async () => {
    const browser = await logIn(t, demoFamily.login)
    expect((await browser.get("/mon-espace")).body).toContain('<a href="/mon-espace/quotient-familial">Mes QF/Revenus</a>')
    const page = await browser.get("/mon-espace/quotient-familial")
    expect(page.status).toBe(200)
    const text = mainText(page.body)
    expect(text).toContain("Mes QF/Revenus")
    expect(text).toContain("Quotient familial 780 €")
    expect(text).toContain("Source CAF — Transmis par la CAF (allocataire n° 1234567)")
    expect(text).toContain("Valable du jeudi 1er janvier 2026 au jeudi 31 décembre 2026")
    expect(text).toContain("Un nouveau quotient familial est en cours d'examen par le Service à la Population.")
    expect(text).toContain("quotient familial CAF de 795 € (allocataire n° 1234567), à partir du vendredi 1er janvier 2027")
    expect(text).toContain("Historique de mes quotients familiaux")
    expect(text).toMatch(/780 € du jeudi 1er janvier 2026 au jeudi 31 décembre 2026 CAF — Transmis par la CAF \(allocataire n° 1234567\) validé le vendredi 9 janvier 2026 à 09:15/)
    expect(text).toContain("Nombre de parts de votre foyer : 3 (2 adultes, 2 enfants)")
    expect(page.body).toContain('<th scope="col">Quotient familial</th>')
    expect(page.body).toContain('enctype="multipart/form-data"')
    expect(page.body).toContain('accept="application/pdf,image/jpeg,image/png"')
    expect(valueOf(page.body, "dateEffet")).toBe("2026-12-01")
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1)
  })

  it("says when no QF is valid today: the highest tariff applies", async () => {
    const browser = await logIn(t, "camille.lefebvre")
    const text = mainText((await browser.get("/mon-espace/quotient-familial")).body)
    expect(text).toContain("Aucun quotient familial n'est valide aujourd'hui (jeudi 26 novembre 2026) : le tarif le plus élevé s'applique.")
    expect(text).toContain("610 € du lundi 1er septembre 2025 au lundi 31 août 2026")
    expect(text).toContain("Nombre de parts de votre foyer : 2,5 (1 adulte, 1 enfant)")
    expect(text).not.toContain("780 €")
  })

  it("shows each refusal next to its field and keeps what was typed", async () => {
    const browser = await logIn(t, demoFamily.login)
    const noMode = await browser.submitMultipart("/mon-espace/quotient-familial", "/mon-espace/quotient-familial", { revenuFiscal: "24 000", dateEffet: "2026-12-01" }, {})
    expect(noMode.status).toBe(400)
    expect(fieldError(noMode.body, "mode")).toBe(
      "Choisissez ce que vous déclarez : vos revenus (avis d'imposition) ou le quotient familial de votre attestation CAF."
    )
    expect(valueOf(noMode.body, "revenuFiscal")).toBe("24 000")

    const badIncome = await browser.submitMultipart(
      "/mon-espace/quotient-familial",
      "/mon-espace/quotient-familial",
      { mode: "revenus", revenuFiscal: "vingt mille", prestations: "150", dateEffet: "2026-10-01", message: "Merci" },
      {}
    )
    expect(badIncome.status).toBe(400)
    expect(fieldError(badIncome.body, "revenuFiscal")).toBe("Le revenu fiscal de référence s'écrit en euros, en chiffres, par exemple 18 500.")
    expect(fieldError(badIncome.body, "dateEffet")).toBe(
      "Un nouveau quotient familial s'applique au plus tôt le dimanche 1er novembre 2026 : les mois passés ne sont pas recalculés."
    )
    expect(fieldError(badIncome.body, "justificatif")).toBe("Joignez le justificatif : votre avis d'imposition, ou votre attestation de quotient familial CAF.")
    expect(fieldError(badIncome.body, "prestations")).toBeUndefined()
    expect(valueOf(badIncome.body, "revenuFiscal")).toBe("vingt mille")
    expect(valueOf(badIncome.body, "prestations")).toBe("150")
    expect(badIncome.body).toMatch(/<input type="radio" id="mode" name="mode" value="revenus" checked>/)
    expect(badIncome.body).toContain(">Merci</textarea>")

    const caf = await browser.submitMultipart(
      "/mon-espace/quotient-familial",
      "/mon-espace/quotient-familial",
      { mode: "caf", quotientCaf: "", numeroAllocataire: "12 34", dateEffet: "2027-01-01" },
      { justificatif: { fileName: "attestation.pdf", type: "application/pdf", bytes: pdf("attestation") } }
    )
    expect(caf.status).toBe(400)
    expect(fieldError(caf.body, "quotientCaf")).toBe("Indiquez le quotient familial écrit sur votre attestation CAF.")
    expect(fieldError(caf.body, "numeroAllocataire")).toBe("Le numéro d'allocataire CAF ne contient que des chiffres (7 le plus souvent), sans espace.")
    expect(fieldError(caf.body, "justificatif")).toBeUndefined()
    expect(await requestsOf(t, concerto)).toHaveLength(1)
  })

  it("refuses a proof that is not what it claims, empty, or of a type the town does not take, next to the file field", async () => {
    const browser = await logIn(t, demoFamily.login)
    const fields = { mode: "revenus", revenuFiscal: "24 000", prestations: "", dateEffet: "2026-12-01" }
    const fake = await browser.submitMultipart("/mon-espace/quotient-familial", "/mon-espace/quotient-familial", fields, {
      justificatif: { fileName: "avis-imposition.pdf", type: "application/pdf", bytes: new TextEncoder().encode("Ceci est un simple texte.") }
    })
    expect(fake.status).toBe(400)
    expect(fieldError(fake.body, "justificatif")).toBe(
      "Le contenu du fichier « avis-imposition.pdf » n'est pas un vrai fichier PDF (il a peut-être été renommé) : enregistrez-le à nouveau au format PDF puis déposez-le."
    )
    expect(valueOf(fake.body, "revenuFiscal")).toBe("24 000")
    const empty = await browser.submitMultipart("/mon-espace/quotient-familial", "/mon-espace/quotient-familial", fields, {
      justificatif: { fileName: "vide.pdf", type: "application/pdf", bytes: new Uint8Array() }
    })
    expect(fieldError(empty.body, "justificatif")).toContain("Le fichier « vide.pdf » est vide")
    const word = await browser.submitMultipart("/mon-espace/quotient-familial", "/mon-espace/quotient-familial", fields, {
      justificatif: { fileName: "avis.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: new Uint8Array([0x50, 0x4b, 3, 4]) }
    })
    expect(fieldError(word.body, "justificatif")).toContain("que le portail n'accepte pas : déposez un fichier PDF, JPEG ou PNG")
    const documents = await t.demo.runtime.runPromise(Effect.flatMap(SupportingDocumentRepository, (d) => d.listByHousehold(concerto)))
    expect(documents.map((d) => d.file.name)).not.toContain("avis-imposition.pdf")
    expect(await requestsOf(t, concerto)).toHaveLength(1)
  })

  it("turns declared income and its PDF into a stored proof and a QF-update request, then shows the request", async () => {
    const browser = await logIn(t, demoFamily.login)
    const bytes = pdf("avis d'imposition 2026 CONCERTO")
    const response = await browser.submitMultipart(
      "/mon-espace/quotient-familial",
      "/mon-espace/quotient-familial",
      { mode: "revenus", revenuFiscal: "31 200,50", prestations: "141,99", dateEffet: "01/12/2026", finValidite: "", message: "Nouvel avis reçu." },
      { justificatif: { fileName: "avis-imposition-2026.pdf", type: "application/pdf", bytes } }
    )
    expect(response.status).toBe(303)
    const requests = await requestsOf(t, concerto)
    const created = requests.find((r) => r.payload._tag === "QuotientUpdate" && r.payload.declaration._tag === "DeclaredIncome")
    if (created === undefined || created.payload._tag !== "QuotientUpdate") throw new Error("No request created")
    expect(response.location).toBe(`/mon-espace/demandes/${created.id}?message=demande-envoyee`)
    expect(created.status).toBe("submitted")
    expect(created.payload.declaration).toEqual({
      _tag: "DeclaredIncome",
      annualIncomeCents: 3_120_050,
      monthlyBenefitsCents: 14_199,
      adults: 2,
      children: 2,
      disabledChildren: 0
    })
    expect(created.payload.effectiveDate).toBe("2026-12-01")
    expect(created.history[0]?.message).toBe("Nouvel avis reçu.")
    const stored = await t.demo.runtime.runPromise(
      Effect.gen(function* () {
        const document = yield* (yield* SupportingDocumentRepository).get(created.payload._tag === "QuotientUpdate" ? created.payload.proofDocumentId : created.attachments[0]!)
        const content = yield* (yield* FileStore).get(document.file.key)
        return { document, content }
      })
    )
    expect(stored.document).toMatchObject({ householdId: concerto, kind: "taxNotice", review: { _tag: "Pending" } })
    expect(stored.document.file).toMatchObject({ name: "avis-imposition-2026.pdf", mediaType: "application/pdf", sizeBytes: bytes.length })
    expect([...stored.content]).toEqual([...bytes])
    const page = await browser.get("/mon-espace/quotient-familial")
    expect(mainText(page.body)).toContain("revenus déclarés : revenu fiscal de référence 31 200,50 €, prestations 141,99 € par mois, à partir du mardi 1er décembre 2026")
  })

  it("turns the CAF's QF and its attestation into a request with the allocataire number", async () => {
    const browser = await logIn(t, "camille.lefebvre")
    const response = await browser.submitMultipart(
      "/mon-espace/quotient-familial",
      "/mon-espace/quotient-familial",
      { mode: "caf", quotientCaf: "640", numeroAllocataire: "2345678", dateEffet: "2026-12-01", finValidite: "2027-08-31" },
      { justificatif: { fileName: "attestation-caf.pdf", type: "application/pdf", bytes: pdf("attestation CAF") } }
    )
    expect(response.status).toBe(303)
    const lefebvre = await t.householdId("FAM-000103")
    const created = (await requestsOf(t, lefebvre)).find((r) => r.payload._tag === "QuotientUpdate" && r.payload.declaration._tag === "CafQuotient")
    expect(created?.payload).toMatchObject({
      declaration: { _tag: "CafQuotient", quotient: 640, allocataireNumber: "2345678" },
      effectiveDate: "2026-12-01",
      validUntil: "2027-08-31"
    })
    expect(response.location).toBe(`/mon-espace/demandes/${created?.id}?message=demande-envoyee`)
  })

  it("needs a logged-in family and a valid form token", async () => {
    const anonymous = new BrowserLikeClient(t.url)
    const page = await anonymous.get("/mon-espace/quotient-familial")
    expect(page.status).toBe(303)
    expect(page.location).toBe("/?suite=%2Fmon-espace%2Fquotient-familial")
    const browser = await logIn(t, demoFamily.login)
    const forged = await browser.postMultipart("/mon-espace/quotient-familial", { mode: "caf" }, {}, { csrf: "faux" })
    expect(forged.status).toBe(403)
  })
})
