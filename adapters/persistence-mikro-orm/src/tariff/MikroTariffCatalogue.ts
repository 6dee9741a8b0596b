import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from "@mikro-orm/postgresql"
import { NoTariffGridForActivity, TariffCatalogue, TariffGrid, TariffGridNotFound, TariffGridOverlap, type ActivityId, type TariffGridId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { TariffGridActivityEntity, TariffGridEntity, type TariffGridRow } from "./TariffGridEntity.js"

const encode = Schema.encodeSync(TariffGrid)
const decode = Schema.decodeUnknownSync(TariffGrid)

const toGrid = (row: TariffGridRow): TariffGrid => decode(row.data)

async function overlapOf(em: EntityManager, grid: TariffGrid): Promise<TariffGridOverlap | undefined> {
  const taken = await em.find(
    TariffGridActivityEntity,
    { schoolYear: grid.schoolYear, activityId: { $in: [...grid.activityIds] }, gridId: { $ne: grid.id } },
    { disableIdentityMap: true }
  )
  const clash = grid.activityIds.flatMap((activityId) => taken.filter((row) => row.activityId === activityId))[0]
  return clash === undefined
    ? undefined
    : new TariffGridOverlap({ gridId: grid.id, otherGridId: clash.gridId, activityId: clash.activityId, schoolYear: grid.schoolYear })
}

/**
 * `TariffCatalogue` on PostgreSQL: one row per grid (the grid as JSON) and one row per activity
 * and school year it prices, whose primary key refuses a second grid for an activity and year.
 */
export function mikroTariffCatalogue(orm: MikroORM): Layer.Layer<TariffCatalogue> {
  const save = (grid: TariffGrid) =>
    withEntityManager(orm, async (em): Promise<TariffGridOverlap | undefined> => {
      try {
        return await em.transactional(async (tx) => {
          const overlap = await overlapOf(tx, grid)
          if (overlap !== undefined) return overlap
          await tx.upsert(
            TariffGridEntity,
            { id: grid.id, schoolYear: grid.schoolYear, label: grid.label, data: encode(grid) },
            { onConflictFields: ["id"], onConflictAction: "merge", disableIdentityMap: true }
          )
          await tx.nativeDelete(TariffGridActivityEntity, { gridId: grid.id })
          await tx.insertMany(
            TariffGridActivityEntity,
            [...new Set(grid.activityIds)].map((activityId) => ({ activityId, schoolYear: grid.schoolYear, gridId: grid.id }))
          )
          return undefined
        })
      } catch (error) {
        if (!(error instanceof UniqueConstraintViolationException)) throw error
        const overlap = await overlapOf(em, grid)
        if (overlap === undefined) throw error
        return overlap
      }
    })
  return Layer.succeed(TariffCatalogue, {
    get: (id: TariffGridId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.findOne(TariffGridEntity, { id }, { disableIdentityMap: true })),
        (row) => (row === null ? Effect.fail(new TariffGridNotFound({ gridId: id })) : Effect.succeed(toGrid(row)))
      ),
    gridFor: (activityId: ActivityId, schoolYear: string) =>
      Effect.flatMap(
        withEntityManager(orm, async (em) => {
          const priced = await em.findOne(TariffGridActivityEntity, { activityId, schoolYear }, { disableIdentityMap: true })
          return priced === null ? null : em.findOne(TariffGridEntity, { id: priced.gridId }, { disableIdentityMap: true })
        }),
        (row) => (row === null ? Effect.fail(new NoTariffGridForActivity({ activityId, schoolYear })) : Effect.succeed(toGrid(row)))
      ),
    save: (grid) => Effect.flatMap(save(grid), (overlap) => (overlap === undefined ? Effect.void : Effect.fail(overlap))),
    listForSchoolYear: (schoolYear) =>
      Effect.map(
        withEntityManager(orm, (em) =>
          em.find(TariffGridEntity, { schoolYear }, { orderBy: { label: "asc", id: "asc" }, disableIdentityMap: true })
        ),
        (rows) => rows.map(toGrid)
      )
  })
}
