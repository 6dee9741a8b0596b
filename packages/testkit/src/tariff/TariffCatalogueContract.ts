import { ActivityId, Cents, TariffCatalogue, TariffGridId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aTariffGrid } from "./TariffFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<TariffCatalogue>> | Layer.Layer<TariffCatalogue>

/**
 * The behaviour every `TariffCatalogue` adapter must have: grids kept unchanged, replaced by id,
 * found by activity and school year, one grid per activity and year, listed by label.
 * `makeLayer` gives an empty catalogue each time.
 */
export function tariffCatalogueContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, TariffCatalogue>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  const canteen = aTariffGrid()
  const care = aTariffGrid({
    id: TariffGridId.make("grid-care-2025"),
    label: "Accueils du matin et du soir",
    activityIds: [ActivityId.make("morning"), ActivityId.make("evening")],
    mode: { _tag: "EffortRate", rate: Cents.basisPoints(60), floor: Cents.cents(100), ceiling: Cents.cents(597) },
    modifiers: { siblings: { second: Cents.basisPoints(1000), thirdAndMore: Cents.basisPoints(2000) }, unreservedPresence: { _tag: "FixedPrice", price: Cents.cents(1000) } }
  })
  const nextYear = aTariffGrid({ id: TariffGridId.make("grid-canteen-2026"), schoolYear: "2026-2027", mode: { _tag: "Flat", price: Cents.cents(300) } })

  describe(`TariffCatalogue contract: ${name}`, () => {
    it("gives back a saved grid unchanged, and TariffGridNotFound for an unknown id", async () => {
      const result = await run(Effect.gen(function* () {
        const catalogue = yield* TariffCatalogue
        yield* catalogue.save(care)
        return { found: yield* catalogue.get(care.id), missing: yield* Effect.flip(catalogue.get(TariffGridId.make("grid-none"))) }
      }))
      expect(result.found).toEqual(care)
      expect(result.missing._tag).toBe("TariffGridNotFound")
      expect(result.missing.gridId).toBe("grid-none")
    })

    it("finds the grid of an activity for a school year, and says when there is none", async () => {
      const result = await run(Effect.gen(function* () {
        const catalogue = yield* TariffCatalogue
        yield* catalogue.save(canteen)
        yield* catalogue.save(care)
        yield* catalogue.save(nextYear)
        return {
          evening: yield* catalogue.gridFor(ActivityId.make("evening"), "2025-2026"),
          canteenNow: yield* catalogue.gridFor(ActivityId.make("canteen"), "2025-2026"),
          canteenNext: yield* catalogue.gridFor(ActivityId.make("canteen"), "2026-2027"),
          none: yield* Effect.flip(catalogue.gridFor(ActivityId.make("evening"), "2026-2027"))
        }
      }))
      expect(result.evening).toEqual(care)
      expect(result.canteenNow).toEqual(canteen)
      expect(result.canteenNext).toEqual(nextYear)
      expect(result.none._tag).toBe("NoTariffGridForActivity")
      expect(result.none.message).toContain("2026-2027")
    })

    it("replaces a grid saved again with the same id", async () => {
      const cheaper = aTariffGrid({ costOfProduction: Cents.cents(700), activityIds: [ActivityId.make("canteen"), ActivityId.make("wednesday")] })
      const result = await run(Effect.gen(function* () {
        const catalogue = yield* TariffCatalogue
        yield* catalogue.save(canteen)
        yield* catalogue.save(cheaper)
        return { found: yield* catalogue.get(canteen.id), wednesday: yield* catalogue.gridFor(ActivityId.make("wednesday"), "2025-2026"), all: yield* catalogue.listForSchoolYear("2025-2026") }
      }))
      expect(result.found).toEqual(cheaper)
      expect(result.wednesday).toEqual(cheaper)
      expect(result.all).toEqual([cheaper])
    })

    it("refuses a second grid for an activity and school year, keeping the first", async () => {
      const rival = aTariffGrid({ id: TariffGridId.make("grid-rival"), activityIds: [ActivityId.make("wednesday"), ActivityId.make("canteen")] })
      const result = await run(Effect.gen(function* () {
        const catalogue = yield* TariffCatalogue
        yield* catalogue.save(canteen)
        const refused = yield* Effect.flip(catalogue.save(rival))
        return { refused, found: yield* catalogue.gridFor(ActivityId.make("canteen"), "2025-2026"), rival: yield* Effect.flip(catalogue.get(rival.id)) }
      }))
      expect(result.refused._tag).toBe("TariffGridOverlap")
      expect(result.refused).toMatchObject({ gridId: "grid-rival", otherGridId: "grid-canteen-2025", activityId: "canteen", schoolYear: "2025-2026" })
      expect(result.found).toEqual(canteen)
      expect(result.rival._tag).toBe("TariffGridNotFound")
    })

    it("lists the grids of a school year by label", async () => {
      const result = await run(Effect.gen(function* () {
        const catalogue = yield* TariffCatalogue
        for (const grid of [canteen, nextYear, care]) yield* catalogue.save(grid)
        return { now: yield* catalogue.listForSchoolYear("2025-2026"), none: yield* catalogue.listForSchoolYear("2030-2031") }
      }))
      expect(result.now.map((g) => g.id)).toEqual(["grid-care-2025", "grid-canteen-2025"])
      expect(result.none).toEqual([])
    })
  })
}
