/// <reference types="node" />
import { createHmac } from "node:crypto"
import { WebhookSigner } from "@spe/core"
import { Effect, Layer } from "effect"

/** Hex HMAC-SHA256 of a UTF-8 message under a UTF-8 key, with node:crypto. */
export const hmacSha256HexSync = (key: string, message: string): string => createHmac("sha256", key).update(message, "utf8").digest("hex")

/** The `WebhookSigner` port on node:crypto (what the server uses too). */
export function nodeWebhookSigner(): Layer.Layer<WebhookSigner> {
  return Layer.succeed(WebhookSigner, { hmacSha256Hex: (key, message) => Effect.sync(() => hmacSha256HexSync(key, message)) })
}
