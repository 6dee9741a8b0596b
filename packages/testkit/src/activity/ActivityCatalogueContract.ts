import { ActivityCatalogue, ActivityId, Slot } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anActivity } from "./ActivityFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<ActivityCatalogue>> | Layer.Layer<ActivityCatalogue>

/**
 * The behaviour every `ActivityCatalogue` adapter must have, starting from an empty catalogue:
 * a saved activity read back equal (slots, schedule, start time, policy included); a missing id
 * named in the error; saving again replaces; the list ordered by id.
 */
export function activityCatalogueContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, ActivityCatalogue>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const wednesday = anActivity({
    id: "mercredi",
    kind: "wednesday",
    startsAt: "08:15",
    slots: [new Slot({ code: "matin", label: "Matin" }), new Slot({ code: "apres-midi", label: "Après-midi", capacity: 12 })]
  })
  const stage = anActivity({ id: "stage-ete", kind: "custom:stage", schedule: "holiday-weekdays", capacity: 16 })

  describe(`ActivityCatalogue contract: ${name}`, () => {
    it("gives back a saved activity equal to what was saved", async () => {
      const found = await run(Effect.gen(function* () {
        const catalogue = yield* ActivityCatalogue
        yield* catalogue.save(wednesday)
        yield* catalogue.save(stage)
        return [yield* catalogue.byId(wednesday.id), yield* catalogue.byId(stage.id)] as const
      }))
      expect(found).toEqual([wednesday, stage])
    })

    it("says which activity is missing", async () => {
      const error = await run(Effect.flip(Effect.flatMap(ActivityCatalogue, (c) => c.byId(ActivityId.make("nope")))))
      expect(error._tag).toBe("ActivityNotFound")
      expect(error.activityId).toBe("nope")
    })

    it("replaces an activity saved again with the same id", async () => {
      const found = await run(Effect.gen(function* () {
        const catalogue = yield* ActivityCatalogue
        yield* catalogue.save(wednesday)
        yield* catalogue.save(anActivity({ id: "mercredi", kind: "wednesday", capacity: 60 }))
        return [yield* catalogue.byId(wednesday.id), yield* catalogue.list] as const
      }))
      expect(found[0].capacity).toBe(60)
      expect(found[0].slots).toEqual([])
      expect(found[1]).toHaveLength(1)
    })

    it("lists every activity, ordered by id", async () => {
      const listed = await run(Effect.gen(function* () {
        const catalogue = yield* ActivityCatalogue
        const empty = yield* catalogue.list
        yield* catalogue.save(stage)
        yield* catalogue.save(wednesday)
        yield* catalogue.save(anActivity({ id: "cantine" }))
        return { empty, ids: (yield* catalogue.list).map((a) => a.id) }
      }))
      expect(listed.empty).toEqual([])
      expect(listed.ids).toEqual(["cantine", "mercredi", "stage-ete"])
    })
  })
}
