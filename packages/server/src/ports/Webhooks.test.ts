import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { WebhookSigner, WebhookTransport } from "@spe/core"
import { hmacSha256HexSync, type ReceivedWebhook, webhookTransportContract } from "@spe/testkit"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { fetchWebhookTransport, nodeWebhookSigner } from "./Webhooks.js"

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`)))

const close = (server: Server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))

webhookTransportContract("node's fetch", async () => {
  const received: Array<ReceivedWebhook> = []
  const servers: Array<Server> = []
  const start = (handle: Parameters<typeof createServer>[1]) => {
    const server = createServer(handle)
    servers.push(server)
    return listen(server)
  }
  return {
    layer: fetchWebhookTransport({ timeoutMs: 2000 }),
    receiverAnswering: (status) =>
      start((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          const headers = Object.fromEntries(Object.entries(request.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])))
          received.push({ body: Buffer.concat(chunks).toString("utf8"), headers })
          response.statusCode = status
          response.end()
        })
      }),
    unreachable: async () => {
      const server = createServer()
      const url = await listen(server)
      await close(server)
      return url
    },
    received: () => received,
    dispose: async () => {
      for (const server of servers) await close(server)
    }
  }
})

describe("the server's webhook ports", () => {
  it("sign with node:crypto's HMAC-SHA256, as the testkit does", async () => {
    const hex = await Effect.runPromise(Effect.provide(Effect.flatMap(WebhookSigner, (s) => s.hmacSha256Hex("whsec_clé", '1764144000.{"id":"évt"}')), nodeWebhookSigner))
    expect(hex).toBe(hmacSha256HexSync("whsec_clé", '1764144000.{"id":"évt"}'))
    expect(hex).toMatch(/^[0-9a-f]{64}$/)
  })

  it("give up a receiver that does not answer in time, and follow no redirect", async () => {
    const silent = createServer(() => {})
    const redirecting = createServer((_request, response) => {
      response.statusCode = 307
      response.setHeader("Location", "http://127.0.0.1:1/ailleurs")
      response.end()
    })
    try {
      const post = (url: string) =>
        Effect.runPromise(Effect.either(Effect.provide(Effect.flatMap(WebhookTransport, (t) => t.post({ url, body: "{}", headers: {} })), fetchWebhookTransport({ timeoutMs: 300 }))))
      const late = await post(await listen(silent))
      expect(late._tag === "Left" && late.left.reason).toBe("pas de réponse en 300 ms")
      const moved = await post(await listen(redirecting))
      expect(moved._tag === "Right" && moved.right.status).toBe(307)
    } finally {
      silent.closeAllConnections()
      await close(silent)
      await close(redirecting)
    }
  })
})
