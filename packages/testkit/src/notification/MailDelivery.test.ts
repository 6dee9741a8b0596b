import { fc, test } from "@fast-check/vitest"
import {
  claimedUntil,
  deliverDueMails,
  enqueueMail,
  type IdGenerator,
  Instant,
  MailContent,
  MailOutbox,
  MailTransport,
  MailTransportFailed,
  type OutgoingMail,
  RetryPolicy
} from "@spe/core"
import { Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { sequentialIds } from "../SequentialIds.js"
import { inMemoryMailOutbox } from "./InMemoryMailOutbox.js"
import { inMemoryMailTransport } from "./InMemoryMailTransport.js"

const T0 = Instant.unsafe("2026-03-27T08:00:00Z")
const content = (n: number) => new MailContent({ subject: `Courriel ${n}`, text: `Texte ${n}`, html: `<p>Texte ${n}</p>` })
const policy = new RetryPolicy({ firstDelaySeconds: 60, multiplier: 2, maxDelaySeconds: 600, maxAttempts: 3 })

function setup() {
  const outbox = inMemoryMailOutbox()
  const transport = inMemoryMailTransport()
  const layer = Layer.mergeAll(outbox, transport.layer, sequentialIds())
  const run = <A, E>(effect: Effect.Effect<A, E, MailOutbox | MailTransport | IdGenerator>): A => Effect.runSync(Effect.provide(effect, layer))
  const all = () => run(Effect.flatMap(MailOutbox, (o) => o.list({})))
  return { outbox, transport, layer, run, all }
}

describe("deliverDueMails", () => {
  it("sends due mails and marks them sent", () => {
    const { run, transport, all } = setup()
    const mail = run(enqueueMail({ to: "famille@example.fr", kind: "invoice-issued", content: content(1) }, "mairie.fr", T0))
    expect(mail.messageId).toBe("<mail-1@mairie.fr>")
    const report = run(deliverDueMails(T0, 10, policy))
    expect(report).toEqual({ sent: ["mail-1"], retrying: [], failed: [] })
    expect(transport.sent().map((m) => m.messageId)).toEqual(["<mail-1@mairie.fr>"])
    expect(all().map((m) => [m.status, m.sentAt, m.attempts])).toEqual([["sent", T0, 1]])
    expect(run(deliverDueMails(Instant.plusHours(T0, 48), 10, policy)).sent).toEqual([])
  })

  it("tries a refused mail again with backoff, then gives it up after the last attempt", () => {
    const { run, transport, all } = setup()
    run(enqueueMail({ to: "famille@example.fr", kind: "activation", content: content(1) }, "mairie.fr", T0))
    transport.failWith("451 Réessayez plus tard")
    expect(run(deliverDueMails(T0, 10, policy)).retrying).toEqual([{ id: "mail-1", at: Instant.plusMinutes(T0, 1), error: "451 Réessayez plus tard" }])
    expect(run(deliverDueMails(Instant.plusMillis(T0, 59_999), 10, policy)).retrying).toEqual([])
    const second = Instant.plusMinutes(T0, 1)
    expect(run(deliverDueMails(second, 10, policy)).retrying.map((r) => r.at)).toEqual([Instant.plusMinutes(second, 2)])
    const third = Instant.plusMinutes(second, 2)
    expect(run(deliverDueMails(third, 10, policy)).failed).toEqual([{ id: "mail-1", error: "451 Réessayez plus tard" }])
    expect(all().map((m) => [m.status, m.attempts, m.lastError])).toEqual([["failed", 3, "451 Réessayez plus tard"]])
  })

  it("delivers a mail once the server is back", () => {
    const { run, transport, all } = setup()
    run(enqueueMail({ to: "famille@example.fr", kind: "activation", content: content(1) }, "mairie.fr", T0))
    transport.failWith("connexion refusée")
    run(deliverDueMails(T0, 10, policy))
    transport.failWith(null)
    expect(run(deliverDueMails(Instant.plusMinutes(T0, 1), 10, policy)).sent).toEqual(["mail-1"])
    expect(all()[0]?.status).toBe("sent")
    expect(transport.sent()).toHaveLength(1)
  })

  it("does not let one mail's failure stop the others", () => {
    const { run, transport } = setup()
    run(enqueueMail({ to: "a@example.fr", kind: "activation", content: content(1) }, "mairie.fr", T0))
    run(enqueueMail({ to: "inconnu@example.fr", kind: "activation", content: content(2) }, "mairie.fr", T0))
    run(enqueueMail({ to: "c@example.fr", kind: "activation", content: content(3) }, "mairie.fr", T0))
    transport.refuseRecipient("inconnu@example.fr", "550 Boîte inconnue")
    const report = run(deliverDueMails(T0, 10, policy))
    expect(report.sent).toEqual(["mail-1", "mail-3"])
    expect(report.retrying.map((r) => r.id)).toEqual(["mail-2"])
  })

  it("counts a transport that throws as a failed attempt", () => {
    const outbox = inMemoryMailOutbox()
    const layer = Layer.mergeAll(outbox, sequentialIds(), Layer.succeed(MailTransport, { send: () => Effect.die(new Error("socket fermée")) }))
    const report = Effect.runSync(
      Effect.provide(Effect.zipRight(enqueueMail({ to: "a@example.fr", kind: "activation", content: content(1) }, "mairie.fr", T0), deliverDueMails(T0, 10, policy)), layer)
    )
    expect(report.retrying.map((r) => r.error)).toEqual(["socket fermée"])
  })

  it("claims at most the batch size", () => {
    const { run } = setup()
    for (let n = 1; n <= 5; n++) run(enqueueMail({ to: "a@example.fr", kind: "activation", content: content(n) }, "mairie.fr", T0))
    expect(run(deliverDueMails(T0, 2, policy)).sent).toEqual(["mail-1", "mail-2"])
    expect(run(deliverDueMails(T0, 10, policy)).sent).toEqual(["mail-3", "mail-4", "mail-5"])
  })

  it("refuses to enqueue a mail to an address that is not one", () => {
    const { outbox } = setup()
    const exit = Effect.runSyncExit(Effect.provide(enqueueMail({ to: "pas une adresse", kind: "activation", content: content(1) }, "mairie.fr", T0), Layer.merge(outbox, sequentialIds())))
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("InvalidInput")
  })
})

type Step =
  | { readonly _tag: "Enqueue" }
  | { readonly _tag: "Deliver"; readonly up: boolean; readonly limit: number }
  | { readonly _tag: "CrashAfterClaim"; readonly limit: number }
  | { readonly _tag: "CrashAfterSend" }
  | { readonly _tag: "Wait"; readonly minutes: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ _tag: "Enqueue" as const }), weight: 3 },
  { arbitrary: fc.record({ _tag: fc.constant("Deliver" as const), up: fc.boolean(), limit: fc.integer({ min: 1, max: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ _tag: fc.constant("CrashAfterClaim" as const), limit: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
  { arbitrary: fc.constant({ _tag: "CrashAfterSend" as const }), weight: 1 },
  { arbitrary: fc.record({ _tag: fc.constant("Wait" as const), minutes: fc.integer({ min: 0, max: 30 }) }), weight: 2 }
)

describe("mail delivery properties", () => {
  test.prop([fc.array(step, { maxLength: 40 })], { numRuns: 200 })(
    "a mail is delivered at most once per successful send and never lost",
    (steps) => {
      const outbox = inMemoryMailOutbox()
      const ids = sequentialIds()
      const delivered: Array<OutgoingMail> = []
      const crashedAfterSend = new Map<string, number>()
      let up = true
      let crashNext = false
      const transport = Layer.succeed(MailTransport, {
        send: (mail) =>
          Effect.suspend(() => {
            if (!up) return Effect.fail(new MailTransportFailed({ mailId: mail.id, reason: "421 Service indisponible" }))
            delivered.push(mail)
            if (crashNext) {
              crashNext = false
              crashedAfterSend.set(mail.id, (crashedAfterSend.get(mail.id) ?? 0) + 1)
              return Effect.interrupt
            }
            return Effect.void
          })
      })
      const context = Effect.runSync(Effect.scoped(Layer.build(Layer.mergeAll(outbox, transport, ids))))
      const run = <A, E>(effect: Effect.Effect<A, E, MailOutbox | MailTransport | IdGenerator>) => Effect.runSyncExit(Effect.provide(effect, context))
      let now = T0
      let enqueued = 0

      for (const s of steps) {
        switch (s._tag) {
          case "Enqueue":
            run(enqueueMail({ to: `famille${enqueued}@example.fr`, kind: "invoice-issued", content: content(enqueued) }, "mairie.fr", now))
            enqueued++
            break
          case "Deliver":
            up = s.up
            run(deliverDueMails(now, s.limit, policy))
            break
          case "CrashAfterClaim":
            run(Effect.flatMap(MailOutbox, (o) => o.claimDue(now, s.limit)))
            break
          case "CrashAfterSend":
            up = true
            crashNext = true
            run(deliverDueMails(now, 10, policy))
            crashNext = false
            break
          case "Wait":
            now = Instant.plusMinutes(now, s.minutes)
            break
        }
      }

      up = true
      const gap = Math.max(policy.maxDelaySeconds * 1000, Instant.toEpochMillis(claimedUntil(T0)) - Instant.toEpochMillis(T0)) + 1000
      for (let round = 0; round < 5; round++) {
        now = Instant.plusMillis(now, gap)
        run(deliverDueMails(now, 1000, policy))
      }

      const mails = Exit.getOrElse(run(Effect.flatMap(MailOutbox, (o) => o.list({}))), () => [] as ReadonlyArray<OutgoingMail>)
      expect(mails).toHaveLength(enqueued)
      for (const mail of mails) {
        const copies = delivered.filter((d) => d.id === mail.id)
        const crashes = crashedAfterSend.get(mail.id) ?? 0
        expect(["sent", "failed"]).toContain(mail.status)
        if (mail.status === "sent") expect(copies.length).toBeGreaterThanOrEqual(1)
        if (mail.status === "failed") expect(mail.attempts).toBeGreaterThanOrEqual(policy.maxAttempts)
        expect(copies.length).toBeLessThanOrEqual(1 + crashes)
        for (const copy of copies) expect(copy.messageId).toBe(mail.messageId)
      }
    }
  )
})
