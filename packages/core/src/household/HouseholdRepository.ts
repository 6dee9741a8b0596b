import { Context, type Effect, type Option } from "effect"
import type { HouseholdId } from "../shared/Ids.js"
import type { Household, HouseholdNotFound, HouseholdReferenceTaken } from "./Household.js"

/**
 * Where households are kept. Any adapter must pass `householdRepositoryContract` of @spe/testkit.
 */
export class HouseholdRepository extends Context.Tag("@spe/core/HouseholdRepository")<
  HouseholdRepository,
  {
    readonly get: (id: HouseholdId) => Effect.Effect<Household, HouseholdNotFound>
    /** Inserts or replaces the household with this id; a reference is unique across households. */
    readonly save: (household: Household) => Effect.Effect<void, HouseholdReferenceTaken>
    readonly findByReference: (reference: string) => Effect.Effect<Option.Option<Household>>
    /**
     * Households whose reference, family name, adult or child name (first, last or both), or
     * email contains every word of the query, ignoring case and accents; ordered by reference.
     * An empty query finds nothing.
     */
    readonly search: (query: string) => Effect.Effect<ReadonlyArray<Household>>
    /** Every household, ordered by reference. */
    readonly list: Effect.Effect<ReadonlyArray<Household>>
  }
>() {}

/** Text folded for search: lower case, no accents, single spaces. */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim()
}

/** Whether a household matches a search query, as `HouseholdRepository.search` defines it. */
export function householdMatches(household: Household, query: string): boolean {
  const words = foldForSearch(query).split(" ").filter((w) => w.length > 0)
  if (words.length === 0) return false
  const haystack = foldForSearch(
    [
      household.reference,
      household.familyName,
      household.contact.email,
      ...household.adults.flatMap((a) => [a.firstName, a.lastName, a.email ?? ""]),
      ...household.children.flatMap((c) => [c.firstName, c.lastName])
    ].join(" ")
  )
  return words.every((w) => haystack.includes(w))
}
