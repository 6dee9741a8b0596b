import { PasswordHasher } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<PasswordHasher>> | Layer.Layer<PasswordHasher>

/**
 * The behaviour every `PasswordHasher` adapter must have: a hash verifies its password only, never
 * contains it, differs each time (salted), and an unreadable hash verifies nothing.
 */
export function passwordHasherContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, PasswordHasher>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`PasswordHasher contract: ${name}`, () => {
    it("verifies the password hashed and no other", async () => {
      const result = await run(Effect.gen(function* () {
        const hasher = yield* PasswordHasher
        const hash = yield* hasher.hash("Girafe prune tambour 2026")
        return {
          hash,
          right: yield* hasher.verify("Girafe prune tambour 2026", hash),
          wrongCase: yield* hasher.verify("girafe prune tambour 2026", hash),
          other: yield* hasher.verify("Girafe prune tambour 2027", hash),
          empty: yield* hasher.verify("", hash)
        }
      }))
      expect(result.right).toBe(true)
      expect([result.wrongCase, result.other, result.empty]).toEqual([false, false, false])
      expect(result.hash).not.toContain("Girafe")
    })

    it("salts: two hashes of one password differ and both verify", async () => {
      const result = await run(Effect.gen(function* () {
        const hasher = yield* PasswordHasher
        const a = yield* hasher.hash("k7pm-x3rt-9qaz-h2wd")
        const b = yield* hasher.hash("k7pm-x3rt-9qaz-h2wd")
        return { a, b, va: yield* hasher.verify("k7pm-x3rt-9qaz-h2wd", a), vb: yield* hasher.verify("k7pm-x3rt-9qaz-h2wd", b) }
      }))
      expect(result.a).not.toBe(result.b)
      expect([result.va, result.vb]).toEqual([true, true])
    })

    it("answers false, not a failure, for a hash it cannot read", async () => {
      const result = await run(Effect.gen(function* () {
        const hasher = yield* PasswordHasher
        return [yield* hasher.verify("motdepasse", "motdepasse"), yield* hasher.verify("x", "$nonsense$"), yield* hasher.verify("x", "")]
      }))
      expect(result).toEqual([false, false, false])
    })
  })
}
