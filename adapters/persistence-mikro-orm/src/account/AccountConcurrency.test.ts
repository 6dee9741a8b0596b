import { AccountEmail, AccountId, AccountRepository, Instant, issuePasswordResetToken, PasswordResetTokenRepository, Sha256Hex, Transactions } from "@spe/core"
import { aFamilyAccount } from "@spe/testkit"
import { Effect, Either, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroAccountRepository } from "./MikroAccountRepository.js"
import { mikroPasswordResetTokenRepository } from "./MikroPasswordResetTokenRepository.js"

describe.each(testDatabaseKinds())("accounts under concurrency on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  const runtime = () =>
    ManagedRuntime.make(Layer.mergeAll(mikroAccountRepository(db().orm), mikroPasswordResetTokenRepository(db().orm), mikroTransactions(db().orm)))

  it("keeps one account per login when accounts with the same login are saved at once, and the transaction usable after LoginTaken", async () => {
    await empty()
    const rt = runtime()
    const outcomes = await rt.runPromise(
      Effect.gen(function* () {
        const accounts = yield* AccountRepository
        const transactions = yield* Transactions
        const attempt = (n: number) =>
          transactions.withTransaction(
            Effect.gen(function* () {
              const saved = yield* Effect.either(
                accounts.save(aFamilyAccount({ id: AccountId.make(`acc-${n}`), email: AccountEmail.make(`parent${n}@exemple.fr`) }))
              )
              yield* Effect.sleep("10 millis")
              return { saved, after: yield* accounts.findByEmail(`parent${n}@exemple.fr`) }
            })
          )
        return yield* Effect.all(Array.from({ length: 10 }, (_, n) => attempt(n)), { concurrency: "unbounded" })
      })
    )
    const kept = await rt.runPromise(Effect.flatMap(AccountRepository, (r) => r.findByLogin("maman.concerto")))
    await rt.dispose()
    const winners = outcomes.filter((o) => Either.isRight(o.saved))
    expect(winners).toHaveLength(1)
    expect(outcomes.filter((o) => Either.isLeft(o.saved)).map((o) => Either.isLeft(o.saved) && o.saved.left._tag)).toEqual(Array.from({ length: 9 }, () => "LoginTaken"))
    expect(outcomes.map((o) => o.after.length).sort()).toEqual([...Array.from({ length: 9 }, () => 0), 1])
    expect(kept._tag).toBe("Some")
  })

  it("marks a reset token used for one caller only when many use it at once", async () => {
    await empty()
    const rt = runtime()
    const hash = Sha256Hex.make("a".repeat(64))
    const answers = await rt.runPromise(
      Effect.gen(function* () {
        const tokens = yield* PasswordResetTokenRepository
        yield* tokens.save(issuePasswordResetToken(AccountId.make("acc-anne"), hash, Instant.unsafe("2026-03-27T17:00:00Z")))
        return yield* Effect.all(
          Array.from({ length: 20 }, (_, n) => tokens.markUsed(hash, Instant.plusMinutes(Instant.unsafe("2026-03-27T17:01:00Z"), n))),
          { concurrency: "unbounded" }
        )
      })
    )
    await rt.dispose()
    expect(answers.filter((a) => a)).toHaveLength(1)
  })
})
