import {
  AuditLog,
  createWebhookSubscription,
  deleteWebhookSubscription,
  deliverEvents,
  disableWebhookSubscription,
  enableWebhookSubscription,
  EventOutbox,
  Instant,
  integrationEventBody,
  listWebhookEvents,
  listWebhookSubscriptions,
  parseWebhookSignature,
  RetryPolicy,
  unixSeconds,
  WebhookSubscriptionRepository
} from "@spe/core"
import { Effect, Either, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { seededSecretGenerator } from "../account/SeededSecretGenerator.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryEventOutbox } from "./InMemoryEventOutbox.js"
import { inMemoryWebhookSubscriptionRepository } from "./InMemoryWebhookSubscriptionRepository.js"
import { anIntegrationEvent, aWebhookSecret, aWebhookSubscription } from "./IntegrationFixtures.js"
import { hmacSha256HexSync, nodeWebhookSigner } from "./NodeWebhookSigner.js"
import { recordingWebhookTransport } from "./RecordingWebhookTransport.js"

const start = "2026-03-27T08:00:00Z"

function makeWorld(subscriptions: ReadonlyArray<ReturnType<typeof aWebhookSubscription>> = []) {
  const clock = makeTestClock(start)
  const transport = recordingWebhookTransport()
  const layer = Layer.mergeAll(
    clock.layer,
    sequentialIds(),
    inMemoryAuditLog(),
    seededSecretGenerator(76320),
    inMemoryEventOutbox(),
    inMemoryWebhookSubscriptionRepository(subscriptions),
    transport.layer,
    nodeWebhookSigner()
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const outbox = () => run(Effect.flatMap(EventOutbox, (o) => o.list({})))
  const deliver = (policy?: RetryPolicy) => run(Effect.flatMap(Effect.sync(clock.now), (now) => deliverEvents(now, 20, policy)))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { clock, transport, run, outbox, deliver, audit }
}

const append = (world: ReturnType<typeof makeWorld>, event: ReturnType<typeof anIntegrationEvent>) =>
  world.run(Effect.flatMap(EventOutbox, (o) => o.append(event)))

describe("delivering events to the town's software", () => {
  it("posts each event, signed, to every active subscription that wants its type, and marks it delivered", async () => {
    const wantsInvoices = aWebhookSubscription({ id: "whk-a", url: "https://a.example.fr/hooks", eventTypes: ["invoice.issued"], secret: aWebhookSecret("1") })
    const wantsRequests = aWebhookSubscription({ id: "whk-b", url: "https://b.example.fr/hooks", eventTypes: ["request.status_changed"] })
    const paused = aWebhookSubscription({ id: "whk-c", url: "https://c.example.fr/hooks", eventTypes: ["invoice.issued"], active: false })
    const world = makeWorld([wantsInvoices, wantsRequests, paused])
    const event = anIntegrationEvent({ id: "evt-1", occurredAt: start })
    await append(world, event)
    world.clock.advanceMinutes(1)
    const report = await world.deliver()
    expect(report).toEqual({ delivered: ["evt-1"], retrying: [], failed: [] })
    const [request, ...others] = world.transport.requests()
    expect(others).toEqual([])
    expect(request?.url).toBe("https://a.example.fr/hooks")
    const body = integrationEventBody(event)
    expect(request?.body).toBe(body)
    expect(JSON.parse(body)).toEqual({
      id: "evt-1",
      type: "invoice.issued",
      occurredAt: "2026-03-27T08:00:00.000Z",
      data: { invoiceId: "fac-1", number: "F-2026-000001", householdId: "hh-1", total: 4250, issuedOn: "2026-03-27", dueOn: "2026-04-26" }
    })
    const timestamp = unixSeconds(world.clock.now())
    expect(request?.headers).toEqual({
      "Content-Type": "application/json",
      "User-Agent": "spe-webhooks",
      "Spe-Signature": `t=${timestamp},v1=${hmacSha256HexSync(aWebhookSecret("1"), `${timestamp}.${body}`)}`,
      "Spe-Event-Id": "evt-1",
      "Spe-Event-Type": "invoice.issued"
    })
    const [entry] = await world.outbox()
    expect([entry?.status, entry?.attempts, entry?.deliveredTo, entry?.deliveredAt]).toEqual(["delivered", 1, ["whk-a"], world.clock.now()])
  })

  it("tries a refused delivery again after the policy's delay, only where it was refused, with the same body and id", async () => {
    const world = makeWorld([
      aWebhookSubscription({ id: "whk-a", url: "https://a.example.fr/hooks" }),
      aWebhookSubscription({ id: "whk-b", url: "https://b.example.fr/hooks" })
    ])
    world.transport.answer("https://b.example.fr/hooks", 503)
    await append(world, anIntegrationEvent({ id: "evt-1", occurredAt: start }))
    const first = await world.deliver()
    expect(first.delivered).toEqual([])
    expect(first.retrying).toEqual([{ id: "evt-1", at: Instant.plusMinutes(world.clock.now(), 1), error: "https://b.example.fr/hooks : réponse HTTP 503" }])
    const [waiting] = await world.outbox()
    expect([waiting?.status, waiting?.deliveredTo, waiting?.lastError]).toEqual(["pending", ["whk-a"], "https://b.example.fr/hooks : réponse HTTP 503"])
    world.clock.advanceMinutes(0.5)
    expect(await world.deliver()).toEqual({ delivered: [], retrying: [], failed: [] })
    world.transport.answer("https://b.example.fr/hooks", 200)
    world.clock.advanceMinutes(0.5)
    expect((await world.deliver()).delivered).toEqual(["evt-1"])
    const requests = world.transport.requests()
    expect(requests.map((r) => r.url)).toEqual(["https://a.example.fr/hooks", "https://b.example.fr/hooks", "https://b.example.fr/hooks"])
    expect(new Set(requests.map((r) => r.body)).size).toBe(1)
    expect(requests.map((r) => r.headers["Spe-Event-Id"])).toEqual(["evt-1", "evt-1", "evt-1"])
    const [delivered] = await world.outbox()
    expect([delivered?.status, delivered?.attempts, delivered?.deliveredTo]).toEqual(["delivered", 2, ["whk-a", "whk-b"]])
  })

  it("gives an event up after the policy's last attempt: failed, with the reason, visible in the list", async () => {
    const world = makeWorld([aWebhookSubscription({ id: "whk-a", url: "https://a.example.fr/hooks" })])
    world.transport.unreachable("https://a.example.fr/hooks", "connexion refusée")
    await append(world, anIntegrationEvent({ id: "evt-1", occurredAt: start }))
    const policy = new RetryPolicy({ firstDelaySeconds: 60, multiplier: 2, maxDelaySeconds: 600, maxAttempts: 3 })
    const reports = []
    for (const minutes of [0, 1, 2]) {
      world.clock.advanceMinutes(minutes)
      reports.push(await world.deliver(policy))
    }
    expect(reports.map((r) => [r.retrying.length, r.failed.length])).toEqual([[1, 0], [1, 0], [0, 1]])
    expect(reports[2]?.failed).toEqual([{ id: "evt-1", error: "https://a.example.fr/hooks : connexion refusée" }])
    world.clock.advanceMinutes(60 * 24)
    expect(await world.deliver(policy)).toEqual({ delivered: [], retrying: [], failed: [] })
    const failed = await world.run(listWebhookEvents(anAgent("admin"), { status: "failed" }))
    expect(failed.map((e) => [e.event.id, e.attempts, e.lastError])).toEqual([["evt-1", 3, "https://a.example.fr/hooks : connexion refusée"]])
  })

  it("marks an event nobody subscribed to as delivered to nobody, and signs each delivery with its subscription's secret", async () => {
    const world = makeWorld([
      aWebhookSubscription({ id: "whk-a", url: "https://a.example.fr/hooks", eventTypes: ["request.status_changed"], secret: aWebhookSecret("1") }),
      aWebhookSubscription({ id: "whk-b", url: "https://b.example.fr/hooks", eventTypes: ["request.status_changed"], secret: aWebhookSecret("2") })
    ])
    await append(world, anIntegrationEvent({ id: "evt-1", occurredAt: start }))
    await append(world, anIntegrationEvent({ id: "evt-2", occurredAt: start, type: "request.status_changed" }))
    expect((await world.deliver()).delivered).toEqual(["evt-1", "evt-2"])
    const listed = await world.outbox()
    expect(listed.map((e) => [e.event.id, e.status, e.deliveredTo])).toEqual([
      ["evt-2", "delivered", ["whk-a", "whk-b"]],
      ["evt-1", "delivered", []]
    ])
    const signatures = world.transport.requests().map((r) => Option.getOrThrow(parseWebhookSignature(r.headers["Spe-Signature"] ?? "")))
    const body = world.transport.requests()[0]?.body ?? ""
    expect(signatures.map((s) => s.signatures[0])).toEqual([
      hmacSha256HexSync(aWebhookSecret("1"), `${signatures[0]?.timestamp}.${body}`),
      hmacSha256HexSync(aWebhookSecret("2"), `${signatures[1]?.timestamp}.${body}`)
    ])
  })
})

describe("the administrators' webhook subscriptions", () => {
  const admin = anAgent("admin", "Alice Admin")

  it("creates an active subscription with a fresh secret, given once, and journals it without the secret", async () => {
    const world = makeWorld()
    const created = await world.run(
      createWebhookSubscription(admin, { url: " https://logiciel.mairie-example.fr/hooks ", eventTypes: ["invoice.issued", "payment.recorded", "invoice.issued"] })
    )
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    expect(created.subscription).toMatchObject({
      id: "whk-1",
      url: "https://logiciel.mairie-example.fr/hooks",
      eventTypes: ["invoice.issued", "payment.recorded"],
      active: true,
      createdAt: world.clock.now(),
      secret: created.secret
    })
    const stored = await world.run(listWebhookSubscriptions(admin))
    expect(stored).toEqual([created.subscription])
    const [record] = await world.audit()
    expect(record).toMatchObject({
      action: "webhooks.create",
      permission: "accounts.manage",
      actorName: "Alice Admin",
      outcome: "done",
      target: { kind: "webhook", id: "https://logiciel.mairie-example.fr/hooks" },
      before: null,
      after: { id: "whk-1", url: "https://logiciel.mairie-example.fr/hooks", eventTypes: ["invoice.issued", "payment.recorded"], active: true }
    })
    expect(JSON.stringify(record)).not.toContain(created.secret)
  })

  it("refuses an address that is not https (but loopback), a missing address and no event type, naming the field", async () => {
    const world = makeWorld()
    const refusal = (input: unknown) => world.run(Effect.flip(createWebhookSubscription(admin, input)))
    const plain = await refusal({ url: "http://logiciel.mairie-example.fr/hooks", eventTypes: ["invoice.issued"] })
    expect(plain._tag).toBe("InvalidInput")
    expect(plain._tag === "InvalidInput" && plain.problems).toEqual([
      { path: "url", message: "L'adresse doit commencer par https:// : les événements contiennent des données des familles et ne circulent que chiffrés." }
    ])
    const credentials = await refusal({ url: "https://moi:secret@logiciel.example.fr/", eventTypes: ["invoice.issued"] })
    expect(credentials._tag === "InvalidInput" && credentials.problems.map((p) => p.path)).toEqual(["url"])
    const nothing = await refusal({ url: "", eventTypes: [] })
    expect(nothing._tag === "InvalidInput" && nothing.problems).toEqual([
      { path: "url", message: "Indiquez l'adresse qui recevra les événements (https://…)." },
      { path: "eventTypes", message: "Choisissez au moins un type d'événement à recevoir." }
    ])
    const loopback = await world.run(createWebhookSubscription(admin, { url: "http://127.0.0.1:8080/hooks", eventTypes: ["reservation.changed"] }))
    expect(loopback.subscription.url).toBe("http://127.0.0.1:8080/hooks")
    expect((await world.audit()).map((r) => r.outcome)).toEqual(["done", "refused", "refused", "refused"])
  })

  it("refuses every role but the administrator's, journals the refusal, and creates nothing", async () => {
    const world = makeWorld()
    const refused = await world.run(Effect.either(createWebhookSubscription(anAgent("billing"), { url: "https://a.example.fr/", eventTypes: ["invoice.issued"] })))
    expect(Either.isLeft(refused) && refused.left._tag).toBe("PermissionDenied")
    expect(await world.run(Effect.flatMap(WebhookSubscriptionRepository, (r) => r.list))).toEqual([])
    expect((await world.audit()).map((r) => [r.action, r.outcome])).toEqual([["webhooks.create", "denied"]])
    const listing = await world.run(Effect.either(listWebhookSubscriptions(anAgent("agent"))))
    expect(Either.isLeft(listing) && listing.left._tag).toBe("PermissionDenied")
  })

  it("pauses a subscription (it receives nothing), turns it back on, deletes it, each journaled", async () => {
    const world = makeWorld([aWebhookSubscription({ id: "whk-a", url: "https://a.example.fr/hooks" })])
    const disabled = await world.run(disableWebhookSubscription(admin, { subscriptionId: "whk-a" }))
    expect([disabled.active, disabled.disabledAt]).toEqual([false, world.clock.now()])
    await append(world, anIntegrationEvent({ id: "evt-1", occurredAt: start }))
    expect((await world.deliver()).delivered).toEqual(["evt-1"])
    expect(world.transport.requests()).toEqual([])
    const enabled = await world.run(enableWebhookSubscription(admin, { subscriptionId: "whk-a" }))
    expect([enabled.active, enabled.disabledAt]).toEqual([true, undefined])
    await world.run(deleteWebhookSubscription(admin, { subscriptionId: "whk-a" }))
    const missing = await world.run(Effect.flip(deleteWebhookSubscription(admin, { subscriptionId: "whk-a" })))
    expect(missing._tag).toBe("WebhookSubscriptionNotFound")
    const records = [...(await world.audit())].reverse()
    expect(records.map((r) => [r.action, r.outcome, r.target.id])).toEqual([
      ["webhooks.disable", "done", "whk-a"],
      ["webhooks.enable", "done", "whk-a"],
      ["webhooks.delete", "done", "whk-a"],
      ["webhooks.delete", "refused", "whk-a"]
    ])
    expect(records[0]?.before).toMatchObject({ active: true })
    expect(records[0]?.after).toMatchObject({ active: false })
    expect(records[2]?.after).toBeNull()
    expect(JSON.stringify(records)).not.toContain(aWebhookSecret())
  })
})
