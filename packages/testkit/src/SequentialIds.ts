import { IdGenerator } from "@spe/core"
import { Effect, Layer } from "effect"

/** Identifiers `prefix-1`, `prefix-2`… per prefix, predictable in tests. */
export function sequentialIds(): Layer.Layer<IdGenerator> {
  const counters = new Map<string, number>()
  return Layer.succeed(IdGenerator, {
    next: (prefix) =>
      Effect.sync(() => {
        const n = (counters.get(prefix) ?? 0) + 1
        counters.set(prefix, n)
        return `${prefix}-${n}`
      })
  })
}
