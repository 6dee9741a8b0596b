import { type Household, HouseholdNotFound, HouseholdReferenceTaken, HouseholdRepository, householdMatches } from "@spe/core"
import { Effect, Layer, Option } from "effect"

const byReference = (a: Household, b: Household) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0)

/** Households kept in a map; a fresh, empty store per layer unless `initial` is given. */
export function inMemoryHouseholdRepository(initial: ReadonlyArray<Household> = []): Layer.Layer<HouseholdRepository> {
  return Layer.sync(HouseholdRepository, () => {
    const households = new Map(initial.map((h) => [h.id, h]))
    return {
      get: (id) =>
        Effect.suspend(() => {
          const found = households.get(id)
          return found === undefined ? Effect.fail(new HouseholdNotFound({ householdId: id })) : Effect.succeed(found)
        }),
      save: (household) =>
        Effect.suspend(() => {
          const clash = [...households.values()].find((h) => h.reference === household.reference && h.id !== household.id)
          if (clash !== undefined) return Effect.fail(new HouseholdReferenceTaken({ reference: household.reference, householdId: clash.id }))
          households.set(household.id, household)
          return Effect.void
        }),
      findByReference: (reference) =>
        Effect.sync(() => Option.fromNullable([...households.values()].find((h) => h.reference === reference))),
      search: (query) => Effect.sync(() => [...households.values()].filter((h) => householdMatches(h, query)).sort(byReference)),
      list: Effect.sync(() => [...households.values()].sort(byReference))
    }
  })
}
