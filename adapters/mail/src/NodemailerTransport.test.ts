import { activationMail, Instant, MailTransport, newOutgoingMail, type OutgoingMail, OutgoingMailId } from "@spe/core"
import { aSender } from "@spe/testkit"
import { Effect, Either } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { nodemailerTransport } from "./NodemailerTransport.js"
import { parseSmtpSettings, type SmtpSettings } from "./SmtpSettings.js"
import { closedPort, type LoopbackSmtpServer, startLoopbackSmtpServer } from "./testing/LoopbackSmtpServer.js"

const servers: Array<LoopbackSmtpServer> = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

const settingsFor = (port: number, extra: Record<string, unknown> = {}): SmtpSettings =>
  Either.getOrThrow(parseSmtpSettings({ host: "127.0.0.1", port, secure: false, from: "ne-pas-repondre@mairie-example.fr", fromName: "Mairie de Saint-Pierre-lès-Elbeuf", timeoutSeconds: 5, ...extra }))

const activation: OutgoingMail = Either.getOrThrow(
  newOutgoingMail({
    id: OutgoingMailId.make("mail-42"),
    domain: "mairie-example.fr",
    draft: { to: "durand@example.fr", kind: "activation", content: activationMail(aSender, { recipientName: "Marie « Dédé » Durand <3", login: "durand.m", temporaryPassword: "Xq7-b2P-9rT" }) },
    now: Instant.unsafe("2026-03-27T08:00:00Z")
  })
)

const send = (settings: SmtpSettings, mail: OutgoingMail) =>
  Effect.runPromise(Effect.either(Effect.scoped(Effect.flatMap(MailTransport, (t) => t.send(mail)).pipe(Effect.provide(nodemailerTransport(settings))))))

const lf = (s: string | undefined) => s?.replace(/\r\n/g, "\n").replace(/\n$/, "")

describe("NodemailerTransport", () => {
  it("delivers the mail with its Message-ID, subject, recipient, text and HTML parts", async () => {
    const server = await startLoopbackSmtpServer()
    servers.push(server)
    expect(Either.isRight(await send(settingsFor(server.port), activation))).toBe(true)
    expect(server.received).toHaveLength(1)
    const received = server.received[0]!
    expect(received.envelopeTo).toEqual(["durand@example.fr"])
    expect(received.header("Message-ID")).toBe("<mail-42@mairie-example.fr>")
    expect(received.header("Subject")).toBe("Votre espace citoyen de Saint-Pierre-lès-Elbeuf : vos identifiants")
    expect(received.header("To")).toBe("durand@example.fr")
    expect(received.header("From")).toBe("Mairie de Saint-Pierre-lès-Elbeuf <ne-pas-repondre@mairie-example.fr>")
    expect(received.header("Auto-Submitted")).toBe("auto-generated")
    expect(received.header("Content-Type")).toMatch(/^multipart\/alternative/)
    expect(lf(received.text)).toBe(lf(activation.text))
    expect(lf(received.html)).toBe(lf(activation.html))
    expect(received.html).toContain("Marie « Dédé » Durand &lt;3")
  })

  it("logs in when the settings carry a login", async () => {
    const server = await startLoopbackSmtpServer({ auth: { user: "portail", pass: "s3cret" } })
    servers.push(server)
    expect(Either.isRight(await send(settingsFor(server.port, { auth: { user: "portail", pass: "s3cret" } }), activation))).toBe(true)
    const refused = await send(settingsFor(server.port, { auth: { user: "portail", pass: "faux" } }), activation)
    expect(Either.isLeft(refused) && refused.left.reason).toContain("535")
    expect(server.received).toHaveLength(1)
  })

  it("fails with the server's reply when it refuses the recipient (550)", async () => {
    const server = await startLoopbackSmtpServer()
    servers.push(server)
    server.refuse({ code: 550, message: "Boîte inconnue", stage: "rcpt" })
    const result = await send(settingsFor(server.port), activation)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left._tag).toBe("MailTransportFailed")
      expect(result.left.mailId).toBe("mail-42")
      expect(result.left.reason).toContain("550")
      expect(result.left.message).toContain("L'envoi du courriel mail-42 a échoué")
    }
  })

  it("fails with the server's reply when it defers the message (451)", async () => {
    const server = await startLoopbackSmtpServer()
    servers.push(server)
    server.refuse({ code: 451, message: "Réessayez plus tard", stage: "data" })
    const result = await send(settingsFor(server.port), activation)
    expect(Either.isLeft(result) && result.left.reason).toContain("451")
    expect(server.received).toHaveLength(0)
  })

  it("fails when no server listens", async () => {
    const result = await send(settingsFor(await closedPort()), activation)
    expect(Either.isLeft(result) && result.left.reason).toMatch(/injoignable.*ECONNREFUSED|injoignable.*ECONNECTION/)
  })
})

describe("SmtpSettings", () => {
  it("names each wrong field in French", () => {
    const refused = parseSmtpSettings({ host: "", port: 70_000, secure: "oui", from: "pas une adresse" })
    expect(Either.isLeft(refused)).toBe(true)
    if (Either.isLeft(refused)) {
      const paths = refused.left.problems.map((p) => p.path)
      expect(paths).toEqual(expect.arrayContaining(["host", "port", "secure", "from"]))
      expect(refused.left.message).toContain("Le port SMTP est un nombre entre 1 et 65535.")
      expect(refused.left.message).toContain("nom@exemple.fr")
    }
  })

  it("waits 30 seconds at most by default", () => {
    expect(settingsFor(25, { timeoutSeconds: undefined }).timeoutSeconds).toBe(30)
  })
})
