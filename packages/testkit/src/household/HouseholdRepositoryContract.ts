import { Adult, HouseholdId, HouseholdRepository, MemberId } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { aHousehold } from "./HouseholdFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<HouseholdRepository>> | Layer.Layer<HouseholdRepository>

/**
 * The behaviour every `HouseholdRepository` adapter must have: households kept unchanged, saved
 * again by id, references unique, found by reference, searched by name/reference/child/email
 * ignoring case and accents, listed by reference. `makeLayer` gives an empty store each time.
 */
export function householdRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, HouseholdRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  const concerto = aHousehold()
  const martin = aHousehold({
    id: HouseholdId.make("hh-2"),
    reference: "FAM-000002",
    familyName: "Martin",
    contact: { email: "c.martin@exemple.fr", phones: [] },
    residency: "non-resident",
    adults: [Adult.make({ id: MemberId.make("hh-2-a1"), firstName: "Chloé", lastName: "Martin", isPayer: true, email: "chloe.martin@exemple.fr" })],
    children: []
  })
  const lefevre = aHousehold({
    id: HouseholdId.make("hh-3"),
    reference: "AB-17",
    familyName: "Lefèvre",
    contact: { email: "lefevre@exemple.fr", phones: [] },
    adults: [Adult.make({ id: MemberId.make("hh-3-a1"), firstName: "Éric", lastName: "Lefèvre", isPayer: true })],
    children: []
  })

  describe(`HouseholdRepository contract: ${name}`, () => {
    it("gives back a saved household unchanged, and HouseholdNotFound for an unknown id", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* HouseholdRepository
        yield* repo.save(concerto)
        return { found: yield* repo.get(concerto.id), missing: yield* Effect.flip(repo.get(HouseholdId.make("hh-none"))) }
      }))
      expect(result.found).toEqual(concerto)
      expect(result.found.payer.fullName).toBe("Anne Concerto")
      expect(result.missing._tag).toBe("HouseholdNotFound")
      expect(result.missing.householdId).toBe("hh-none")
      expect(result.missing.message).toContain("Aucun foyer")
    })

    it("replaces a household saved again with the same id", async () => {
      const moved = aHousehold({ address: { line1: "3 rue des Écoles", postalCode: "76500", city: "Elbeuf" }, residency: "non-resident" })
      const result = await run(Effect.gen(function* () {
        const repo = yield* HouseholdRepository
        yield* repo.save(concerto)
        yield* repo.save(moved)
        return { found: yield* repo.get(concerto.id), all: yield* repo.list }
      }))
      expect(result.found).toEqual(moved)
      expect(result.all).toEqual([moved])
    })

    it("refuses a reference already used by another household, and keeps the first", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* HouseholdRepository
        yield* repo.save(concerto)
        const refused = yield* Effect.flip(repo.save(aHousehold({ id: HouseholdId.make("hh-9") })))
        return { refused, all: yield* repo.list }
      }))
      expect(result.refused._tag).toBe("HouseholdReferenceTaken")
      expect(result.refused.reference).toBe("FAM-000001")
      expect(result.refused.householdId).toBe("hh-1")
      expect(result.all.map((h) => h.id)).toEqual(["hh-1"])
    })

    it("finds a household by its exact reference", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* HouseholdRepository
        yield* repo.save(concerto)
        yield* repo.save(martin)
        return {
          found: yield* repo.findByReference("FAM-000002"),
          missing: yield* repo.findByReference("FAM-000099"),
          partial: yield* repo.findByReference("FAM-00000")
        }
      }))
      expect(result.found).toEqual(Option.some(martin))
      expect(result.missing).toEqual(Option.none())
      expect(result.partial).toEqual(Option.none())
    })

    it("searches references, family, adult and child names and emails, ignoring case and accents, every word matching", async () => {
      const ids = await run(Effect.gen(function* () {
        const repo = yield* HouseholdRepository
        yield* repo.save(martin)
        yield* repo.save(concerto)
        yield* repo.save(lefevre)
        const search = (q: string) => Effect.map(repo.search(q), (found) => found.map((h) => h.id))
        return {
          child: yield* search("lea"),
          adultAccent: yield* search("ERIC"),
          family: yield* search("lefevre"),
          reference: yield* search("fam-0000"),
          email: yield* search("chloe.martin@"),
          twoWords: yield* search("concerto hugo"),
          mismatch: yield* search("concerto chloé"),
          nothing: yield* search("dupont"),
          empty: yield* search("   ")
        }
      }))
      expect(ids.child).toEqual(["hh-1"])
      expect(ids.adultAccent).toEqual(["hh-3"])
      expect(ids.family).toEqual(["hh-3"])
      expect(ids.reference).toEqual(["hh-1", "hh-2"])
      expect(ids.email).toEqual(["hh-2"])
      expect(ids.twoWords).toEqual(["hh-1"])
      expect(ids.mismatch).toEqual([])
      expect(ids.nothing).toEqual([])
      expect(ids.empty).toEqual([])
    })

    it("lists every household ordered by reference", async () => {
      const all = await run(Effect.gen(function* () {
        const repo = yield* HouseholdRepository
        const empty = yield* repo.list
        yield* repo.save(martin)
        yield* repo.save(concerto)
        yield* repo.save(lefevre)
        return { empty, all: yield* repo.list }
      }))
      expect(all.empty).toEqual([])
      expect(all.all.map((h) => h.reference)).toEqual(["AB-17", "FAM-000001", "FAM-000002"])
    })
  })
}
