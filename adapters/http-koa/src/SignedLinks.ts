import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * Private links without storage: a token is the link's data (base64url JSON) and its HMAC-SHA256
 * under the portal's `linkSecret`, bound to a purpose, so a calendar feed's token cannot confirm
 * an e-mail address. Changing the secret revokes every link.
 *
 * @example
 * const token = signLink(secret, "calendrier", { householdId, childId })
 * const data = verifyLink(secret, "calendrier", token) // the object, or undefined when forged
 */
export function signLink(secret: string, purpose: string, data: Readonly<Record<string, string | number>>): string {
  const payload = Buffer.from(JSON.stringify(data), "utf8").toString("base64url")
  return `${payload}.${mac(secret, purpose, payload)}`
}

/** The data of a link signed for this purpose with this secret; undefined when the token is malformed or forged. */
export function verifyLink(secret: string, purpose: string, token: string): Readonly<Record<string, unknown>> | undefined {
  if (token.length > 2000) return undefined
  const [payload, signature, ...rest] = token.split(".")
  if (payload === undefined || signature === undefined || rest.length > 0) return undefined
  const expected = Buffer.from(mac(secret, purpose, payload), "utf8")
  const given = Buffer.from(signature, "utf8")
  if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) return undefined
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"))
    return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

const mac = (secret: string, purpose: string, payload: string): string =>
  createHmac("sha256", secret).update(`${purpose}\n${payload}`).digest("base64url")
