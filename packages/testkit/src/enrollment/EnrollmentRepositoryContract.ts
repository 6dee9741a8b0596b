import { Enrollment, EnrollmentId, EnrollmentRepository, HouseholdId, Instant, MemberId } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<EnrollmentRepository>> | Layer.Layer<EnrollmentRepository>

const i = Instant.unsafe
const enrollment = (id: string, child: string, family: string, status: Enrollment["status"], requestedAt = "2026-06-01T08:00:00Z", household = "martin") =>
  new Enrollment({
    id: EnrollmentId.make(id),
    childId: MemberId.make(child),
    householdId: HouseholdId.make(household),
    schoolYear: "2026-2027",
    enrollmentFamily: family,
    requestedAt: i(requestedAt),
    status
  })

/**
 * The behaviour every `EnrollmentRepository` adapter must have, starting empty: enrollments read
 * back equal and replaced when saved again; a missing id named in the error; lists by child and
 * household oldest first; the accepted one found by child, school year and family; pending ones
 * listed oldest first.
 */
export function enrollmentRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, EnrollmentRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const accepted = enrollment("e1", "lucie", "periscolaire", { _tag: "Accepted", decidedAt: i("2026-06-15T08:00:00Z"), decidedBy: "agent-1" })
  const refused = enrollment("e2", "lucie", "restauration", { _tag: "Refused", decidedAt: i("2026-06-15T08:00:00Z"), reason: "Pièce manquante" }, "2026-05-30T08:00:00Z")
  const pendingTom = enrollment("e3", "tom", "periscolaire", { _tag: "Requested" }, "2026-06-02T08:00:00Z")
  const pendingInes = enrollment("e4", "ines", "periscolaire", { _tag: "Requested" }, "2026-05-20T08:00:00Z", "durand")
  const seed = Effect.gen(function* () {
    const repository = yield* EnrollmentRepository
    for (const e of [accepted, refused, pendingTom, pendingInes]) yield* repository.save(e)
    return repository
  })

  describe(`EnrollmentRepository contract: ${name}`, () => {
    it("reads back a saved enrollment equal, and replaces it when saved again", async () => {
      const [before, after] = await run(Effect.gen(function* () {
        const repository = yield* seed
        const before = yield* repository.get(pendingTom.id)
        yield* repository.save(new Enrollment({ ...pendingTom, status: { _tag: "Accepted", decidedAt: i("2026-06-20T08:00:00Z") } }))
        return [before, yield* repository.get(pendingTom.id)] as const
      }))
      expect(before).toEqual(pendingTom)
      expect(after.isAccepted).toBe(true)
    })

    it("says which enrollment is missing", async () => {
      const error = await run(Effect.flip(Effect.flatMap(EnrollmentRepository, (r) => r.get(EnrollmentId.make("nope")))))
      expect(error._tag).toBe("EnrollmentNotFound")
      expect(error.enrollmentId).toBe("nope")
    })

    it("lists by child and by household, oldest request first", async () => {
      const found = await run(Effect.gen(function* () {
        const repository = yield* seed
        return {
          lucie: (yield* repository.forChild(MemberId.make("lucie"))).map((e) => e.id),
          martin: (yield* repository.forHousehold(HouseholdId.make("martin"))).map((e) => e.id),
          nobody: yield* repository.forChild(MemberId.make("nobody"))
        }
      }))
      expect(found).toEqual({ lucie: ["e2", "e1"], martin: ["e2", "e1", "e3"], nobody: [] })
    })

    it("finds the accepted enrollment of a child for a school year and a family, and only that", async () => {
      const found = await run(Effect.gen(function* () {
        const repository = yield* seed
        return [
          yield* repository.findAccepted(MemberId.make("lucie"), "2026-2027", "periscolaire"),
          yield* repository.findAccepted(MemberId.make("lucie"), "2026-2027", "restauration"),
          yield* repository.findAccepted(MemberId.make("lucie"), "2025-2026", "periscolaire"),
          yield* repository.findAccepted(MemberId.make("tom"), "2026-2027", "periscolaire")
        ] as const
      }))
      expect(found).toEqual([Option.some(accepted), Option.none(), Option.none(), Option.none()])
    })

    it("lists the enrollments awaiting a decision, oldest first", async () => {
      const pending = await run(Effect.flatMap(seed, (r) => r.pending))
      expect(pending.map((e) => e.id)).toEqual(["e4", "e3"])
    })
  })
}
