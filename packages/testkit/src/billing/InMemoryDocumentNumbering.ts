import { DocumentNumbering } from "@spe/core"
import { Effect, Layer } from "effect"

/** Sequence counters per (régie, year, series); each `next` is one atomic step. */
export function inMemoryDocumentNumbering(): Layer.Layer<DocumentNumbering> {
  const counters = new Map<string, number>()
  return Layer.succeed(DocumentNumbering, {
    next: (regieId, year, series) =>
      Effect.sync(() => {
        const key = `${regieId}\u0000${year}\u0000${series}`
        const n = (counters.get(key) ?? 0) + 1
        counters.set(key, n)
        return n
      })
  })
}
