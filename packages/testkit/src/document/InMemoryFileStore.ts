import { FileStore, StoredFileKey, StoredFileMissing } from "@spe/core"
import { Effect, Layer } from "effect"

/** Files kept in a map under keys `file-1`, `file-2`…, copied in and out; each call gives a fresh store. */
export function inMemoryFileStore(): Layer.Layer<FileStore> {
  const files = new Map<string, Uint8Array>()
  let counter = 0
  return Layer.succeed(FileStore, {
    put: (bytes) =>
      Effect.sync(() => {
        counter += 1
        const key = StoredFileKey.make(`file-${counter}`)
        files.set(key, Uint8Array.from(bytes))
        return key
      }),
    get: (key) =>
      Effect.suspend(() => {
        const found = files.get(key)
        return found === undefined ? Effect.fail(new StoredFileMissing({ key })) : Effect.succeed(Uint8Array.from(found))
      }),
    delete: (key) => Effect.sync(() => void files.delete(key))
  })
}
