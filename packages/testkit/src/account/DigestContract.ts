import { Digest } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<Digest>> | Layer.Layer<Digest>

/** The behaviour every `Digest` adapter must have: SHA-256 of the FIPS test vectors, strings as UTF-8. */
export function digestContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, Digest>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`Digest contract: ${name}`, () => {
    it("gives the SHA-256 of the standard test vectors in lower-case hex", async () => {
      const result = await run(Effect.gen(function* () {
        const digest = yield* Digest
        return [yield* digest.sha256Hex(""), yield* digest.sha256Hex("abc"), yield* digest.sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))]
      }))
      expect(result).toEqual([
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
      ])
    })

    it("hashes strings as UTF-8", async () => {
      const result = await run(Effect.gen(function* () {
        const digest = yield* Digest
        return { text: yield* digest.sha256Hex("é"), bytes: yield* digest.sha256Hex(new Uint8Array([0xc3, 0xa9])) }
      }))
      expect(result.text).toBe(result.bytes)
      expect(result.text).toMatch(/^[0-9a-f]{64}$/)
    })
  })
}
