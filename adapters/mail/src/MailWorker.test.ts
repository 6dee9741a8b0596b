import { deliverDueMails, enqueueMail, Instant, MailContent, MailOutbox, MailTransport, type OutgoingMail, RetryPolicy } from "@spe/core"
import { inMemoryMailOutbox, makeTestClock, sequentialIds } from "@spe/testkit"
import { Effect, Either, Exit, Layer } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { makeDevMailbox } from "./DevMailbox.js"
import { type MailWorker, startMailWorker } from "./MailWorker.js"
import { nodemailerTransport } from "./NodemailerTransport.js"
import { parseSmtpSettings } from "./SmtpSettings.js"
import { closedPort, type LoopbackSmtpServer, startLoopbackSmtpServer } from "./testing/LoopbackSmtpServer.js"

const T0 = "2026-03-27T08:00:00Z"
const policy = new RetryPolicy({ firstDelaySeconds: 60, multiplier: 2, maxDelaySeconds: 3600, maxAttempts: 5 })
const running: Array<MailWorker> = []
const servers: Array<LoopbackSmtpServer> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()))
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const smtpOn = (port: number) =>
  nodemailerTransport(Either.getOrThrow(parseSmtpSettings({ host: "127.0.0.1", port, secure: false, from: "ne-pas-repondre@mairie-example.fr", timeoutSeconds: 5 })))

function world() {
  const outbox = inMemoryMailOutbox()
  const ids = sequentialIds()
  const clock = makeTestClock(T0)
  const enqueue = (n: number, to = `famille${n}@example.fr`) =>
    Effect.runSync(
      Effect.provide(
        enqueueMail({ to, kind: "invoice-issued", content: new MailContent({ subject: `Facture n°${n} émise`, text: `Texte ${n}`, html: `<p>Texte ${n}</p>` }) }, "mairie-example.fr", clock.now()),
        Layer.merge(outbox, ids)
      )
    )
  const mails = () => Effect.runSync(Effect.provide(Effect.flatMap(MailOutbox, (o) => o.list({})), outbox))
  const worker = (transport: Layer.Layer<MailTransport>, interval?: number) => {
    const w = startMailWorker({ interval: interval ?? "1 hour", firstRunAfter: interval ?? "1 hour", batch: 10, policy, layer: Layer.mergeAll(outbox, transport, clock.layer) })
    running.push(w)
    return w
  }
  return { outbox, clock, enqueue, mails, worker }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = performance.now()
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error("La condition attendue n'est pas arrivée à temps.")
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe("startMailWorker over SMTP", () => {
  for (const refusal of [
    { code: 550, message: "Boîte inconnue", stage: "rcpt" as const },
    { code: 451, message: "Réessayez plus tard", stage: "data" as const }
  ]) {
    it(`tries again with backoff after the server refused (${refusal.code}) and delivers once it accepts`, async () => {
      const server = await startLoopbackSmtpServer()
      servers.push(server)
      const { clock, enqueue, mails, worker } = world()
      const w = worker(smtpOn(server.port))
      const mail = enqueue(1)
      server.refuse(refusal)
      const first = await w.runOnce()
      expect(first.retrying.map((r) => [r.id, r.at])).toEqual([[mail.id, Instant.unsafe("2026-03-27T08:01:00Z")]])
      expect(first.retrying[0]?.error).toContain(String(refusal.code))
      clock.advanceMinutes(1)
      const second = await w.runOnce()
      expect(second.retrying.map((r) => r.at)).toEqual([Instant.unsafe("2026-03-27T08:03:00Z")])
      server.refuse(null)
      clock.advanceMinutes(1)
      expect((await w.runOnce()).sent).toEqual([])
      clock.advanceMinutes(1)
      expect((await w.runOnce()).sent).toEqual([mail.id])
      expect(server.received.map((r) => r.header("Message-ID"))).toEqual([mail.messageId])
      expect(mails().map((m) => [m.status, m.attempts])).toEqual([["sent", 3]])
    })
  }

  it("delivers once the server, down at first, is back on its port", async () => {
    const port = await closedPort()
    const { clock, enqueue, mails, worker } = world()
    const w = worker(smtpOn(port), 10)
    const mail = enqueue(1)
    await waitFor(() => mails()[0]?.attempts === 1 && mails()[0]?.lastError !== undefined)
    expect(mails()[0]?.lastError).toContain("injoignable")
    const server = await startLoopbackSmtpServer({ port })
    servers.push(server)
    clock.advanceMinutes(1)
    await waitFor(() => mails()[0]?.status === "sent")
    expect(server.received.map((r) => r.header("Message-ID"))).toEqual([mail.messageId])
    await w.stop()
  })

  it("loses nothing across a restart of the worker (new worker, same outbox)", async () => {
    const port = await closedPort()
    const { clock, enqueue, mails, worker } = world()
    const first = worker(smtpOn(port), 10)
    for (let n = 1; n <= 5; n++) enqueue(n)
    await waitFor(() => mails().every((m) => m.attempts === 1 && m.status === "pending" && m.lastError !== undefined))
    await first.stop()
    const server = await startLoopbackSmtpServer({ port })
    servers.push(server)
    for (let n = 6; n <= 7; n++) enqueue(n)
    clock.advanceMinutes(2)
    worker(smtpOn(port), 10)
    await waitFor(() => mails().every((m) => m.status === "sent"))
    const received = server.received.map((r) => r.header("Message-ID")).sort()
    expect(received).toEqual(mails().map((m) => m.messageId).sort())
    expect(new Set(received).size).toBe(7)
  })

  it("may send again after a crash between sending and marking sent, with the same Message-ID", async () => {
    const server = await startLoopbackSmtpServer()
    servers.push(server)
    const { outbox, clock, enqueue, mails, worker } = world()
    const mail = enqueue(1)
    const crashingAfterSend = Layer.effect(
      MailTransport,
      Effect.map(MailTransport, (smtp) => ({ send: (m: OutgoingMail) => Effect.zipRight(smtp.send(m), Effect.interrupt) }))
    ).pipe(Layer.provide(smtpOn(server.port)))
    const crashed = await Effect.runPromiseExit(Effect.scoped(Effect.provide(deliverDueMails(clock.now(), 10, policy), Layer.merge(outbox, crashingAfterSend))))
    expect(Exit.isInterrupted(crashed)).toBe(true)
    expect(server.received).toHaveLength(1)
    expect(mails().map((m) => m.status)).toEqual(["pending"])
    const w = worker(smtpOn(server.port))
    expect((await w.runOnce()).sent).toEqual([])
    clock.advanceMinutes(10)
    expect((await w.runOnce()).sent).toEqual([mail.id])
    expect(server.received.map((r) => r.header("Message-ID"))).toEqual([mail.messageId, mail.messageId])
    expect(server.received.map((r) => r.header("Date"))).toEqual([server.received[0]?.header("Date"), server.received[0]?.header("Date")])
  })

  it("stops cleanly: nothing is sent after stop, and stopping twice is harmless", async () => {
    const server = await startLoopbackSmtpServer()
    servers.push(server)
    const { enqueue, mails, worker } = world()
    const w = worker(smtpOn(server.port), 10)
    enqueue(1)
    await waitFor(() => server.received.length === 1)
    await Promise.all([w.stop(), w.stop()])
    enqueue(2)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.received).toHaveLength(1)
    expect(mails().map((m) => m.status)).toEqual(["pending", "sent"])
  })
})

