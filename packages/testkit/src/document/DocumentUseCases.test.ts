import {
  DocumentId,
  deleteSupportingDocument,
  HouseholdId,
  listHouseholdDocuments,
  LocalDate,
  QuotientUpdatePayload,
  readSupportingDocument,
  replaceSupportingDocument,
  reviewSupportingDocument,
  submitRequest,
  uploadSupportingDocument
} from "@spe/core"
import { describe, expect, it } from "vitest"
import { aFamily, anAgent } from "../account/AccountFixtures.js"
import { sha256HexSync } from "../account/NodeDigest.js"
import { auditRecordsOf, makePortalTestWorld } from "../request/PortalTestWorld.js"
import { samplePayloads } from "../request/RequestFixtures.js"
import { pdfBytes } from "./DocumentFixtures.js"

const family = aFamily()
const stranger = aFamily("acc-martin", "hh-martin")
const agent = anAgent("agent")
const reader = anAgent("reader", "Marc Lecteur")
const avis = { kind: "taxNotice" as const, name: " avis-imposition-2025.pdf ", mediaType: "application/pdf", bytes: pdfBytes(182_331), validFrom: LocalDate.unsafe("2026-01-01") }

describe("Supporting documents", () => {
  it("stores an upload once, pending review, readable by its household and agents only", async () => {
    const w = makePortalTestWorld()
    const document = await w.run(uploadSupportingDocument(family, avis))
    expect(document).toMatchObject({ id: "doc-1", householdId: "hh-concerto", kind: "taxNotice", review: { _tag: "Pending" }, validFrom: "2026-01-01" })
    expect(document.file).toMatchObject({ name: "avis-imposition-2025.pdf", mediaType: "application/pdf", sizeBytes: 182_331, sha256: sha256HexSync(avis.bytes) })
    const own = await w.run(readSupportingDocument(family, document.id))
    expect(sha256HexSync(own.bytes)).toBe(sha256HexSync(avis.bytes))
    expect(own.bytes.length).toBe(avis.bytes.length)
    const byReader = await w.run(readSupportingDocument(reader, document.id))
    expect(byReader.document).toEqual(document)
    const foreign = await w.attempt(readSupportingDocument(stranger, document.id))
    expect(foreign._tag === "Left" && foreign.left._tag).toBe("DocumentAccessDenied")
    const list = await w.attempt(listHouseholdDocuments(stranger, document.householdId))
    expect(list._tag === "Left" && list.left._tag).toBe("DocumentAccessDenied")
    expect((await w.run(listHouseholdDocuments(agent, document.householdId))).map((d) => d.id)).toEqual(["doc-1"])
  })

  it("refuses uploads too large or of another type before storing anything", async () => {
    const w = makePortalTestWorld()
    const large = await w.attempt(uploadSupportingDocument(family, { ...avis, bytes: pdfBytes(10 * 1024 * 1024 + 1) }))
    expect(large._tag === "Left" && large.left._tag).toBe("DocumentTooLarge")
    const word = await w.attempt(uploadSupportingDocument(family, { ...avis, name: "avis.docx", mediaType: "application/msword" }))
    expect(word._tag === "Left" && word.left._tag).toBe("DocumentTypeNotAccepted")
    const backwards = await w.attempt(uploadSupportingDocument(family, { ...avis, validUntil: LocalDate.unsafe("2025-12-31") }))
    expect(backwards._tag === "Left" && backwards.left._tag).toBe("InvalidInput")
    expect(await w.run(listHouseholdDocuments(family, HouseholdId.make("hh-concerto")))).toEqual([])
  })

  it("is reviewed by an agent with documents.review, audited; a reader may not", async () => {
    const w = makePortalTestWorld()
    const document = await w.run(uploadSupportingDocument(family, avis))
    const denied = await w.attempt(reviewSupportingDocument(reader, { documentId: document.id, decision: { _tag: "Accept", validFrom: LocalDate.unsafe("2026-01-01") } }))
    expect(denied._tag === "Left" && denied.left._tag).toBe("PermissionDenied")
    const accepted = await w.run(
      reviewSupportingDocument(agent, { documentId: document.id, decision: { _tag: "Accept", validFrom: LocalDate.unsafe("2026-01-01"), validUntil: LocalDate.unsafe("2026-12-31") } })
    )
    expect(accepted.review).toMatchObject({ _tag: "Accepted", by: agent.accountId, validUntil: "2026-12-31" })
    const audit = await auditRecordsOf(w)
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([["documents.review", "done"], ["documents.review", "denied"]])
    expect(audit[0]?.after).toMatchObject({ review: { _tag: "Accepted" } })
  })

  it("is reused by several requests and then cannot be deleted; an unused one can", async () => {
    const w = makePortalTestWorld()
    const document = await w.run(uploadSupportingDocument(family, avis))
    const spare = await w.run(uploadSupportingDocument(family, { ...avis, kind: "insurance", name: "assurance.pdf" }))
    const qf = new QuotientUpdatePayload({ ...samplePayloads.quotientUpdate, proofDocumentId: document.id })
    await w.run(submitRequest(family, { payload: qf }))
    await w.run(submitRequest(family, { payload: samplePayloads.freeMessage, attachments: [document.id] }))
    const inUse = await w.attempt(deleteSupportingDocument(family, document.id))
    expect(inUse._tag === "Left" && inUse.left.message).toBe(
      "Ce justificatif est joint à des demandes (Message : Allergie, Mise à jour du quotient familial) : il doit rester consultable par le Service à la Population et ne peut pas être supprimé."
    )
    const foreign = await w.attempt(deleteSupportingDocument(stranger, spare.id))
    expect(foreign._tag === "Left" && foreign.left._tag).toBe("DocumentAccessDenied")
    await w.run(deleteSupportingDocument(family, spare.id))
    const gone = await w.attempt(readSupportingDocument(family, spare.id))
    expect(gone._tag === "Left" && gone.left._tag).toBe("DocumentNotFound")
    const missing = await w.attempt(readSupportingDocument(family, DocumentId.make("doc-none")))
    expect(missing._tag === "Left" && missing.left._tag).toBe("DocumentNotFound")
  })

  it("is replaced by a new file of the same kind: the old one deleted, or kept while requests refer to it", async () => {
    const w = makePortalTestWorld()
    const insurance = await w.run(uploadSupportingDocument(family, { ...avis, kind: "insurance", name: "assurance-2025.pdf" }))
    const renewed = await w.run(replaceSupportingDocument(family, insurance.id, { name: "assurance-2026.pdf", mediaType: "application/pdf", bytes: pdfBytes(2_000) }))
    expect(renewed.replaced).toEqual({ _tag: "Deleted" })
    expect(renewed.document).toMatchObject({ kind: "insurance", householdId: "hh-concerto", review: { _tag: "Pending" } })
    expect(renewed.document.file.name).toBe("assurance-2026.pdf")
    const gone = await w.attempt(readSupportingDocument(family, insurance.id))
    expect(gone._tag === "Left" && gone.left._tag).toBe("DocumentNotFound")

    const proof = await w.run(uploadSupportingDocument(family, avis))
    await w.run(submitRequest(family, { payload: new QuotientUpdatePayload({ ...samplePayloads.quotientUpdate, proofDocumentId: proof.id }) }))
    const kept = await w.run(replaceSupportingDocument(family, proof.id, { name: "avis-complet.pdf", mediaType: "application/pdf", bytes: pdfBytes(3_000) }))
    expect(kept.replaced).toEqual({ _tag: "KeptForRequests", requestLabels: ["Mise à jour du quotient familial"] })
    expect(kept.document.kind).toBe("taxNotice")
    expect((await w.run(listHouseholdDocuments(family, HouseholdId.make("hh-concerto")))).map((d) => d.id).sort()).toEqual(
      [renewed.document.id, proof.id, kept.document.id].sort()
    )

    const foreign = await w.attempt(replaceSupportingDocument(stranger, proof.id, { name: "x.pdf", mediaType: "application/pdf", bytes: pdfBytes(100) }))
    expect(foreign._tag === "Left" && foreign.left._tag).toBe("DocumentAccessDenied")
    const refused = await w.attempt(replaceSupportingDocument(family, renewed.document.id, { name: "faux.pdf", mediaType: "application/pdf", bytes: new TextEncoder().encode("pas un PDF") }))
    expect(refused._tag === "Left" && refused.left._tag).toBe("DocumentContentMismatch")
    expect((await w.run(readSupportingDocument(family, renewed.document.id))).document.id).toBe(renewed.document.id)
  })
})
