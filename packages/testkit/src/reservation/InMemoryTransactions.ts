import { Transactions } from "@spe/core"
import { Effect, FiberRef, Layer } from "effect"

/**
 * Transactions in memory: one at a time (a semaphore with one permit), which is what makes
 * `loadForUpdate` + `save` safe for the in-memory repositories. A transaction started inside
 * another joins it. Nothing is rolled back: when a transaction fails, what it saved stays saved
 * (the core's use cases save only after a decision succeeded; the PostgreSQL adapter rolls back).
 */
export function inMemoryTransactions(): Layer.Layer<Transactions> {
  const semaphore = Effect.unsafeMakeSemaphore(1)
  const inside = FiberRef.unsafeMake(false)
  return Layer.succeed(Transactions, {
    withTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.flatMap(FiberRef.get(inside), (nested) =>
        nested ? effect : semaphore.withPermits(1)(Effect.locally(effect, inside, true))
      )
  })
}
