import type { PortalContext } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import { BodyTooLarge, MalformedJson, UnsupportedMediaType } from "./ApiProblems.js"

/** The largest body the API reads: 64 KiB. */
export const jsonBodyLimitBytes = 64 * 1024

const isJsonType = (contentType: string): boolean => {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? ""
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"))
}

const charsetOf = (contentType: string): string | undefined =>
  /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase()

/**
 * Reads the request's body as JSON: `application/json` (or `…+json`) only (415 otherwise), UTF-8
 * only, at most `limitBytes` (413 beyond, checked on the declared length and while reading), valid
 * JSON (400 otherwise). A request without a body reads as `undefined`.
 */
export async function readJsonBody(ctx: PortalContext, limitBytes: number = jsonBodyLimitBytes): Promise<unknown> {
  const declared = ctx.get("Content-Length")
  const hasBody = (declared !== "" && declared !== "0") || ctx.get("Transfer-Encoding") !== ""
  if (!hasBody) return undefined
  const contentType = ctx.get("Content-Type")
  if (!isJsonType(contentType)) return refuse(new UnsupportedMediaType({ received: contentType.slice(0, 100) }))
  const charset = charsetOf(contentType)
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") return refuse(new UnsupportedMediaType({ received: contentType.slice(0, 100) }))
  const length = Number(declared)
  if (declared !== "" && Number.isFinite(length) && length > limitBytes) return refuse(new BodyTooLarge({ limitBytes }))
  const chunks: Array<Uint8Array> = []
  let size = 0
  for await (const chunk of ctx.req) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array)
    size += bytes.byteLength
    if (size > limitBytes) {
      ctx.req.resume()
      return refuse(new BodyTooLarge({ limitBytes }))
    }
    chunks.push(bytes)
  }
  let text: string
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    return refuse(new MalformedJson({ reason: "il contient des octets qui ne sont pas de l'UTF-8." }))
  }
  if (text.trim() === "") return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return refuse(new MalformedJson({ reason: "ce n'est pas du JSON valide (vérifiez les guillemets, les virgules et les accolades)." }))
  }
}
