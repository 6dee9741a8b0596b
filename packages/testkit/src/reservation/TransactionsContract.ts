import { Transactions } from "@spe/core"
import { Data, Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<Transactions>> | Layer.Layer<Transactions>

class Refused extends Data.TaggedError("Refused")<{ readonly why: string }> {}

/**
 * The behaviour every `Transactions` adapter must have: a transaction gives back its effect's
 * value, lets its typed failure through, accepts a transaction nested inside it, and completes
 * every one of many concurrent transactions.
 */
export function transactionsContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, Transactions>): Promise<A> => Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`Transactions contract: ${name}`, () => {
    it("gives back the value of the effect it runs", async () => {
      expect(await run(Effect.flatMap(Transactions, (t) => t.withTransaction(Effect.succeed(42))))).toBe(42)
    })

    it("lets a typed failure through", async () => {
      const error = await run(Effect.flip(Effect.flatMap(Transactions, (t) => t.withTransaction(Effect.fail(new Refused({ why: "complet" }))))))
      expect(error).toEqual(new Refused({ why: "complet" }))
    })

    it("runs a transaction nested in another", async () => {
      const value = await run(Effect.flatMap(Transactions, (t) => t.withTransaction(Effect.map(t.withTransaction(Effect.succeed("dedans")), (s) => `${s} et dehors`))))
      expect(value).toBe("dedans et dehors")
    })

    it("completes every one of many concurrent transactions", async () => {
      const values = await run(
        Effect.flatMap(Transactions, (t) =>
          Effect.all(Array.from({ length: 25 }, (_, n) => t.withTransaction(Effect.as(Effect.yieldNow(), n))), { concurrency: "unbounded" })
        )
      )
      expect(values).toEqual(Array.from({ length: 25 }, (_, n) => n))
    })
  })
}
