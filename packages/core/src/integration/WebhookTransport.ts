import { Context, type Effect, Schema } from "effect"

/** One POST of a webhook: where, the exact body, and the headers (signature included). */
export interface WebhookRequest {
  readonly url: string
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/** The receiver answered: its HTTP status (the core counts 2xx as delivered, anything else as failed). */
export interface WebhookResponse {
  readonly status: number
}

/** The request did not get an answer: refused connection, unknown host, timeout, TLS error. */
export class WebhookTransportFailed extends Schema.TaggedError<WebhookTransportFailed>()("WebhookTransportFailed", {
  url: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `L'envoi à ${this.url} a échoué : ${this.reason}`
  }
}

/**
 * Sends one webhook request to the outside world (node's fetch with a timeout in the server, a
 * recording transport in tests). It sends the body and headers as given, follows no redirect.
 */
export class WebhookTransport extends Context.Tag("@spe/core/WebhookTransport")<
  WebhookTransport,
  {
    readonly post: (request: WebhookRequest) => Effect.Effect<WebhookResponse, WebhookTransportFailed>
  }
>() {}

/**
 * HMAC-SHA256 (RFC 2104), as lower-case hex, of a UTF-8 message under a UTF-8 key: what signs a
 * webhook. The core decides what is signed (`signedWebhookPayload`); the adapter computes it
 * (node:crypto in the server and the testkit).
 */
export class WebhookSigner extends Context.Tag("@spe/core/WebhookSigner")<
  WebhookSigner,
  {
    readonly hmacSha256Hex: (key: string, message: string) => Effect.Effect<string>
  }
>() {}
