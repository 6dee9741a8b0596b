import { Cents, type HouseholdId, UnpaidBalances } from "@spe/core"
import { Effect, Layer } from "effect"

/** Past-due unpaid amounts fixed per household (none for the others), until billing provides the real one. */
export function inMemoryUnpaidBalances(owed: Iterable<readonly [HouseholdId, Cents.Cents]> = []): Layer.Layer<UnpaidBalances> {
  const amounts = new Map<HouseholdId, Cents.Cents>(owed)
  return Layer.succeed(UnpaidBalances, {
    pastDueUnpaid: (householdId) => Effect.sync(() => amounts.get(householdId) ?? Cents.zero)
  })
}
