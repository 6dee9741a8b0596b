import type { AddressInfo } from "node:net"
import { SMTPServer } from "smtp-server"

/** A message as the test SMTP server received it, decoded enough to check headers and parts. */
export interface ReceivedMessage {
  readonly envelopeTo: ReadonlyArray<string>
  readonly raw: string
  readonly header: (name: string) => string | undefined
  readonly text: string | undefined
  readonly html: string | undefined
}

/** A refusal the server answers with: at RCPT TO (e.g. 550 unknown mailbox) or after DATA (e.g. 451). */
export interface Refusal {
  readonly code: number
  readonly message: string
  readonly stage: "rcpt" | "data"
}

/** An SMTP server on 127.0.0.1 for tests, on a random port unless one is given. */
export interface LoopbackSmtpServer {
  readonly port: number
  readonly received: Array<ReceivedMessage>
  readonly refuse: (refusal: Refusal | null) => void
  readonly close: () => Promise<void>
}

export async function startLoopbackSmtpServer(options: { readonly port?: number; readonly auth?: { user: string; pass: string } } = {}): Promise<LoopbackSmtpServer> {
  const received: Array<ReceivedMessage> = []
  let refusal: Refusal | null = null
  const refusalError = (r: Refusal) => Object.assign(new Error(r.message), { responseCode: r.code })
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth === undefined ? ["STARTTLS", "AUTH"] : ["STARTTLS"],
    authOptional: options.auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => {
      const expected = options.auth
      if (expected !== undefined && auth.username === expected.user && auth.password === expected.pass) callback(null, { user: auth.username })
      else callback(Object.assign(new Error("Identifiants refusés"), { responseCode: 535 }))
    },
    onRcptTo: (_address, _session, callback) => {
      if (refusal?.stage === "rcpt") callback(refusalError(refusal))
      else callback()
    },
    onData: (stream, session, callback) => {
      const chunks: Array<Buffer> = []
      stream.on("data", (chunk: Buffer) => chunks.push(chunk))
      stream.on("end", () => {
        if (refusal?.stage === "data") return callback(refusalError(refusal))
        received.push(parseMessage(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((r) => r.address)))
        callback()
      })
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    received,
    refuse: (r) => {
      refusal = r
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** A port on 127.0.0.1 where nothing listens (for now). */
export async function closedPort(): Promise<number> {
  const server = await startLoopbackSmtpServer()
  await server.close()
  return server.port
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>()
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":")
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return headers
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/)
  if (at < 0) return { headers: splitHeaders(raw), body: "" }
  const separator = raw.slice(at).match(/^\r?\n\r?\n/)?.[0] ?? "\n\n"
  return { headers: splitHeaders(raw.slice(0, at)), body: raw.slice(at + separator.length) }
}

function decodeQuotedPrintable(body: string): string {
  const bytes: Array<number> = []
  const text = body.replace(/=\r?\n/g, "")
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3)
    if (text[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(text[i] ?? "", "utf8"))
  }
  return Buffer.from(bytes).toString("utf8")
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase()
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body)
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
  return body
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " "))
    )
}

function parseMessage(raw: string, envelopeTo: ReadonlyArray<string>): ReceivedMessage {
  const { headers, body } = splitEntity(raw)
  const parts: Array<{ type: string; content: string }> = []
  const type = headers.get("content-type") ?? "text/plain"
  const boundary = type.match(/boundary="?([^";]+)"?/)?.[1]
  if (boundary === undefined) parts.push({ type, content: decodeBody(headers, body) })
  else
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break
      const part = splitEntity(chunk.replace(/^\r?\n/, ""))
      parts.push({ type: part.headers.get("content-type") ?? "text/plain", content: decodeBody(part.headers, part.body.replace(/\r?\n$/, "")) })
    }
  return {
    envelopeTo,
    raw,
    header: (name) => {
      const value = headers.get(name.toLowerCase())
      return value === undefined ? undefined : decodeWords(value)
    },
    text: parts.find((p) => p.type.startsWith("text/plain"))?.content,
    html: parts.find((p) => p.type.startsWith("text/html"))?.content
  }
}
