import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import { MailContent, messageIdFor, newOutgoingMail, OutgoingMailId } from "../../src/notification/OutgoingMail.js"

const NOW = Instant.unsafe("2026-03-27T08:00:00Z")
const content = new MailContent({ subject: "Objet", text: "Texte", html: "<p>Texte</p>" })

describe("OutgoingMail", () => {
  it("is pending, due at once, with a Message-ID made of its id and the domain", () => {
    const mail = Either.getOrThrow(
      newOutgoingMail({ id: OutgoingMailId.make("mail-1"), domain: "mairie.example.fr", draft: { to: "famille@example.fr", kind: "activation", content }, now: NOW })
    )
    expect(mail.messageId).toBe("<mail-1@mairie.example.fr>")
    expect(messageIdFor(mail.id, "mairie.example.fr")).toBe(mail.messageId)
    expect([mail.status, mail.attempts, mail.nextAttemptAt, mail.createdAt]).toEqual(["pending", 0, NOW, NOW])
    expect([mail.subject, mail.text, mail.html, mail.kind]).toEqual(["Objet", "Texte", "<p>Texte</p>", "activation"])
  })

  it("refuses an address that is not one, saying what to write", () => {
    const refused = newOutgoingMail({ id: OutgoingMailId.make("mail-2"), domain: "mairie.fr", draft: { to: "famille\n@x", kind: "activation", content }, now: NOW })
    expect(Either.isLeft(refused)).toBe(true)
    if (Either.isLeft(refused)) {
      expect(refused.left._tag).toBe("InvalidInput")
      expect(refused.left.message).toContain("nom@exemple.fr")
    }
  })

  it("refuses a subject on two lines and a domain that would break the Message-ID", () => {
    expect(() => new MailContent({ subject: "a\r\nBcc: x@y.fr", text: "", html: "" })).toThrow()
    const badDomain = newOutgoingMail({ id: OutgoingMailId.make("mail-3"), domain: "mairie.fr> x", draft: { to: "a@b.fr", kind: "activation", content }, now: NOW })
    expect(Either.isLeft(badDomain)).toBe(true)
  })
})
