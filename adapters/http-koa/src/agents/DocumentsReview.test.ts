import { AuditLog, type HouseholdId, type SupportingDocument, SupportingDocumentRepository } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { attachmentDisposition } from "./DocumentsReview.js"
import { mainTextOf, textOf } from "../testing/PageText.js"

const fieldError = (html: string, field: string) =>
  textOf(new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? "").replace("Erreur :", "").trim()

let t: TestPortal
let lefebvreNotice: SupportingDocument
let concertoCaf: SupportingDocument
let concertoCertificate: SupportingDocument

const documentsOf = (householdId: HouseholdId) =>
  t.demo.runtime.runPromise(Effect.flatMap(SupportingDocumentRepository, (documents) => documents.listByHousehold(householdId)))
const documentOf = (document: SupportingDocument) => t.demo.runtime.runPromise(Effect.flatMap(SupportingDocumentRepository, (documents) => documents.get(document.id)))
const auditOf = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))

beforeAll(async () => {
  t = await startTestPortal()
  const lefebvre = await documentsOf(await t.householdId("FAM-000103"))
  const concerto = await documentsOf(await t.householdId("FAM-000101"))
  const find = (documents: ReadonlyArray<SupportingDocument>, kind: string) => {
    const found = documents.find((d) => d.kind === kind)
    if (found === undefined) throw new Error(`No ${kind} in the demo`)
    return found
  }
  lefebvreNotice = find(lefebvre, "taxNotice")
  concertoCaf = find(concerto, "cafCertificate")
  concertoCertificate = find(concerto, "medicalCertificate")
})

afterAll(async () => {
  await t.close()
})

