/// <reference types="node" />
import { createHash } from "node:crypto"
import { Digest } from "@spe/core"
import { Effect, Layer } from "effect"

/** SHA-256 of bytes or of a string's UTF-8, as lower-case hex, with node:crypto. */
export const sha256HexSync = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex")

/** The `Digest` port on node:crypto (what the server uses too). */
export function nodeDigest(): Layer.Layer<Digest> {
  return Layer.succeed(Digest, { sha256Hex: (data) => Effect.sync(() => sha256HexSync(data)) })
}
