import type { Middleware } from "koa"
import { FormFields, type PortalState } from "../PortalContext.js"
import { FormTooLarge, refuse, UnreadableForm } from "../PortalErrors.js"

const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

async function readLimited(stream: AsyncIterable<unknown>, limitBytes: number): Promise<Uint8Array> {
  const chunks: Array<Uint8Array> = []
  let size = 0
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array)
    size += bytes.byteLength
    if (size > limitBytes) return refuse(new FormTooLarge({ limitBytes }))
    chunks.push(bytes)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/**
 * Reads a posted `application/x-www-form-urlencoded` body into `ctx.state.form` (UTF-8 only, at most
 * `limitBytes`). A body of another type, too large, or not valid UTF-8 is refused with a French page.
 */
export function formBody(options: { readonly limitBytes: number }): Middleware<PortalState> {
  const decoder = new TextDecoder("utf-8", { fatal: true })
  return async (ctx, next) => {
    if (!bodyMethods.has(ctx.method)) return next()
    const declared = Number(ctx.get("Content-Length") || "0")
    if (Number.isFinite(declared) && declared > options.limitBytes) return refuse(new FormTooLarge({ limitBytes: options.limitBytes }))
    const hasBody = ctx.get("Content-Length") !== "" || ctx.get("Transfer-Encoding") !== ""
    if (hasBody && ctx.is("application/x-www-form-urlencoded") === false) {
      return refuse(new UnreadableForm({ reason: "il n'a pas été envoyé comme un formulaire de page web." }))
    }
    const bytes = hasBody ? await readLimited(ctx.req, options.limitBytes) : new Uint8Array()
    let text: string
    try {
      text = decoder.decode(bytes)
    } catch {
      return refuse(new UnreadableForm({ reason: "il contient des caractères illisibles." }))
    }
    const values = new Map<string, Array<string>>()
    for (const [name, value] of new URLSearchParams(text)) {
      const list = values.get(name)
      if (list === undefined) values.set(name, [value])
      else list.push(value)
    }
    ctx.state.form = new FormFields(values)
    return next()
  }
}
