import { Schema } from "effect"
import type { Household } from "./Household.js"

/** A number of parts (quotient familial), a multiple of a quarter of a part. */
export const Parts = Schema.Number.annotations({ message: () => "Un nombre de parts doit être un nombre." }).pipe(
  Schema.filter((n) => Number.isFinite(n) && n >= 0 && Number.isInteger(n * 4), {
    message: () => "Un nombre de parts est positif et se compte par quarts de part (0,25 ; 0,5 ; 1…)."
  }),
  Schema.annotations({ identifier: "Parts" })
)

const BaseParts = Parts.pipe(Schema.filter((n) => n >= 1, { message: () => "Les parts des parents valent au moins 1." }))

/**
 * How many parts a family counts, a town setting. The default (`defaultPartTable`) is the CAF's:
 * a couple or a single parent 2 parts; first child +0.5; second +0.5; third +1; each further
 * child +0.5; a child whose family receives the AEEH +0.5 more.
 */
export class PartTable extends Schema.Class<PartTable>("PartTable")({
  singleParent: BaseParts,
  couple: BaseParts,
  /** Parts added by the first, second, third… child; children beyond the list add `furtherChild`. */
  childrenByRank: Schema.Array(Parts),
  furtherChild: Parts,
  /** Parts added for each child with the AEEH, on top of the child's rank. */
  disabledChild: Parts
}) {}

/** The part table of DOMAIN.md, used when a town sets none. */
export const defaultPartTable: PartTable = PartTable.make({
  singleParent: 2,
  couple: 2,
  childrenByRank: [0.5, 0.5, 1],
  furtherChild: 0.5,
  disabledChild: 0.5
})

/** What the parts depend on. */
export interface FamilyComposition {
  readonly adults: number
  readonly children: number
  readonly disabledChildren: number
}

const quarters = (parts: number): number => Math.round(parts * 4)

/**
 * The parts of a family under a part table: the parents' parts, each child's by rank, and the
 * AEEH half-parts. Counted in quarters of a part, so the sum is exact.
 *
 * @example
 * countParts(defaultPartTable, { adults: 2, children: 3, disabledChildren: 0 }) // 4
 */
export function countParts(table: PartTable, composition: FamilyComposition): number {
  let total = quarters(composition.adults >= 2 ? table.couple : table.singleParent)
  for (let rank = 0; rank < composition.children; rank++) total += quarters(table.childrenByRank[rank] ?? table.furtherChild)
  total += quarters(table.disabledChild) * Math.min(composition.disabledChildren, composition.children)
  return total / 4
}

/** The composition of a registered household: its adults, its children, those with the AEEH. */
export function compositionOf(household: Household): FamilyComposition {
  return {
    adults: household.adults.length,
    children: household.children.length,
    disabledChildren: household.children.filter((c) => c.aeeh).length
  }
}
