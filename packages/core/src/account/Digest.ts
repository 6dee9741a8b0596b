import { Context, Schema, type Effect } from "effect"

/** A SHA-256 fingerprint, 64 lower-case hex characters. */
export const Sha256Hex = Schema.String.pipe(
  Schema.pattern(/^[0-9a-f]{64}$/, { message: () => "Une empreinte SHA-256 s'écrit avec 64 caractères hexadécimaux." }),
  Schema.brand("Sha256Hex"),
  Schema.annotations({ identifier: "Sha256Hex" })
)
export type Sha256Hex = typeof Sha256Hex.Type

/** SHA-256 as lower-case hex (64 characters): how tokens, letter codes and files are fingerprinted. */
export class Digest extends Context.Tag("@spe/core/Digest")<
  Digest,
  {
    /** SHA-256 of the bytes, or of the UTF-8 encoding of a string. */
    readonly sha256Hex: (data: Uint8Array | string) => Effect.Effect<string>
  }
>() {}
