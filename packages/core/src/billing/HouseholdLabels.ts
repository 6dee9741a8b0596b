import { Effect, Either } from "effect"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import type { HouseholdId } from "../shared/Ids.js"

/** How billing lists name a household: its file reference, family name and payer. */
export interface HouseholdLabel {
  readonly householdId: HouseholdId
  readonly reference: string
  readonly familyName: string
  readonly payerName: string
}

/**
 * The labels of the households a list names, read once each. A household that cannot be read is
 * named by its id (a list never fails for a name).
 */
export const householdLabels = (ids: Iterable<HouseholdId>) =>
  Effect.gen(function* () {
    const repository = yield* HouseholdRepository
    const labels = new Map<HouseholdId, HouseholdLabel>()
    for (const householdId of ids) {
      if (labels.has(householdId)) continue
      const household = yield* Effect.either(repository.get(householdId))
      labels.set(
        householdId,
        Either.isRight(household)
          ? {
              householdId,
              reference: household.right.reference,
              familyName: household.right.familyName,
              payerName: household.right.adults.length === 0 ? "" : household.right.payer.fullName
            }
          : { householdId, reference: householdId, familyName: "", payerName: "" }
      )
    }
    return labels as ReadonlyMap<HouseholdId, HouseholdLabel>
  })

/** The label of one household of a map made by `householdLabels`, or one naming it by its id. */
export const labelOf = (labels: ReadonlyMap<HouseholdId, HouseholdLabel>, householdId: HouseholdId): HouseholdLabel =>
  labels.get(householdId) ?? { householdId, reference: householdId, familyName: "", payerName: "" }
