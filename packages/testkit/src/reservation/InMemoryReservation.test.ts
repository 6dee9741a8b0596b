import { Transactions } from "@spe/core"
import { Effect, Layer, Ref } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryBookingStore } from "./InMemoryBookingStore.js"
import { inMemoryTransactions } from "./InMemoryTransactions.js"
import { inMemoryUnpaidBalances } from "./InMemoryUnpaidBalances.js"
import { sessionLedgerRepositoryContract } from "./SessionLedgerRepositoryContract.js"
import { sessionRepositoryContract } from "./SessionRepositoryContract.js"
import { transactionsContract } from "./TransactionsContract.js"
import { unpaidBalancesContract } from "./UnpaidBalancesContract.js"

sessionRepositoryContract("in memory", () => inMemoryBookingStore())
sessionLedgerRepositoryContract("in memory", () => Layer.merge(inMemoryBookingStore(), inMemoryTransactions()))
transactionsContract("in memory", () => inMemoryTransactions())
unpaidBalancesContract("in memory", (debts) => inMemoryUnpaidBalances(debts.map((d) => [d.householdId, d.amount] as const)))

describe("in-memory transactions", () => {
  it("run one at a time: no read-modify-write is lost", async () => {
    const total = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const transactions = yield* Transactions
          const counter = yield* Ref.make(0)
          const increment = transactions.withTransaction(
            Effect.gen(function* () {
              const seen = yield* Ref.get(counter)
              yield* Effect.yieldNow()
              yield* Ref.set(counter, seen + 1)
            })
          )
          yield* Effect.all(Array.from({ length: 50 }, () => increment), { concurrency: "unbounded" })
          return yield* Ref.get(counter)
        }),
        inMemoryTransactions()
      )
    )
    expect(total).toBe(50)
  })
})
