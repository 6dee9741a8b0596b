import { Cents, HouseholdId, LocalDate, UnpaidBalances } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

/** A household's debt past due, as the contract sets it up. */
export interface PastDueDebt {
  readonly householdId: HouseholdId
  readonly amount: Cents.Cents
}

type MakeLayer = (debts: ReadonlyArray<PastDueDebt>) => Promise<Layer.Layer<UnpaidBalances>> | Layer.Layer<UnpaidBalances>

/**
 * The behaviour every `UnpaidBalances` adapter must have, set up with some households owing
 * amounts past due on 15 March 2026: those amounts for them, nothing for the others.
 */
export function unpaidBalancesContract(name: string, makeLayer: MakeLayer): void {
  const debts: ReadonlyArray<PastDueDebt> = [
    { householdId: HouseholdId.make("martin"), amount: Cents.cents(12_345) },
    { householdId: HouseholdId.make("durand"), amount: Cents.cents(990) }
  ]
  const on = LocalDate.unsafe("2026-03-15")
  describe(`UnpaidBalances contract: ${name}`, () => {
    it("gives each household's past-due unpaid amount, and nothing for a household that owes nothing", async () => {
      const layer = await makeLayer(debts)
      const amounts = await Effect.runPromise(
        Effect.provide(
          Effect.flatMap(UnpaidBalances, (u) =>
            Effect.all([u.pastDueUnpaid(HouseholdId.make("martin"), on), u.pastDueUnpaid(HouseholdId.make("durand"), on), u.pastDueUnpaid(HouseholdId.make("petit"), on)])
          ),
          layer
        )
      )
      expect(amounts).toEqual([12_345, 990, 0])
    })
  })
}
