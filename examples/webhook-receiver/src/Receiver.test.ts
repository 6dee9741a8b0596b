import type { AddressInfo } from "node:net"
import type { Server } from "node:http"
import {
  deliverEvents,
  EventOutbox,
  Instant,
  integrationEventBody,
  signWebhook,
  unixSeconds,
  webhookHeaders,
  WebhookTransport
} from "@spe/core"
import { fetchWebhookTransport, nodeWebhookSigner } from "@spe/server"
import { anIntegrationEvent, aWebhookSubscription, inMemoryEventOutbox, inMemoryWebhookSubscriptionRepository, makeTestClock } from "@spe/testkit"
import { Effect, Either, Layer } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { createWebhookReceiver, type ReceivedEvent } from "./Receiver.js"

const secret = `whsec_${"5e".repeat(32)}`

interface Running {
  readonly url: string
  readonly port: number
  readonly events: Array<ReceivedEvent>
  readonly refusals: Array<string>
  readonly close: () => Promise<void>
}

const opened: Array<Server> = []

async function startReceiver(port = 0): Promise<Running> {
  const events: Array<ReceivedEvent> = []
  const refusals: Array<string> = []
  const server = createWebhookReceiver({ secret, onEvent: (event) => void events.push(event), onRefusal: (status, reason) => void refusals.push(`${status} ${reason}`) })
  opened.push(server)
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/webhooks/espace-citoyen`,
    port: address.port,
    events,
    refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

afterEach(async () => {
  for (const server of opened.splice(0)) if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()))
})

/** The platform's delivery on the server's real transport (node's fetch) and HMAC, the outbox in memory. */
function platform(url: string, options: { readonly secret?: string; readonly clockOffsetMinutes?: number } = {}) {
  const clock = makeTestClock(Instant.plusMinutes(Instant.fromEpochMillis(Date.now()), options.clockOffsetMinutes ?? 0))
  const layer = Layer.mergeAll(
    inMemoryEventOutbox(),
    inMemoryWebhookSubscriptionRepository([
      aWebhookSubscription({ id: "whk-1", url, eventTypes: ["invoice.issued", "request.status_changed"], secret: options.secret ?? secret })
    ]),
    fetchWebhookTransport({ timeoutMs: 2000 }),
    nodeWebhookSigner,
    clock.layer
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const publish = (id: string) => run(Effect.flatMap(EventOutbox, (o) => o.append(anIntegrationEvent({ id, occurredAt: clock.now() }))))
  const deliver = () => run(deliverEvents(clock.now(), 10))
  const outbox = () => run(Effect.flatMap(EventOutbox, (o) => o.list({})))
  return { clock, run, publish, deliver, outbox }
}

describe("the example receiver, fed by the platform's real delivery", () => {
  it("accepts an event signed with the subscription's secret, hands it over once, answers 204", async () => {
    const receiver = await startReceiver()
    const world = platform(receiver.url)
    await world.publish("evt-1")
    expect(await world.deliver()).toEqual({ delivered: ["evt-1"], retrying: [], failed: [] })
    expect(receiver.events).toEqual([
      {
        id: "evt-1",
        type: "invoice.issued",
        occurredAt: world.clock.now(),
        data: { invoiceId: "fac-1", number: "F-2026-000001", householdId: "hh-1", total: 4250, issuedOn: "2026-03-27", dueOn: "2026-04-26" }
      }
    ])
    expect(receiver.refusals).toEqual([])
    const [entry] = await world.outbox()
    expect([entry?.status, entry?.deliveredTo]).toEqual(["delivered", ["whk-1"]])
  })

  it("refuses (401) a wrong secret and a timestamp older than 5 minutes: the platform tries again later", async () => {
    const receiver = await startReceiver()
    const wrongSecret = platform(receiver.url, { secret: `whsec_${"00".repeat(32)}` })
    await wrongSecret.publish("evt-1")
    const refused = await wrongSecret.deliver()
    expect(refused.retrying.map((r) => r.error)).toEqual([`${receiver.url} : réponse HTTP 401`])
    const late = platform(receiver.url, { clockOffsetMinutes: -6 })
    await late.publish("evt-2")
    expect((await late.deliver()).retrying.map((r) => r.error)).toEqual([`${receiver.url} : réponse HTTP 401`])
    expect(receiver.events).toEqual([])
    expect(receiver.refusals).toEqual(["401 signature invalide", "401 horodatage trop ancien (ou dans le futur)"])
  })

  it("refuses (401) a body changed after signing, and does not hand a replayed event over again", async () => {
    const receiver = await startReceiver()
    const world = platform(receiver.url)
    const event = anIntegrationEvent({ id: "evt-1", type: "request.status_changed" })
    const body = integrationEventBody(event)
    const post = (sentBody: string, headers: Readonly<Record<string, string>>) =>
      world.run(Effect.either(Effect.flatMap(WebhookTransport, (t) => t.post({ url: receiver.url, body: sentBody, headers }))))
    const signature = await world.run(signWebhook(secret, unixSeconds(world.clock.now()), body))
    const headers = webhookHeaders(event, signature)
    const tampered = await post(body.replace('"to":"inReview"', '"to":"accepted"'), headers)
    const unsigned = await post(body, { "Content-Type": "application/json" })
    const first = await post(body, headers)
    const replayed = await post(body, headers)
    expect([tampered, unsigned, first, replayed].map((answer) => Either.getOrThrow(answer).status)).toEqual([401, 401, 204, 200])
    expect(receiver.events.map((e) => [e.id, (e.data as { to?: string }).to])).toEqual([["evt-1", "inReview"]])
  })

  it("when the receiver is down, the event waits and is delivered once it is back", async () => {
    const receiver = await startReceiver()
    await receiver.close()
    const world = platform(receiver.url)
    await world.publish("evt-1")
    const down = await world.deliver()
    expect(down.retrying).toHaveLength(1)
    expect(down.retrying[0]?.error).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/espace-citoyen : connexion impossible \(ECONNREFUSED\)$/)
    const [waiting] = await world.outbox()
    expect([waiting?.status, waiting?.attempts]).toEqual(["pending", 1])
    const back = await startReceiver(receiver.port)
    expect(await world.deliver()).toEqual({ delivered: [], retrying: [], failed: [] })
    world.clock.advanceMinutes(1)
    expect((await world.deliver()).delivered).toEqual(["evt-1"])
    expect(back.events.map((e) => e.id)).toEqual(["evt-1"])
    const [delivered] = await world.outbox()
    expect([delivered?.status, delivered?.attempts]).toEqual(["delivered", 2])
  })
})
