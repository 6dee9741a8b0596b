import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HouseholdRepository } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { documentContentSecurityPolicy } from "./Documents.js"
import { mainOf, textOf } from "../testing/PageText.js"

/** The message printed next to a field of the page. */
const fieldError = (html: string, field: string): string | undefined =>
  textOf(new RegExp(`id="${field}-erreur"><span class="visually-hidden">Erreur : </span>([^<]+)</p>`).exec(html)?.[1] ?? "") || undefined

describe("Édition de documents", () => {
  let t: TestPortal
  let family: BrowserLikeClient
  let csrf: string
  let children: Readonly<Record<string, string>>
  beforeAll(async () => {
    t = await startTestPortal()
    family = new BrowserLikeClient(t.url)
    expect((await family.submit("/", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password })).location).toBe("/mon-espace")
    csrf = csrfTokenIn((await family.get("/mon-espace/documents")).body)
    const householdId = await t.householdId("FAM-000101")
    const household = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (r) => r.get(householdId)))
    children = Object.fromEntries(household.children.map((c) => [c.firstName, c.id]))
  })
  afterAll(() => t.close())

  const post = (document: string, fields: Readonly<Record<string, string>>) => family.post(`/mon-espace/documents/${document}`, fields, { csrf })

  it("lists the documents the family can produce, with the choices they need", async () => {
    const response = await family.get("/mon-espace/documents")
    expect(response.status).toBe(200)
    const main = mainOf(response.body)
    const text = textOf(main)
    expect(main.match(/<h1[ >]/g)).toHaveLength(1)
    for (const wording of [
      "Édition de documents",
      "Calendrier des réservations des vacances",
      "Attestation de présence",
      "Attestation de frais de garde",
      "Fiche famille",
      "Factures",
      "Voir Mes factures",
      "Enfant concerné cette année : Hugo CONCERTO."
    ]) {
      expect(text).toContain(wording)
    }
    expect(main).toContain('<option value="2026-2027" selected>2026-2027</option>')
    expect(main).toContain(`<option value="${children["Léa"]}">Léa CONCERTO</option>`)
    expect(main).toContain('<option value="2026" selected>2026</option>')
    expect(main).toContain('value="2026-09-01"')
    expect(main).toContain('value="2026-11-26"')
    expect(main).toContain('<label for="presenceEnfant">Enfant</label>')
    expect(main).toContain('href="/mon-espace/factures"')
    expect(main.match(/name="_csrf"/g)).toHaveLength(4)
  })

  it("shows each kind of document as a page", async () => {
    const calendar = await post("calendrier-des-reservations", { calendrierAnnee: "2026-2027", format: "html" })
    expect(calendar.status).toBe(200)
    expect(calendar.headers.get("content-security-policy")).toBe(documentContentSecurityPolicy)
    expect(textOf(calendar.body)).toContain("Calendrier des réservations des vacances 2026-2027")
    expect(textOf(calendar.body)).toContain("Accueil de loisirs des vacances")

    const attendance = await post("attestation-de-presence", {
      presenceEnfant: children["Hugo"] ?? "",
      presenceActivite: "accueil-matin",
      presenceDu: "2026-09-01",
      presenceAu: "2026-09-30",
      format: "html"
    })
    expect(attendance.status).toBe(200)
    const attendanceText = textOf(attendance.body)
    expect(attendanceText).toContain("Attestation de présence")
    expect(attendanceText).toContain("Hugo CONCERTO")
    expect(attendanceText).toContain("« Accueil du matin » du mardi 1er septembre 2026 au mercredi 30 septembre 2026 : 17 jours de présence")

    const childcare = await post("attestation-de-frais-de-garde", { gardeAnnee: "2026", format: "html" })
    expect(childcare.status).toBe(200)
    const childcareText = textOf(childcare.body)
    expect(childcareText).toContain("Attestation de frais de garde 2026")
    expect(childcareText).toContain("Hugo CONCERTO")
    expect(childcareText).not.toContain("Léa CONCERTO")

    const summary = await post("fiche-famille", { format: "html" })
    expect(summary.status).toBe(200)
    expect(textOf(summary.body)).toContain("Fiche famille CONCERTO")
    expect(textOf(summary.body)).toContain("FAM-000101")
  })

  it("gives a document as a PDF to download", async () => {
    const response = await post("attestation-de-frais-de-garde", { gardeAnnee: "2026", format: "pdf" })
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/pdf")
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="attestation-frais-de-garde-2026-fam-000101.pdf"')
    expect(new TextDecoder().decode(response.bytes.slice(0, 5))).toBe("%PDF-")
    const file = join(mkdtempSync(join(tmpdir(), "spe-documents-")), "attestation.pdf")
    writeFileSync(file, response.bytes)
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" })
    expect(text).toContain("Attestation de frais de garde 2026")
  })

  it("shows the form again with each refusal next to its field", async () => {
    const reversed = await post("attestation-de-presence", {
      presenceEnfant: children["Hugo"] ?? "",
      presenceActivite: "accueil-matin",
      presenceDu: "2026-10-01",
      presenceAu: "2026-09-01",
      format: "html"
    })
    expect(reversed.status).toBe(400)
    expect(fieldError(reversed.body, "presenceAu")).toBe("La fin de la période doit être le même jour que son début ou après.")
    expect(reversed.body).toContain('value="2026-10-01"')
    expect(reversed.body).toContain(`<option value="${children["Hugo"]}" selected>`)
    expect(reversed.body).toContain('<a href="#presenceAu">')

    const foreign = await post("attestation-de-presence", { presenceEnfant: "mbr-999", presenceActivite: "inconnue", presenceDu: "26/11/2026", presenceAu: "", format: "pdf" })
    expect(foreign.status).toBe(400)
    expect(fieldError(foreign.body, "presenceEnfant")).toBe("Choisissez l'un de vos enfants.")
    expect(fieldError(foreign.body, "presenceActivite")).toBe("Choisissez une activité de la liste.")
    expect(fieldError(foreign.body, "presenceDu")).toBe("Indiquez la date de début de la période (jj/mm/aaaa).")
    expect(fieldError(foreign.body, "presenceAu")).toBe("Indiquez la date de fin de la période (jj/mm/aaaa).")

    const future = await post("attestation-de-presence", { presenceEnfant: children["Léa"] ?? "", presenceActivite: "accueil-matin", presenceDu: "2026-12-01", presenceAu: "2026-12-10", format: "html" })
    expect(fieldError(future.body, "presenceDu")).toBe("La période ne peut pas commencer après aujourd'hui.")
    const long = await post("attestation-de-presence", { presenceEnfant: children["Léa"] ?? "", presenceActivite: "accueil-matin", presenceDu: "2025-01-01", presenceAu: "2026-11-26", format: "html" })
    expect(fieldError(long.body, "presenceAu")).toBe("Une attestation de présence couvre un an au plus : choisissez une période plus courte.")

    const year = await post("attestation-de-frais-de-garde", { gardeAnnee: "2027", format: "html" })
    expect(year.status).toBe(400)
    expect(fieldError(year.body, "gardeAnnee")).toBe("Choisissez une année de 2000 à 2026.")
    const schoolYear = await post("calendrier-des-reservations", { calendrierAnnee: "2026-2030", format: "html" })
    expect(schoolYear.status).toBe(400)
    expect(fieldError(schoolYear.body, "calendrierAnnee")).toBe("Choisissez une année scolaire de la liste (par exemple 2026-2027).")
  })

  it("refuses an unknown document, a form without its token, and visitors", async () => {
    expect((await post("inconnu", { format: "html" })).status).toBe(404)
    expect((await family.post("/mon-espace/documents/fiche-famille", { format: "html" })).status).toBe(403)
    const visitor = new BrowserLikeClient(t.url)
    expect((await visitor.get("/mon-espace/documents")).location).toBe("/?suite=%2Fmon-espace%2Fdocuments")
  })

  it("never gives a document of another household's child", async () => {
    const other = new BrowserLikeClient(t.url)
    await other.submit("/", "/connexion", { identifiant: "camille.lefebvre", motDePasse: demoFamily.password })
    const token = csrfTokenIn((await other.get("/mon-espace/documents")).body)
    const response = await other.post(
      "/mon-espace/documents/attestation-de-presence",
      { presenceEnfant: children["Hugo"] ?? "", presenceActivite: "accueil-matin", presenceDu: "2026-09-01", presenceAu: "2026-09-30", format: "html" },
      { csrf: token }
    )
    expect(response.status).toBe(400)
    expect(response.body).not.toContain("Hugo")
    const summary = await other.post("/mon-espace/documents/fiche-famille", { format: "html" }, { csrf: token })
    expect(textOf(summary.body)).toContain("Fiche famille LEFEBVRE")
    expect(summary.body).not.toContain("CONCERTO")
  })
})
