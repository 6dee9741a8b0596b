import { AccountEmail, AccountId, AccountNotifications, accountNotificationsByMail, Instant, MailOutbox } from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryMailOutbox } from "./InMemoryMailOutbox.js"
import { aSender } from "./MailFixtures.js"

describe("accountNotificationsByMail", () => {
  it("enqueues the temporary credentials and the reset link as mails", async () => {
    const outbox = inMemoryMailOutbox()
    const clock = makeTestClock("2026-03-27T08:00:00Z")
    const notifications = accountNotificationsByMail({
      sender: aSender,
      messageIdDomain: "mairie-example.fr",
      passwordResetLink: (token) => `${aSender.portalUrl}/mot-de-passe/nouveau?jeton=${token}`
    }).pipe(Layer.provide(Layer.mergeAll(outbox, sequentialIds(), clock.layer)))
    const mails = await Effect.runPromise(
      Effect.gen(function* () {
        const n = yield* AccountNotifications
        const email = AccountEmail.make("durand@example.fr")
        yield* n.sendTemporaryCredentials({ accountId: AccountId.make("acc-1"), email, login: "durand.m", temporaryPassword: "Xq7-b2P-9rT" })
        yield* n.sendPasswordResetLink({ accountId: AccountId.make("acc-1"), email, token: "jeton-123", expiresAt: Instant.unsafe("2026-03-27T09:00:00Z") })
        return yield* (yield* MailOutbox).list({})
      }).pipe(Effect.provide(Layer.merge(notifications, outbox)))
    )
    expect(mails.map((m) => [m.kind, m.to, m.status, m.messageId])).toEqual([
      ["password-reset", "durand@example.fr", "pending", "<mail-2@mairie-example.fr>"],
      ["activation", "durand@example.fr", "pending", "<mail-1@mairie-example.fr>"]
    ])
    expect(mails[1]?.text).toContain("Xq7-b2P-9rT")
    expect(mails[0]?.text).toContain("https://espace-citoyen.mairie-example.fr/mot-de-passe/nouveau?jeton=jeton-123")
    expect(mails[0]?.text).toContain("vendredi 27 mars 2026 à 10:00")
  })

  it("enqueues the confirmation link of a new e-mail address to that address, escaped in the HTML", async () => {
    const outbox = inMemoryMailOutbox()
    const clock = makeTestClock("2026-11-26T08:00:00Z")
    const notifications = accountNotificationsByMail({
      sender: aSender,
      messageIdDomain: "mairie-example.fr",
      passwordResetLink: (token) => `${aSender.portalUrl}/mot-de-passe/nouveau?jeton=${token}`
    }).pipe(Layer.provide(Layer.mergeAll(outbox, sequentialIds(), clock.layer)))
    const link = `${aSender.portalUrl}/mon-espace/coordonnees/confirmation/eyJhIjoxfQ.sig?x=1&y=<2>`
    const mails = await Effect.runPromise(
      Effect.gen(function* () {
        const n = yield* AccountNotifications
        yield* n.sendEmailConfirmationLink({
          accountId: AccountId.make("acc-1"),
          email: AccountEmail.make("anne.concerto@exemple.fr"),
          link,
          expiresAt: Instant.unsafe("2026-11-28T08:00:00Z")
        })
        return yield* (yield* MailOutbox).list({})
      }).pipe(Effect.provide(Layer.merge(notifications, outbox)))
    )
    expect(mails.map((m) => [m.kind, m.to, m.subject])).toEqual([["email-change", "anne.concerto@exemple.fr", "Confirmez votre nouvelle adresse e-mail"]])
    expect(mails[0]?.text).toContain(link)
    expect(mails[0]?.text).toContain("samedi 28 novembre 2026 à 09:00")
    expect(mails[0]?.html).toContain("y=&lt;2&gt;")
    expect(mails[0]?.html).not.toContain("<2>")
  })
})
