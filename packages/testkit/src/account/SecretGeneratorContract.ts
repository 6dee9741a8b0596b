import { SecretGenerator } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<SecretGenerator>> | Layer.Layer<SecretGenerator>

/** The behaviour every `SecretGenerator` adapter must have: the number of bytes asked, never the same draw twice. */
export function secretGeneratorContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, SecretGenerator>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`SecretGenerator contract: ${name}`, () => {
    it("gives exactly the number of bytes asked", async () => {
      const sizes = await run(Effect.gen(function* () {
        const secrets = yield* SecretGenerator
        return [(yield* secrets.randomBytes(0)).length, (yield* secrets.randomBytes(1)).length, (yield* secrets.randomBytes(32)).length]
      }))
      expect(sizes).toEqual([0, 1, 32])
    })

    it("never repeats a 32-byte draw and uses the whole byte range", async () => {
      const draws = await run(Effect.gen(function* () {
        const secrets = yield* SecretGenerator
        const out: Array<Uint8Array> = []
        for (let i = 0; i < 200; i++) out.push(yield* secrets.randomBytes(32))
        return out
      }))
      const distinct = new Set(draws.map((d) => Array.from(d).join(",")))
      expect(distinct.size).toBe(200)
      const values = new Set(draws.flatMap((d) => Array.from(d)))
      expect(values.size).toBeGreaterThan(250)
    })
  })
}
