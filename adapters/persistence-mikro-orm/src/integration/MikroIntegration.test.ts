import { EventOutbox, Instant, Transactions } from "@spe/core"
import { anIntegrationEvent, eventOutboxContract, webhookSubscriptionRepositoryContract } from "@spe/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroEventOutbox } from "./MikroEventOutbox.js"
import { mikroWebhookSubscriptionRepository } from "./MikroWebhookSubscriptionRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  eventOutboxContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroEventOutbox(db().orm)
  })
  webhookSubscriptionRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroWebhookSubscriptionRepository(db().orm)
  })

  describe("the event outbox in transactions", () => {
    const withRuntime = async <A>(use: (runtime: ManagedRuntime.ManagedRuntime<EventOutbox | Transactions, never>) => Promise<A>): Promise<A> => {
      await empty()
      const runtime = ManagedRuntime.make(Layer.merge(mikroEventOutbox(db().orm), mikroTransactions(db().orm)))
      try {
        return await use(runtime)
      } finally {
        await runtime.dispose()
      }
    }

    it("keeps no event of a transaction that failed", async () => {
      const listed = await withRuntime(async (runtime) => {
        await runtime.runPromise(
          Effect.either(
            Effect.flatMap(Transactions, (tx) =>
              tx.withTransaction(Effect.zipRight(Effect.flatMap(EventOutbox, (o) => o.append(anIntegrationEvent({ id: "evt-rolled-back" }))), Effect.fail("refusé")))
            )
          )
        )
        await runtime.runPromise(Effect.flatMap(Transactions, (tx) => tx.withTransaction(Effect.flatMap(EventOutbox, (o) => o.append(anIntegrationEvent({ id: "evt-kept" }))))))
        return runtime.runPromise(Effect.flatMap(EventOutbox, (o) => o.list({})))
      })
      expect(listed.map((e) => e.event.id)).toEqual(["evt-kept"])
    })

    it("never gives one event to two workers claiming at once, in transactions or not", async () => {
      const now = Instant.unsafe("2026-03-27T09:00:00Z")
      const { claimed, listed } = await withRuntime(async (runtime) => {
        const claimed = await runtime.runPromise(
          Effect.gen(function* () {
            const outbox = yield* EventOutbox
            const transactions = yield* Transactions
            for (let n = 0; n < 40; n++) yield* outbox.append(anIntegrationEvent({ id: `evt-${n}`, occurredAt: `2026-03-27T08:${String(n).padStart(2, "0")}:00Z` }))
            const worker = (n: number) =>
              n % 2 === 0
                ? outbox.claimDue(now, 5)
                : transactions.withTransaction(Effect.flatMap(outbox.claimDue(now, 5), (events) => Effect.as(Effect.sleep("20 millis"), events)))
            return yield* Effect.all(Array.from({ length: 10 }, (_, n) => worker(n)), { concurrency: "unbounded" })
          })
        )
        return { claimed, listed: await runtime.runPromise(Effect.flatMap(EventOutbox, (o) => o.list({}))) }
      })
      const ids = claimed.flat().map((e) => e.event.id)
      expect(ids).toHaveLength(40)
      expect(new Set(ids).size).toBe(40)
      expect(listed.every((e) => e.attempts === 1)).toBe(true)
    })
  })
})
