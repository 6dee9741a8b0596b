import { Effect, Option } from "effect"
import * as Instant from "../shared/Instant.js"
import type { IntegrationEvent } from "./IntegrationEvent.js"
import { WebhookSigner } from "./WebhookTransport.js"

/** The header carrying the signature: `Spe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const webhookSignatureHeader = "Spe-Signature"

/** How old a signed timestamp a receiver should still accept (the example receiver's rule): 5 minutes. */
export const webhookToleranceSeconds = 300

/** Unix seconds of an instant (the `t` of a signature). */
export const unixSeconds = (at: Instant.Instant): number => Math.floor(Instant.toEpochMillis(at) / 1000)

/**
 * What is signed: the timestamp, a dot, the exact body. Binding the timestamp stops a captured
 * request from being replayed later with a fresh one.
 *
 * @example
 * signedWebhookPayload(1764144000, '{"id":"evt-1"}') // '1764144000.{"id":"evt-1"}'
 */
export const signedWebhookPayload = (timestamp: number, body: string): string => `${timestamp}.${body}`

/** The `Spe-Signature` value from a timestamp and the hex HMAC. */
export const formatWebhookSignature = (timestamp: number, signatureHex: string): string => `t=${timestamp},v1=${signatureHex}`

/** The timestamp and the `v1` signatures of a `Spe-Signature` value, when it has that shape. */
export function parseWebhookSignature(header: string): Option.Option<{ readonly timestamp: number; readonly signatures: ReadonlyArray<string> }> {
  let timestamp: number | undefined
  const signatures: Array<string> = []
  for (const part of header.split(",")) {
    const [key, value, ...rest] = part.trim().split("=")
    if (key === undefined || value === undefined || rest.length > 0) return Option.none()
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value)
  }
  return timestamp === undefined || signatures.length === 0 ? Option.none() : Option.some({ timestamp, signatures })
}

/**
 * The `Spe-Signature` of a body sent at `timestamp` under a subscription's secret: hex
 * HMAC-SHA256 of `${timestamp}.${body}`.
 */
export const signWebhook = (secret: string, timestamp: number, body: string) =>
  Effect.map(
    Effect.flatMap(WebhookSigner, (signer) => signer.hmacSha256Hex(secret, signedWebhookPayload(timestamp, body))),
    (hex) => formatWebhookSignature(timestamp, hex)
  )

/** The headers of a delivery: JSON, the signature, the event's id and type, who sends. */
export const webhookHeaders = (event: IntegrationEvent, signature: string): Readonly<Record<string, string>> => ({
  "Content-Type": "application/json",
  "User-Agent": "spe-webhooks",
  [webhookSignatureHeader]: signature,
  "Spe-Event-Id": event.id,
  "Spe-Event-Type": event.type
})
