import { randomUUID } from "node:crypto"
import type { MikroORM } from "@mikro-orm/postgresql"
import { FileStore, StoredFileKey, StoredFileMissing } from "@spe/core"
import { Effect, Layer } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

/**
 * `FileStore` in the database: each file's bytes in a `bytea` column of `stored_file`, under a
 * new random key (`file-<uuid>`) per `put`. Written in the caller's transaction, so a document's
 * record and its bytes are saved or rolled back together; suited to the volumes of a town's
 * supporting documents (a few hundred kilobytes each), backed up with the rest of the database.
 */
export function mikroFileStore(orm: MikroORM): Layer.Layer<FileStore> {
  return Layer.succeed(FileStore, {
    put: (bytes, hint) => {
      const key = StoredFileKey.make(`file-${randomUUID()}`)
      return Effect.as(
        withEntityManager(orm, (em) =>
          em.execute(
            "insert into stored_file (key, name, media_type, size_bytes, bytes) values (?, ?, ?, ?, ?)",
            [key, hint.name, hint.mediaType, bytes.length, Buffer.from(bytes)],
            "run"
          )
        ),
        key
      )
    },
    get: (key) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.execute<Array<{ bytes: Buffer }>>("select bytes from stored_file where key = ?", [key])),
        ([row]) => (row === undefined ? Effect.fail(new StoredFileMissing({ key })) : Effect.succeed(Uint8Array.from(row.bytes)))
      ),
    delete: (key) => Effect.asVoid(withEntityManager(orm, (em) => em.execute("delete from stored_file where key = ?", [key], "run")))
  })
}
