import { Instant, MailOutbox, Transactions } from "@spe/core"
import { aMail } from "@spe/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroMailOutbox } from "./MikroMailOutbox.js"

describe.each(testDatabaseKinds())("the mail outbox with several workers on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)

  it("never gives one mail to two workers claiming at once, in transactions or not", async () => {
    await empty()
    const runtime = ManagedRuntime.make(Layer.merge(mikroMailOutbox(db().orm), mikroTransactions(db().orm)))
    const now = Instant.unsafe("2026-03-27T09:00:00Z")
    const claimed = await runtime.runPromise(
      Effect.gen(function* () {
        const outbox = yield* MailOutbox
        const transactions = yield* Transactions
        for (let n = 0; n < 60; n++) yield* outbox.enqueue(aMail({ id: `mail-${n}`, createdAt: `2026-03-27T08:${String(n % 60).padStart(2, "0")}:00Z` }))
        const worker = (n: number) =>
          n % 2 === 0
            ? outbox.claimDue(now, 7)
            : transactions.withTransaction(Effect.flatMap(outbox.claimDue(now, 7), (mails) => Effect.as(Effect.sleep("20 millis"), mails)))
        return yield* Effect.all(Array.from({ length: 12 }, (_, n) => worker(n)), { concurrency: "unbounded" })
      })
    )
    const listed = await runtime.runPromise(Effect.flatMap(MailOutbox, (o) => o.list({})))
    await runtime.dispose()
    const ids = claimed.flat().map((m) => m.id)
    expect(ids).toHaveLength(60)
    expect(new Set(ids).size).toBe(60)
    expect(listed.every((m) => m.attempts === 1)).toBe(true)
  })
})
