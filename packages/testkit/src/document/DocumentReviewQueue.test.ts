import { AccountId, type DocumentKind, type DocumentReview, DocumentId, Instant, listDocumentsForReview, type SupportingDocumentRepository } from "@spe/core"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { aSupportingDocument } from "./DocumentFixtures.js"
import { inMemorySupportingDocumentRepository } from "./InMemorySupportingDocumentRepository.js"

const aFamilyDocument = (id: string, uploadedAt: string, kind: DocumentKind, review: DocumentReview = { _tag: "Pending" }) =>
  aSupportingDocument({ id: DocumentId.make(id), uploadedAt: Instant.unsafe(uploadedAt), kind, review })

const run = <A, E>(effect: Effect.Effect<A, E, SupportingDocumentRepository>) =>
  Effect.runPromise(Effect.either(Effect.provide(effect, inMemorySupportingDocumentRepository([
    aFamilyDocument("doc-b", "2026-11-24T20:00:00Z", "cafCertificate"),
    aFamilyDocument("doc-a", "2026-11-10T19:00:00Z", "taxNotice"),
    aFamilyDocument("doc-c", "2026-10-05T08:00:00Z", "medicalCertificate", { _tag: "Rejected", by: AccountId.make("acc-agent"), at: Instant.unsafe("2026-10-05T12:00:00Z"), reason: "Illisible." })
  ]))))

describe("the agents' list of supporting documents", () => {
  it("shows the documents waiting for review by default, oldest first, to every agent", async () => {
    const page = await run(listDocumentsForReview(anAgent("reader")))
    expect(Either.isRight(page) && page.right.items.map((d) => d.id)).toEqual([DocumentId.make("doc-a"), DocumentId.make("doc-b")])
    expect(Either.isRight(page) && page.right.total).toBe(2)
  })

  it("filters by kind and review and pages", async () => {
    const rejected = await run(listDocumentsForReview(anAgent("agent"), { reviews: ["Rejected"] }))
    expect(Either.isRight(rejected) && rejected.right.items.map((d) => d.id)).toEqual(["doc-c"])
    const all = await run(listDocumentsForReview(anAgent("agent"), {}, { offset: 1, limit: 1 }))
    expect(Either.isRight(all) && all.right).toMatchObject({ total: 3, items: [{ id: "doc-a" }] })
    const caf = await run(listDocumentsForReview(anAgent("agent"), { kinds: ["cafCertificate"], reviews: ["Pending"] }))
    expect(Either.isRight(caf) && caf.right.items.map((d) => d.id)).toEqual(["doc-b"])
  })
})
