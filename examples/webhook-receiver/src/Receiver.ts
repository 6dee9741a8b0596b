/**
 * A receiver of the platform's webhooks with node alone (node:http, node:crypto): copy it into
 * the town's software. Every request is checked before its event is used:
 *
 * 1. `Spe-Signature: t=<unix seconds>,v1=<hex>` must hold an HMAC-SHA256, under the subscription's
 *    secret, of `${t}.${raw body}`; compared in constant time (401 otherwise);
 * 2. `t` must be less than 5 minutes away from now (401 otherwise: a captured request cannot be
 *    replayed later);
 * 3. an event id already handled is acknowledged (200) but not handled again: the platform
 *    delivers at least once, so a copy may come after a lost answer.
 *
 * A valid new event is handed to `onEvent` and answered 204.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"

/** An event as the platform sends it (see docs/integration.md). */
export interface ReceivedEvent {
  readonly id: string
  readonly type: string
  readonly occurredAt: string
  readonly data: Readonly<Record<string, unknown>>
}

/** Why a request was refused, or that it was a copy of an event already handled. */
export type Verdict =
  | { readonly ok: true; readonly event: ReceivedEvent }
  | { readonly ok: false; readonly status: 400 | 401; readonly reason: string }

/** How old (or how far ahead) a signature's timestamp may be: 5 minutes. */
export const toleranceSeconds = 300

/** Largest body accepted (the platform's events are a few hundred bytes). */
const maxBodyBytes = 1024 * 1024

/** The timestamp and the v1 signatures of a `Spe-Signature` header, or undefined when malformed. */
export function parseSignatureHeader(header: string | undefined): { readonly timestamp: number; readonly signatures: ReadonlyArray<string> } | undefined {
  if (header === undefined) return undefined
  let timestamp: number | undefined
  const signatures: Array<string> = []
  for (const part of header.split(",")) {
    const [key, value, ...rest] = part.trim().split("=")
    if (key === undefined || value === undefined || rest.length > 0) return undefined
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value)
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value)
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures }
}

/** The expected signature of a body sent at `timestamp`: hex HMAC-SHA256 of `${timestamp}.${body}`. */
export const expectedSignature = (secret: string, timestamp: number, body: string): string =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")

/**
 * Checks a request: its signature (constant time, any of its v1 values), its timestamp within
 * `tolerance` seconds of `nowSeconds`, then that its body is an event.
 */
export function verifyWebhook(input: {
  readonly secret: string
  readonly body: string
  readonly signatureHeader: string | undefined
  readonly nowSeconds: number
  readonly tolerance?: number
}): Verdict {
  const parsed = parseSignatureHeader(input.signatureHeader)
  if (parsed === undefined) return { ok: false, status: 401, reason: "en-tête Spe-Signature absent ou mal formé" }
  const expected = Buffer.from(expectedSignature(input.secret, parsed.timestamp, input.body), "hex")
  const matches = parsed.signatures.some((signature) => timingSafeEqual(Buffer.from(signature, "hex"), expected))
  if (!matches) return { ok: false, status: 401, reason: "signature invalide" }
  if (Math.abs(input.nowSeconds - parsed.timestamp) > (input.tolerance ?? toleranceSeconds)) {
    return { ok: false, status: 401, reason: "horodatage trop ancien (ou dans le futur)" }
  }
  try {
    const event = JSON.parse(input.body) as Partial<ReceivedEvent>
    if (typeof event.id !== "string" || typeof event.type !== "string" || typeof event.occurredAt !== "string" || typeof event.data !== "object" || event.data === null) {
      return { ok: false, status: 400, reason: "le corps n'est pas un événement" }
    }
    return { ok: true, event: event as ReceivedEvent }
  } catch {
    return { ok: false, status: 400, reason: "le corps n'est pas du JSON" }
  }
}

/** How the receiver is set up. */
export interface ReceiverOptions {
  /** The subscription's secret (`whsec_…`), as shown once in the back office. */
  readonly secret: string
  /** What to do with a new, verified event (print it, queue it…). */
  readonly onEvent: (event: ReceivedEvent) => void | Promise<void>
  /** Called for each refused request, with why. */
  readonly onRefusal?: (status: number, reason: string) => void
  /** The current time in milliseconds (Date.now by default). */
  readonly now?: () => number
  /** How many event ids are remembered to drop copies (the latest 10,000 by default). */
  readonly remember?: number
}

const readBody = (request: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    request.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        resolve(undefined)
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    request.on("error", reject)
  })

const answer = (response: ServerResponse, status: number, text?: string) => {
  response.statusCode = status
  if (text === undefined) response.end()
  else {
    response.setHeader("Content-Type", "text/plain; charset=utf-8")
    response.end(text)
  }
}

/** A node:http server that receives the platform's webhooks (POST on any path). Call `listen` on it. */
export function createWebhookReceiver(options: ReceiverOptions): Server {
  const now = options.now ?? Date.now
  const remember = options.remember ?? 10_000
  const seen = new Set<string>()
  return createServer((request, response) => {
    void (async () => {
      if (request.method !== "POST") return answer(response, 405, "POST uniquement")
      const body = await readBody(request)
      if (body === undefined) return answer(response, 413, "corps trop long")
      const header = request.headers["spe-signature"]
      const verdict = verifyWebhook({
        secret: options.secret,
        body,
        signatureHeader: Array.isArray(header) ? header[0] : header,
        nowSeconds: Math.floor(now() / 1000)
      })
      if (!verdict.ok) {
        options.onRefusal?.(verdict.status, verdict.reason)
        return answer(response, verdict.status, verdict.reason)
      }
      if (seen.has(verdict.event.id)) return answer(response, 200, "déjà reçu")
      await options.onEvent(verdict.event)
      seen.add(verdict.event.id)
      if (seen.size > remember) seen.delete(seen.values().next().value as string)
      answer(response, 204)
    })().catch(() => answer(response, 500))
  })
}
