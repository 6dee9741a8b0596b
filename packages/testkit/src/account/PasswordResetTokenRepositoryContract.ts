import { AccountId, Instant, issuePasswordResetToken, PasswordResetTokenRepository, Sha256Hex } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<PasswordResetTokenRepository>> | Layer.Layer<PasswordResetTokenRepository>

const hash = (c: string) => Sha256Hex.make(c.repeat(64))

/**
 * The behaviour every `PasswordResetTokenRepository` adapter must have: tokens found by hash, marked
 * used once only (the second mark answers false), all of an account's unused tokens revoked.
 */
export function passwordResetTokenRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, PasswordResetTokenRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const issuedAt = Instant.unsafe("2026-03-27T17:00:00Z")
  const later = Instant.unsafe("2026-03-27T17:20:00Z")
  const anne = AccountId.make("acc-anne")
  const paul = AccountId.make("acc-paul")

  describe(`PasswordResetTokenRepository contract: ${name}`, () => {
    it("gives back a saved token by its hash, nothing for another hash", async () => {
      const token = issuePasswordResetToken(anne, hash("a"), issuedAt)
      const result = await run(Effect.gen(function* () {
        const repo = yield* PasswordResetTokenRepository
        yield* repo.save(token)
        return { found: yield* repo.findByHash(hash("a")), missing: yield* repo.findByHash(hash("b")) }
      }))
      expect(Option.getOrUndefined(result.found)).toEqual(token)
      expect(Option.isNone(result.missing)).toBe(true)
    })

    it("marks a token used once: true the first time, false after, false for an unknown hash", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* PasswordResetTokenRepository
        yield* repo.save(issuePasswordResetToken(anne, hash("a"), issuedAt))
        const first = yield* repo.markUsed(hash("a"), later)
        const second = yield* repo.markUsed(hash("a"), later)
        const unknown = yield* repo.markUsed(hash("c"), later)
        return { first, second, unknown, stored: yield* repo.findByHash(hash("a")) }
      }))
      expect([result.first, result.second, result.unknown]).toEqual([true, false, false])
      expect(Option.getOrThrow(result.stored).usedAt).toBe(later)
    })

    it("revokes every unused token of an account, and only of that account", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* PasswordResetTokenRepository
        yield* repo.save(issuePasswordResetToken(anne, hash("a"), issuedAt))
        yield* repo.save(issuePasswordResetToken(anne, hash("b"), issuedAt))
        yield* repo.save(issuePasswordResetToken(paul, hash("c"), issuedAt))
        yield* repo.revokeAllFor(anne, later)
        return {
          a: yield* repo.markUsed(hash("a"), later),
          b: yield* repo.markUsed(hash("b"), later),
          c: yield* repo.markUsed(hash("c"), later),
          revoked: yield* repo.findByHash(hash("a"))
        }
      }))
      expect([result.a, result.b, result.c]).toEqual([false, false, true])
      expect(Option.getOrThrow(result.revoked).usedAt).toBe(later)
    })
  })
}
