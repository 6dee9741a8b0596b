import busboy from "busboy"
import type { Middleware } from "koa"
import { isApiPath } from "../api/ApiPaths.js"
import { FormFields, type PortalState, type UploadedFile } from "../PortalContext.js"
import { FormTooLarge, PortalRefusal, refuse, UnreadableForm } from "../PortalErrors.js"

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

const pushValue = (values: Map<string, Array<string>>, name: string, value: string) => {
  const list = values.get(name)
  if (list === undefined) values.set(name, [value])
  else list.push(value)
}

/**
 * Reads a `multipart/form-data` body: its text fields, and its files whole (the core checks their
 * size and type by content; a file longer than `fileLimitBytes` keeps its first bytes and is marked
 * truncated, so the core's size rule still names it). More than `limitBytes` in all is refused.
 */
function readMultipart(
  ctx: Parameters<Middleware<PortalState>>[0],
  options: { readonly limitBytes: number; readonly fileLimitBytes: number }
): Promise<{ readonly values: Map<string, Array<string>>; readonly files: Map<string, UploadedFile> }> {
  return new Promise((resolve, reject) => {
    const values = new Map<string, Array<string>>()
    const files = new Map<string, UploadedFile>()
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: ctx.req.headers,
        defParamCharset: "utf8",
        limits: { fileSize: options.fileLimitBytes + 1, files: 5, fields: 50, fieldSize: 64 * 1024, parts: 60 }
      })
    } catch {
      reject(new PortalRefusal(new UnreadableForm({ reason: "l'envoi de fichier n'indique pas ses séparateurs." })))
      return
    }
    let received = 0
    let failed = false
    const fail = (refusal: FormTooLarge | UnreadableForm) => {
      if (failed) return
      failed = true
      ctx.req.unpipe(parser)
      ctx.req.resume()
      reject(new PortalRefusal(refusal))
    }
    ctx.req.on("data", (chunk: Buffer) => {
      received += chunk.byteLength
      if (received > options.limitBytes) fail(new FormTooLarge({ limitBytes: options.limitBytes }))
    })
    parser.on("field", (name, value) => pushValue(values, name, value))
    parser.on("file", (name, stream, info) => {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        const bytes = new Uint8Array(Buffer.concat(chunks))
        if (info.filename === undefined || (info.filename === "" && bytes.byteLength === 0)) return
        if (files.has(name)) return fail(new UnreadableForm({ reason: `le fichier « ${name} » a été envoyé plusieurs fois.` }))
        files.set(name, { fileName: info.filename, declaredType: info.mimeType, bytes })
      })
    })
    parser.on("partsLimit", () => fail(new UnreadableForm({ reason: "il contient trop de champs." })))
    parser.on("filesLimit", () => fail(new UnreadableForm({ reason: "il contient trop de fichiers." })))
    parser.on("error", () => fail(new UnreadableForm({ reason: "l'envoi de fichier est incomplet ou illisible." })))
    parser.on("close", () => {
      if (!failed) resolve({ values, files })
    })
    ctx.req.pipe(parser)
  })
}

/**
 * Reads a posted body into `ctx.state.form`: `application/x-www-form-urlencoded` (UTF-8 only, at
 * most `limitBytes`), or `multipart/form-data` (its fields, and its files into `ctx.state.files`,
 * at most `uploadLimitBytes` in all). A body of another type, too large, or not valid UTF-8 is
 * refused with a French page.
 */
export function formBody(options: { readonly limitBytes: number; readonly uploadLimitBytes: number; readonly fileLimitBytes: number }): Middleware<PortalState> {
  const decoder = new TextDecoder("utf-8", { fatal: true })
  return async (ctx, next) => {
    if (!bodyMethods.has(ctx.method) || isApiPath(ctx.path)) return next()
    const hasBody = ctx.get("Content-Length") !== "" || ctx.get("Transfer-Encoding") !== ""
    const declared = Number(ctx.get("Content-Length") || "0")
    if (hasBody && ctx.is("multipart/form-data") === "multipart/form-data") {
      if (Number.isFinite(declared) && declared > options.uploadLimitBytes) return refuse(new FormTooLarge({ limitBytes: options.uploadLimitBytes }))
      const { values, files } = await readMultipart(ctx, { limitBytes: options.uploadLimitBytes, fileLimitBytes: options.fileLimitBytes })
      ctx.state.form = new FormFields(values)
      ctx.state.files = files
      return next()
    }
    if (Number.isFinite(declared) && declared > options.limitBytes) return refuse(new FormTooLarge({ limitBytes: options.limitBytes }))
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
    for (const [name, value] of new URLSearchParams(text)) pushValue(values, name, value)
    ctx.state.form = new FormFields(values)
    return next()
  }
}