describe("startMailWorker", () => {
  it("lets the run in progress finish when stopped, so no mail is left half sent", async () => {
    const { enqueue, mails, worker } = world()
    const mailbox = makeDevMailbox()
    let started = false
    const slow = Layer.effect(
      MailTransport,
      Effect.map(MailTransport, (inner) => ({ send: (m: OutgoingMail) => Effect.zipRight(Effect.zipRight(Effect.sync(() => { started = true }), Effect.sleep("200 millis")), inner.send(m)) }))
    ).pipe(Layer.provide(mailbox.layer))
    const w = worker(slow, 10)
    enqueue(1)
    await waitFor(() => started)
    await w.stop()
    expect(mails().map((m) => m.status)).toEqual(["sent"])
    expect(mailbox.list()).toHaveLength(1)
  })
})

describe("DevMailbox", () => {
  it("keeps what the worker sent, newest first, for the /dev/mail page", async () => {
    const { enqueue, worker } = world()
    const mailbox = makeDevMailbox()
    const w = worker(mailbox.layer)
    const first = enqueue(1)
    const second = enqueue(2)
    expect((await w.runOnce()).sent).toEqual([first.id, second.id])
    expect(mailbox.list().map((m) => m.id)).toEqual([second.id, first.id])
    expect(mailbox.byId(first.id)?.subject).toBe("Facture n°1 émise")
    expect(mailbox.byId("absent")).toBeUndefined()
    mailbox.clear()
    expect(mailbox.list()).toEqual([])
  })

  it("folds a mail received twice (same Message-ID), and forgets the oldest beyond its capacity", () => {
    const mailbox = makeDevMailbox({ capacity: 2 })
    const { enqueue } = world()
    const [a, b, c] = [enqueue(1), enqueue(2), enqueue(3)]
    const send = (m: OutgoingMail) => Effect.runSync(Effect.provide(Effect.flatMap(MailTransport, (t) => t.send(m)), mailbox.layer))
    send(a)
    send(a)
    expect(mailbox.list().map((m) => m.id)).toEqual([a.id])
    expect(mailbox.deliveries(a.id)).toBe(2)
    send(b)
    send(c)
    expect(mailbox.list().map((m) => m.id)).toEqual([c.id, b.id])
  })
})