describe("the supporting documents of the back office", () => {
  it("sends a visitor to the agents' login and refuses a family's account", async () => {
    const pages = ["/agents/justificatifs", `/agents/justificatifs/${concertoCaf.id}`, `/agents/justificatifs/${concertoCaf.id}/fichier`]
    const visitor = new BrowserLikeClient(t.url)
    const family = await t.familyClient()
    for (const path of pages) {
      expect((await visitor.get(path)).location, path).toBe(`/agents/connexion?suite=${encodeURIComponent(path)}`)
      expect((await family.get(path)).status, path).toBe(403)
    }
  })

  it("refuses a decision to a family's account (403) and to a visitor, changing nothing", async () => {
    const family = await t.familyClient("camille.lefebvre")
    const visitor = new BrowserLikeClient(t.url)
    const path = `/agents/justificatifs/${lefebvreNotice.id}`
    const fields = { decision: "accepter", debut: "2026-01-01", fin: "", motif: "" }
    expect((await family.post(path, fields, { csrf: csrfTokenIn((await family.get("/mon-espace")).body) })).status).toBe(403)
    expect((await visitor.post(path, fields, { csrf: csrfTokenIn((await visitor.get("/")).body) })).status).toBe(303)
    expect((await documentOf(lefebvreNotice)).review._tag).toBe("Pending")
  })

  it("lists the documents waiting for review, oldest first, with their family; filters by kind and state", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get("/agents/justificatifs")
    expect(page.status).toBe(200)
    const text = mainTextOf(page.body)
    expect(text).toContain("2 justificatif(s), du plus ancien dépôt au plus récent.")
    expect(text).toMatch(/Avis d'imposition LEFEBVRE \(FAM-000103\) avis-imposition-2026-page1\.pdf \(\d+ octets\) mardi 10 novembre 2026 à 20:00 en attente de validation Attestation CAF CONCERTO \(FAM-000101\)/)
    expect(text).not.toContain("Examiner")
    expect((await (await t.agentClient("agent")).get("/agents/justificatifs")).body).toContain(`<a href="/agents/justificatifs/${concertoCaf.id}">Examiner</a>`)
    const caf = mainTextOf((await reader.get("/agents/justificatifs?type=cafCertificate")).body)
    expect(caf).toContain("1 justificatif(s)")
    expect(caf).toContain("attestation-qf-caf-2027.pdf")
    const accepted = mainTextOf((await reader.get("/agents/justificatifs?etat=acceptes&type=medicalCertificate")).body)
    expect(accepted).toContain("certificat-medical-hugo.pdf")
    expect(accepted).toContain("accepté jusqu'au mardi 6 octobre 2026")
    const all = mainTextOf((await reader.get("/agents/justificatifs?etat=tous")).body)
    expect(all).toContain("certificat-medical-hugo.pdf")
    expect(all).toContain("attestation-qf-caf-2027.pdf")
    const strange = await reader.get("/agents/justificatifs?etat=n-importe&type=%3Cscript%3E")
    expect(strange.status).toBe(200)
    expect(mainTextOf(strange.body)).toContain("2 justificatif(s)")
  })

  it("shows one document and serves its file as an attachment with its stored type", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get(`/agents/justificatifs/${concertoCaf.id}`)
    expect(page.status).toBe(200)
    const text = mainTextOf(page.body)
    expect(text).toContain("Attestation CAF")
    expect(text).toContain("CONCERTO (FAM-000101)")
    expect(text).toContain("Validité indiquée du vendredi 1er janvier 2027 au vendredi 31 décembre 2027")
    expect(text).not.toContain("Décision")
    const file = await reader.get(`/agents/justificatifs/${concertoCaf.id}/fichier`)
    expect(file.status).toBe(200)
    expect(file.headers.get("content-type")).toBe("application/pdf")
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="attestation-qf-caf-2027.pdf"; filename*=UTF-8''attestation-qf-caf-2027.pdf`)
    expect(file.headers.get("x-content-type-options")).toBe("nosniff")
    expect(new TextDecoder().decode(file.bytes.slice(0, 5))).toBe("%PDF-")
    expect(file.bytes.length).toBe(concertoCaf.file.sizeBytes)
    expect(attachmentDisposition("Avis d'impôt été.pdf")).toBe(`attachment; filename="Avis_d_impot_ete.pdf"; filename*=UTF-8''Avis%20d'imp%C3%B4t%20%C3%A9t%C3%A9.pdf`)
    for (const path of ["/agents/justificatifs/doc-inconnu", "/agents/justificatifs/doc-inconnu/fichier", `/agents/justificatifs/${"x".repeat(90)}`]) {
      expect((await reader.get(path)).status, path).toBe(404)
    }
  })

  it("refuses a decision from a role that may not review, changing nothing, and records it", async () => {
    for (const role of ["reader", "billing"] as const) {
      const client = await t.agentClient(role)
      const answer = await client.post(`/agents/justificatifs/${lefebvreNotice.id}`, { decision: "accepter", debut: "2026-01-01", fin: "2026-12-31", motif: "" }, { csrf: csrfTokenIn((await client.get("/agents")).body) })
      expect(answer.status).toBe(403)
      expect((await documentOf(lefebvreNotice)).review._tag).toBe("Pending")
      expect((await auditOf())[0]).toMatchObject({ action: "documents.review", outcome: "denied", actorRole: role, target: { kind: "document", id: lefebvreNotice.id } })
    }
  })

  it("shows each refusal next to its field, keeping what was typed", async () => {
    const agent = await t.agentClient("agent")
    const path = `/agents/justificatifs/${lefebvreNotice.id}`
    const form = await agent.get(path)
    expect(mainTextOf(form.body)).toContain("Décision")
    expect(form.body).toContain('name="debut" type="date" value="2026-01-01"')
    const noReason = await agent.submit(path, path, { decision: "refuser", debut: "2026-01-01", fin: "", motif: "  " })
    expect(noReason.status).toBe(400)
    expect(fieldError(noReason.body, "motif")).toBe("Indiquez le motif du refus : la famille le lit pour déposer le bon justificatif.")
    const badDate = await agent.submit(path, path, { decision: "accepter", debut: "01/01/2026", fin: "", motif: "" })
    expect(fieldError(badDate.body, "debut")).toBe("Écrivez la date sous la forme AAAA-MM-JJ, par exemple 2026-12-31.")
    expect(badDate.body).toContain('value="01/01/2026"')
    const reversed = await agent.submit(path, path, { decision: "accepter", debut: "2026-12-31", fin: "2026-01-01", motif: "" })
    expect(reversed.status).toBe(400)
    expect(fieldError(reversed.body, "fin")).toBe("La fin de validité (jeudi 1er janvier 2026) précède son début (jeudi 31 décembre 2026) : corrigez l'une des deux dates.")
    expect((await documentOf(lefebvreNotice)).review._tag).toBe("Pending")
  })

  it("rejects a document with a reason the family reads, and accepts another with its validity; audited", async () => {
    const agent = await t.agentClient("agent")
    const lefebvrePath = `/agents/justificatifs/${lefebvreNotice.id}`
    const rejected = await agent.submit(lefebvrePath, lefebvrePath, { decision: "refuser", debut: "", fin: "", motif: "Seule la première page de l'avis a été déposée : déposez l'avis complet." })
    expect(rejected.location).toBe(`${lefebvrePath}?message=refuse`)
    const after = await agent.get(rejected.location ?? "")
    expect(mainTextOf(after.body)).toContain("Le justificatif est refusé ; la famille voit le motif dans ses justificatifs.")
    expect(mainTextOf(after.body)).toContain("refusé : Seule la première page de l'avis a été déposée")
    expect(mainTextOf(after.body)).not.toContain("Décision")
    const family = mainTextOf((await (await t.familyClient("camille.lefebvre")).get("/mon-espace/justificatifs")).body)
    expect(family).toContain("Seule la première page de l'avis a été déposée : déposez l'avis complet.")
    const cafPath = `/agents/justificatifs/${concertoCaf.id}`
    const accepted = await agent.submit(cafPath, cafPath, { decision: "accepter", debut: "2027-01-01", fin: "2027-12-31", motif: "" })
    expect(accepted.location).toBe(`${cafPath}?message=accepte`)
    expect((await documentOf(concertoCaf)).review).toMatchObject({ _tag: "Accepted", validFrom: "2027-01-01", validUntil: "2027-12-31" })
    const [acceptance, rejection] = await auditOf()
    expect(acceptance).toMatchObject({ action: "documents.review", outcome: "done", actorName: "Claire DUBOIS", target: { kind: "document", id: concertoCaf.id } })
    expect(acceptance?.before).toMatchObject({ review: { _tag: "Pending" } })
    expect(acceptance?.after).toMatchObject({ review: { _tag: "Accepted", validFrom: "2027-01-01", validUntil: "2027-12-31" } })
    expect(rejection?.after).toMatchObject({ review: { _tag: "Rejected", reason: "Seule la première page de l'avis a été déposée : déposez l'avis complet." } })
    const list = mainTextOf((await agent.get("/agents/justificatifs")).body)
    expect(list).toContain("0 justificatif(s)")
    const twice = await agent.post(
      `/agents/justificatifs/${concertoCertificate.id}`,
      { decision: "refuser", debut: "", fin: "", motif: "Erreur" },
      { csrf: csrfTokenIn((await agent.get("/agents")).body) }
    )
    expect(twice.status).toBe(400)
    expect(mainTextOf(twice.body)).toContain("a déjà été validé : une décision ne se modifie pas.")
  })
})
