import { AccountId, DocumentId, HouseholdId, Instant, LocalDate, type SupportingDocument, SupportingDocumentRepository } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aSupportingDocument } from "./DocumentFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<SupportingDocumentRepository>> | Layer.Layer<SupportingDocumentRepository>

const ids = (documents: ReadonlyArray<SupportingDocument>) => documents.map((d) => d.id)

/**
 * The behaviour every `SupportingDocumentRepository` adapter must have: records kept unchanged,
 * replaced by id, removed, a household's documents newest first with filters, the review queue
 * oldest first, paged. `makeLayer` gives an empty store each time.
 */
export function supportingDocumentRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, SupportingDocumentRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const at = (day: number) => Instant.unsafe(`2026-05-${String(day).padStart(2, "0")}T18:00:00Z`)
  const claire = AccountId.make("acc-claire")
  const d1 = aSupportingDocument({ id: DocumentId.make("doc-1"), uploadedAt: at(1), validFrom: LocalDate.unsafe("2025-01-01") })
  const d2 = aSupportingDocument({
    id: DocumentId.make("doc-2"),
    kind: "cafCertificate",
    uploadedAt: at(2),
    review: { _tag: "Accepted", by: claire, at: at(3), validFrom: LocalDate.unsafe("2026-01-01"), validUntil: LocalDate.unsafe("2026-12-31") }
  })
  const d3 = aSupportingDocument({ id: DocumentId.make("doc-3"), householdId: HouseholdId.make("hh-martin"), kind: "medicalCertificate", uploadedAt: at(3) })
  const d4 = aSupportingDocument({ id: DocumentId.make("doc-4"), kind: "insurance", uploadedAt: at(4), review: { _tag: "Rejected", by: claire, at: at(5), reason: "Attestation de l'an dernier." } })
  const d5 = aSupportingDocument({ id: DocumentId.make("doc-5"), kind: "custom:jugement", uploadedAt: at(5) })
  const saveAll = Effect.gen(function* () {
    const repo = yield* SupportingDocumentRepository
    for (const d of [d3, d1, d5, d2, d4]) yield* repo.save(d)
    return repo
  })

  describe(`SupportingDocumentRepository contract: ${name}`, () => {
    it("gives back a saved document unchanged, and DocumentNotFound for an unknown id", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        return { d1: yield* repo.get(d1.id), d2: yield* repo.get(d2.id), d4: yield* repo.get(d4.id), missing: yield* Effect.flip(repo.get(DocumentId.make("doc-none"))) }
      }))
      expect(result.d1).toEqual(d1)
      expect(result.d2).toEqual(d2)
      expect(result.d4).toEqual(d4)
      expect(result.missing._tag).toBe("DocumentNotFound")
    })

    it("replaces by id and removes (twice without harm)", async () => {
      const reviewed = aSupportingDocument({ ...d1, review: { _tag: "Rejected", by: claire, at: at(9), reason: "Illisible." } })
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        yield* repo.save(reviewed)
        yield* repo.remove(d5.id)
        yield* repo.remove(d5.id)
        return { found: yield* repo.get(d1.id), removed: yield* Effect.either(repo.get(d5.id)), household: yield* repo.listByHousehold(HouseholdId.make("hh-concerto")) }
      }))
      expect(result.found).toEqual(reviewed)
      expect(result.removed._tag).toBe("Left")
      expect(ids(result.household)).toEqual(["doc-4", "doc-2", "doc-1"])
    })

    it("lists a household's documents newest first, by kind and review", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        const concerto = HouseholdId.make("hh-concerto")
        return {
          all: yield* repo.listByHousehold(concerto),
          kinds: yield* repo.listByHousehold(concerto, { kinds: ["taxNotice", "custom:jugement"] }),
          pending: yield* repo.listByHousehold(concerto, { reviews: ["Pending"] }),
          martin: yield* repo.listByHousehold(HouseholdId.make("hh-martin")),
          none: yield* repo.listByHousehold(HouseholdId.make("hh-none"))
        }
      }))
      expect(ids(result.all)).toEqual(["doc-5", "doc-4", "doc-2", "doc-1"])
      expect(ids(result.kinds)).toEqual(["doc-5", "doc-1"])
      expect(ids(result.pending)).toEqual(["doc-5", "doc-1"])
      expect(ids(result.martin)).toEqual(["doc-3"])
      expect(result.none).toEqual([])
    })

    it("pages the documents waiting for review, oldest first, with the total", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        return { first: yield* repo.listPendingReview({ offset: 0, limit: 2 }), rest: yield* repo.listPendingReview({ offset: 2, limit: 2 }) }
      }))
      expect(ids(result.first.items)).toEqual(["doc-1", "doc-3"])
      expect(result.first.total).toBe(3)
      expect(ids(result.rest.items)).toEqual(["doc-5"])
    })

    it("pages every household's documents by kind and review, oldest first (ties by id), with the total", async () => {
      const twin = aSupportingDocument({ id: DocumentId.make("doc-0"), householdId: HouseholdId.make("hh-martin"), uploadedAt: at(1) })
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        yield* repo.save(twin)
        return {
          all: yield* repo.listForReview({}, { offset: 0, limit: 10 }),
          pendingPage: yield* repo.listForReview({ reviews: ["Pending"] }, { offset: 1, limit: 2 }),
          reviewed: yield* repo.listForReview({ reviews: ["Accepted", "Rejected"] }, { offset: 0, limit: 10 }),
          kinds: yield* repo.listForReview({ kinds: ["taxNotice", "insurance"], reviews: ["Pending", "Rejected"] }, { offset: 0, limit: 10 }),
          none: yield* repo.listForReview({ kinds: ["vaccinations"] }, { offset: 0, limit: 10 })
        }
      }))
      expect(ids(result.all.items)).toEqual(["doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-5"])
      expect(result.all.total).toBe(6)
      expect(ids(result.pendingPage.items)).toEqual(["doc-1", "doc-3"])
      expect(result.pendingPage.total).toBe(4)
      expect(ids(result.reviewed.items)).toEqual(["doc-2", "doc-4"])
      expect(ids(result.kinds.items)).toEqual(["doc-0", "doc-1", "doc-4"])
      expect(result.none).toEqual({ items: [], total: 0 })
    })
  })
}
