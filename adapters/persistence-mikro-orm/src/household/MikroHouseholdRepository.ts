import { UniqueConstraintViolationException, type MikroORM } from "@mikro-orm/postgresql"
import { foldForSearch, Household, HouseholdNotFound, HouseholdReferenceTaken, HouseholdRepository, type HouseholdId } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { HouseholdEntity, type HouseholdRow } from "./HouseholdEntity.js"

const encode = Schema.encodeSync(Household)
const decode = Schema.decodeUnknownSync(Household)

function searchTextOf(h: Household): string {
  return foldForSearch(
    [
      h.reference,
      h.familyName,
      h.contact.email,
      ...h.adults.flatMap((a) => [a.firstName, a.lastName, a.email ?? ""]),
      ...h.children.flatMap((c) => [c.firstName, c.lastName])
    ].join(" ")
  )
}

const escapeLike = (word: string): string => word.replace(/[\\%_]/g, (c) => `\\${c}`)

/** `HouseholdRepository` on PostgreSQL: one row per household, the aggregate as JSON. */
export function mikroHouseholdRepository(orm: MikroORM): Layer.Layer<HouseholdRepository> {
  const toHousehold = (row: HouseholdRow): Household => decode(row.data)
  return Layer.succeed(HouseholdRepository, {
    get: (id: HouseholdId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.findOne(HouseholdEntity, { id })),
        (row) => (row === null ? Effect.fail(new HouseholdNotFound({ householdId: id })) : Effect.succeed(toHousehold(row)))
      ),
    save: (household) =>
      withEntityManager(orm, async (em) => {
        const holder = await em.findOne(HouseholdEntity, { reference: household.reference, id: { $ne: household.id } })
        if (holder !== null) return new HouseholdReferenceTaken({ reference: household.reference, householdId: holder.id })
        try {
          await em.upsert(
            HouseholdEntity,
            {
              id: household.id,
              reference: household.reference,
              searchText: searchTextOf(household),
              data: encode(household)
            },
            { onConflictFields: ["id"], onConflictAction: "merge" }
          )
          return undefined
        } catch (error) {
          if (!(error instanceof UniqueConstraintViolationException)) throw error
          return new HouseholdReferenceTaken({ reference: household.reference, householdId: "" })
        }
      }).pipe(Effect.flatMap((refused) => (refused === undefined ? Effect.void : Effect.fail(refused)))),
    findByReference: (reference) =>
      Effect.map(
        withEntityManager(orm, (em) => em.findOne(HouseholdEntity, { reference })),
        (row) => Option.map(Option.fromNullable(row), toHousehold)
      ),
    search: (query) => {
      const words = foldForSearch(query).split(" ").filter((w) => w.length > 0)
      if (words.length === 0) return Effect.succeed([])
      return Effect.map(
        withEntityManager(orm, (em) =>
          em.find(HouseholdEntity, { $and: words.map((w) => ({ searchText: { $like: `%${escapeLike(w)}%` } })) }, { orderBy: { reference: "asc" } })
        ),
        (rows) => rows.map(toHousehold)
      )
    },
    list: Effect.map(
      withEntityManager(orm, (em) => em.find(HouseholdEntity, {}, { orderBy: { reference: "asc" } })),
      (rows) => rows.map(toHousehold)
    )
  })
}
