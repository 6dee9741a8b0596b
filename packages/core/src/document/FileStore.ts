import { Context, Schema, type Effect } from "effect"

/** Where a file's bytes are, in the file store (an opaque key chosen by the store). */
export const StoredFileKey = Schema.NonEmptyTrimmedString.pipe(
  Schema.maxLength(512),
  Schema.brand("StoredFileKey"),
  Schema.annotations({ identifier: "StoredFileKey" })
)
export type StoredFileKey = typeof StoredFileKey.Type

/** The file store has nothing under this key (deleted, or the storage lost it). */
export class StoredFileMissing extends Schema.TaggedError<StoredFileMissing>()("StoredFileMissing", {
  key: Schema.String
}) {
  override get message(): string {
    return "Le fichier de ce justificatif est introuvable dans le stockage. Déposez-le à nouveau, ou contactez le Service à la Population."
  }
}

/** Where uploaded files' bytes live, outside the core (a folder, an object store). */
export class FileStore extends Context.Tag("@spe/core/FileStore")<
  FileStore,
  {
    /** Stores the bytes under a new key; `hint` may be used to name the stored file. */
    readonly put: (bytes: Uint8Array, hint: { readonly name: string; readonly mediaType: string }) => Effect.Effect<StoredFileKey>
    readonly get: (key: StoredFileKey) => Effect.Effect<Uint8Array, StoredFileMissing>
    /** Removes the bytes; removing a missing key changes nothing. */
    readonly delete: (key: StoredFileKey) => Effect.Effect<void>
  }
>() {}
