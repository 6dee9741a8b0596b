import { Absence, AbsenceId, AbsenceRepository, DocumentId, HouseholdId, Instant, LocalDate, MedicalCertificate, MemberId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<AbsenceRepository>> | Layer.Layer<AbsenceRepository>

const d = LocalDate.unsafe
const absence = (id: string, child: string, start: string, end: string, household = "martin") =>
  new Absence({
    id: AbsenceId.make(id),
    childId: MemberId.make(child),
    householdId: HouseholdId.make(household),
    start: d(start),
    end: d(end),
    reason: "illness",
    reportedAt: Instant.unsafe(`${start}T07:00:00Z`)
  })

/**
 * The behaviour every `AbsenceRepository` adapter must have, starting empty: absences read back
 * equal (certificate and comment included) and replaced when saved again; a missing id named in
 * the error; the absences of a child or household overlapping a period (both ends included), by
 * first day.
 */
export function absenceRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, AbsenceRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const flu = new Absence({
    ...absence("a1", "lucie", "2026-03-09", "2026-03-11"),
    comment: "Grippe",
    certificate: new MedicalCertificate({ documentId: DocumentId.make("doc-7"), providedAt: Instant.unsafe("2026-03-10T09:00:00Z") })
  })
  const seed = Effect.gen(function* () {
    const repository = yield* AbsenceRepository
    for (const a of [absence("a3", "tom", "2026-03-20", "2026-03-20"), flu, absence("a2", "lucie", "2026-03-16", "2026-03-17"), absence("a4", "ines", "2026-03-10", "2026-03-10", "durand")]) {
      yield* repository.save(a)
    }
    return repository
  })

  describe(`AbsenceRepository contract: ${name}`, () => {
    it("reads back a saved absence equal, and replaces it when saved again", async () => {
      const [before, after] = await run(Effect.gen(function* () {
        const repository = yield* seed
        const before = yield* repository.get(flu.id)
        const { certificate: _dropped, ...withoutCertificate } = flu
        yield* repository.save(new Absence({ ...withoutCertificate, end: d("2026-03-12") }))
        return [before, yield* repository.get(flu.id)] as const
      }))
      expect(before).toEqual(flu)
      expect([after.end, after.certificate]).toEqual(["2026-03-12", undefined])
    })

    it("says which absence is missing", async () => {
      const error = await run(Effect.flip(Effect.flatMap(AbsenceRepository, (r) => r.get(AbsenceId.make("nope")))))
      expect([error._tag, error.absenceId]).toEqual(["AbsenceNotFound", "nope"])
    })

    it("finds a child's and a household's absences overlapping a period, by first day", async () => {
      const found = await run(Effect.gen(function* () {
        const repository = yield* seed
        const ids = (list: ReadonlyArray<Absence>) => list.map((a) => a.id)
        return {
          lucieMarch: ids(yield* repository.forChild(MemberId.make("lucie"), d("2026-03-01"), d("2026-03-31"))),
          lucieEdge: ids(yield* repository.forChild(MemberId.make("lucie"), d("2026-03-11"), d("2026-03-16"))),
          lucieGap: ids(yield* repository.forChild(MemberId.make("lucie"), d("2026-03-12"), d("2026-03-15"))),
          martin: ids(yield* repository.forHousehold(HouseholdId.make("martin"), d("2026-03-10"), d("2026-03-20"))),
          durand: ids(yield* repository.forHousehold(HouseholdId.make("durand"), d("2026-03-01"), d("2026-03-31")))
        }
      }))
      expect(found).toEqual({ lucieMarch: ["a1", "a2"], lucieEdge: ["a1", "a2"], lucieGap: [], martin: ["a1", "a2", "a3"], durand: ["a4"] })
    })
  })
}
