import { FileStore } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { pdfBytes } from "./DocumentFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<FileStore>> | Layer.Layer<FileStore>

/**
 * The behaviour every `FileStore` adapter must have: bytes given back exactly under a new key per
 * put (the same bytes twice get two keys), deleted for good, StoredFileMissing for a missing key,
 * deleting twice harmless.
 */
export function fileStoreContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, FileStore>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`FileStore contract: ${name}`, () => {
    it("gives back the bytes stored, under a new key for each put", async () => {
      const original = pdfBytes(70_000)
      original[5000] = 0xff
      const result = await run(Effect.gen(function* () {
        const store = yield* FileStore
        const a = yield* store.put(original, { name: "avis.pdf", mediaType: "application/pdf" })
        const b = yield* store.put(original, { name: "avis.pdf", mediaType: "application/pdf" })
        original[0] = 0
        return { a, b, bytes: yield* store.get(a) }
      }))
      expect(result.a).not.toBe(result.b)
      expect(result.bytes.length).toBe(70_000)
      expect(Array.from(result.bytes.slice(0, 4))).toEqual([0x25, 0x50, 0x44, 0x46])
      expect(result.bytes[5000]).toBe(0xff)
    })

    it("deletes for good, twice without harm, and answers StoredFileMissing after", async () => {
      const result = await run(Effect.gen(function* () {
        const store = yield* FileStore
        const key = yield* store.put(pdfBytes(10), { name: "x.pdf", mediaType: "application/pdf" })
        const other = yield* store.put(pdfBytes(20), { name: "y.pdf", mediaType: "application/pdf" })
        yield* store.delete(key)
        yield* store.delete(key)
        return { missing: yield* Effect.flip(store.get(key)), kept: yield* store.get(other) }
      }))
      expect(result.missing._tag).toBe("StoredFileMissing")
      expect(result.missing.message).toContain("introuvable")
      expect(result.kept.length).toBe(20)
    })
  })
}
