import { SecretGenerator } from "@spe/core"
import { Effect, Layer } from "effect"

/**
 * Predictable "random" bytes from a seed (mulberry32), so tests replay: never for production,
 * which uses the platform's cryptographic generator.
 */
export function seededSecretGenerator(seed = 20260327): Layer.Layer<SecretGenerator> {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) & 0xff
  }
  return Layer.succeed(SecretGenerator, {
    randomBytes: (count) =>
      Effect.sync(() => {
        const bytes = new Uint8Array(count)
        for (let i = 0; i < count; i++) bytes[i] = next()
        return bytes
      })
  })
}
