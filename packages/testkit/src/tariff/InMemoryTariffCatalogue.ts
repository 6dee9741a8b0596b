import { NoTariffGridForActivity, TariffCatalogue, type TariffGrid, TariffGridNotFound, TariffGridOverlap } from "@spe/core"
import { Effect, Layer } from "effect"

const byLabel = (a: TariffGrid, b: TariffGrid) =>
  a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Tariff grids kept in a map; a fresh store per layer, holding `initial`. */
export function inMemoryTariffCatalogue(initial: ReadonlyArray<TariffGrid> = []): Layer.Layer<TariffCatalogue> {
  return Layer.sync(TariffCatalogue, () => {
    const grids = new Map(initial.map((g) => [g.id, g]))
    return {
      get: (id) =>
        Effect.suspend(() => {
          const found = grids.get(id)
          return found === undefined ? Effect.fail(new TariffGridNotFound({ gridId: id })) : Effect.succeed(found)
        }),
      gridFor: (activityId, schoolYear) =>
        Effect.suspend(() => {
          const found = [...grids.values()].find((g) => g.schoolYear === schoolYear && g.activityIds.includes(activityId))
          return found === undefined ? Effect.fail(new NoTariffGridForActivity({ activityId, schoolYear })) : Effect.succeed(found)
        }),
      save: (grid) =>
        Effect.suspend(() => {
          for (const other of grids.values()) {
            if (other.id === grid.id || other.schoolYear !== grid.schoolYear) continue
            const shared = grid.activityIds.find((a) => other.activityIds.includes(a))
            if (shared !== undefined)
              return Effect.fail(new TariffGridOverlap({ gridId: grid.id, otherGridId: other.id, activityId: shared, schoolYear: grid.schoolYear }))
          }
          grids.set(grid.id, grid)
          return Effect.void
        }),
      listForSchoolYear: (schoolYear) => Effect.sync(() => [...grids.values()].filter((g) => g.schoolYear === schoolYear).sort(byLabel))
    }
  })
}
