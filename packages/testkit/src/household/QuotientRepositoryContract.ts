import { Cents, DocumentId, HouseholdId, Instant, QuotientRecordId, QuotientRepository } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aQuotientRecord } from "./HouseholdFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<QuotientRepository>> | Layer.Layer<QuotientRepository>

/**
 * The behaviour every `QuotientRepository` adapter must have: records kept unchanged, replaced by
 * id (a review), listed per household oldest submitted first. `makeLayer` gives an empty store.
 */
export function quotientRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, QuotientRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`QuotientRepository contract: ${name}`, () => {
    it("gives back a saved record unchanged, and QuotientRecordNotFound for an unknown id", async () => {
      const declared = aQuotientRecord({
        source: { _tag: "DeclaredWithProof", documentId: DocumentId.make("doc-1"), annualIncome: Cents.cents(30_000_00), monthlyBenefits: Cents.cents(150_00), parts: 3 },
        review: { _tag: "Pending" }
      })
      const result = await run(Effect.gen(function* () {
        const repo = yield* QuotientRepository
        yield* repo.save(declared)
        return { found: yield* repo.get(declared.id), missing: yield* Effect.flip(repo.get(QuotientRecordId.make("qf-none"))) }
      }))
      expect(result.found).toEqual(declared)
      expect(result.missing._tag).toBe("QuotientRecordNotFound")
      expect(result.missing.recordId).toBe("qf-none")
    })

    it("replaces a record saved again with the same id (its review)", async () => {
      const pending = aQuotientRecord({ review: { _tag: "Pending" } })
      const rejected = aQuotientRecord({ review: { _tag: "Rejected", at: Instant.unsafe("2025-01-12T10:00:00Z"), by: "agent", reason: "illisible" } })
      const result = await run(Effect.gen(function* () {
        const repo = yield* QuotientRepository
        yield* repo.save(pending)
        yield* repo.save(rejected)
        return { found: yield* repo.get(pending.id), history: yield* repo.listByHousehold(pending.householdId) }
      }))
      expect(result.found).toEqual(rejected)
      expect(result.history).toEqual([rejected])
    })

    it("lists a household's records oldest submitted first, ties by id, and nothing for another household", async () => {
      const at = (iso: string) => Instant.unsafe(iso)
      const later = aQuotientRecord({ id: QuotientRecordId.make("qf-a"), submittedAt: at("2025-06-01T08:00:00Z") })
      const earlier = aQuotientRecord({ id: QuotientRecordId.make("qf-c"), submittedAt: at("2025-01-01T08:00:00Z"), review: { _tag: "Pending" } })
      const sameTime = aQuotientRecord({ id: QuotientRecordId.make("qf-b"), submittedAt: at("2025-01-01T08:00:00Z") })
      const other = aQuotientRecord({ id: QuotientRecordId.make("qf-x"), householdId: HouseholdId.make("hh-2") })
      const result = await run(Effect.gen(function* () {
        const repo = yield* QuotientRepository
        for (const r of [later, other, earlier, sameTime]) yield* repo.save(r)
        return {
          mine: yield* repo.listByHousehold(HouseholdId.make("hh-1")),
          theirs: yield* repo.listByHousehold(HouseholdId.make("hh-2")),
          nobody: yield* repo.listByHousehold(HouseholdId.make("hh-none"))
        }
      }))
      expect(result.mine.map((r) => r.id)).toEqual(["qf-b", "qf-c", "qf-a"])
      expect(result.theirs).toEqual([other])
      expect(result.nobody).toEqual([])
    })
  })
}
