import { DocumentNumbering, RegieId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<DocumentNumbering>> | Layer.Layer<DocumentNumbering>

/**
 * The behaviour every `DocumentNumbering` adapter must have: per régie, year and series, numbers
 * 1, 2, 3… without gaps or duplicates, even when drawn concurrently.
 */
export function documentNumberingContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, DocumentNumbering>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const regie = RegieId.make("regie-enfance")

  describe(`DocumentNumbering contract: ${name}`, () => {
    it("starts at 1 and counts each series of each régie and year on its own", async () => {
      const drawn = await run(Effect.gen(function* () {
        const numbering = yield* DocumentNumbering
        return [
          yield* numbering.next(regie, 2026, "invoice"),
          yield* numbering.next(regie, 2026, "invoice"),
          yield* numbering.next(regie, 2026, "credit"),
          yield* numbering.next(regie, 2027, "invoice"),
          yield* numbering.next(RegieId.make("regie-restauration"), 2026, "invoice"),
          yield* numbering.next(regie, 2026, "invoice")
        ]
      }))
      expect(drawn).toEqual([1, 2, 1, 1, 1, 3])
    })

    it("gives 1..N without gaps or duplicates to N concurrent draws", async () => {
      const n = 50
      const drawn = await run(Effect.gen(function* () {
        const numbering = yield* DocumentNumbering
        return yield* Effect.all(
          Array.from({ length: n }, (_, i) => numbering.next(regie, 2026, i % 2 === 0 ? "invoice" : "credit")),
          { concurrency: "unbounded" }
        )
      }))
      const evens = drawn.filter((_, i) => i % 2 === 0).sort((a, b) => a - b)
      const odds = drawn.filter((_, i) => i % 2 === 1).sort((a, b) => a - b)
      expect(evens).toEqual(Array.from({ length: n / 2 }, (_, i) => i + 1))
      expect(odds).toEqual(Array.from({ length: n / 2 }, (_, i) => i + 1))
    })
  })
}
