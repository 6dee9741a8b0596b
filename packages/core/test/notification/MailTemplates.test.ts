import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { escapeHtml } from "../../src/notification/MailLayout.js"
import {
  activationMail,
  emailChangeMail,
  holidayBookingConfirmationMail,
  invoiceIssuedMail,
  passwordResetMail,
  paymentReceiptMail,
  requestStatusChangedMail,
  waitlistOfferMail
} from "../../src/notification/MailTemplates.js"
import type { MailContent } from "../../src/notification/OutgoingMail.js"
import { SenderIdentity } from "../../src/notification/SenderIdentity.js"

const town = new SenderIdentity({
  townName: "Saint-Pierre-lès-Elbeuf",
  serviceName: "Service à la Population",
  address: "Place de la Mairie\n76320 Saint-Pierre-lès-Elbeuf",
  phone: "02 35 81 00 00",
  email: "population@mairie-example.fr",
  portalUrl: "https://espace-citoyen.mairie-example.fr"
})
const date = LocalDate.unsafe
const instant = Instant.unsafe

describe("mail composition", () => {
  it("gives the identifier and the temporary password of a new account", () => {
    const mail = activationMail(town, { recipientName: "Marie Durand", login: "durand.m", temporaryPassword: "Xq7-b2P-9rT" })
    expect(mail.subject).toBe("Votre espace citoyen de Saint-Pierre-lès-Elbeuf : vos identifiants")
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Bonjour Marie Durand,")
      expect(part).toContain("durand.m")
      expect(part).toContain("Xq7-b2P-9rT")
      expect(part).toContain("https://espace-citoyen.mairie-example.fr")
      expect(part).toContain("02 35 81 00 00")
    }
    expect(mail.html).toContain('<html lang="fr">')
  })

  it("says until when a password-reset link works, in Paris time", () => {
    const mail = passwordResetMail(town, { link: "https://espace-citoyen.mairie-example.fr/reinitialiser?jeton=abc", expiresAt: instant("2026-03-27T17:30:00Z") })
    expect(mail.text).toContain("Bonjour,")
    expect(mail.text).toContain("vendredi 27 mars 2026 à 18:30")
    expect(mail.html).toContain('href="https://espace-citoyen.mairie-example.fr/reinitialiser?jeton=abc"')
    expect(mail.text).toContain("Ignorez ce message")
  })

  it("asks to confirm a new e-mail address", () => {
    const mail = emailChangeMail(town, { newEmail: "nouvelle@example.fr", link: "https://x.fr/confirmer?jeton=1", expiresAt: instant("2026-07-01T10:00:00Z") })
    expect(mail.subject).toBe("Confirmez votre nouvelle adresse e-mail")
    expect(mail.text).toContain("nouvelle@example.fr")
    expect(mail.text).toContain("mercredi 1er juillet 2026 à 12:00")
  })

  it("quotes the agent's message when a request changes status", () => {
    const mail = requestStatusChangedMail(town, {
      recipientName: "M. Martin",
      requestLabel: "Mise à jour du quotient familial",
      requestReference: "D-2026-0042",
      statusLabel: "Informations complémentaires demandées",
      changedAt: instant("2026-01-15T09:05:00Z"),
      agentMessage: "Merci de joindre votre avis d'imposition 2025.\nBonne journée.",
      link: "https://x.fr/demandes/D-2026-0042"
    })
    expect(mail.subject).toBe("Votre demande « Mise à jour du quotient familial » : Informations complémentaires demandées")
    expect(mail.text).toContain("> Merci de joindre votre avis d'imposition 2025.\n> Bonne journée.")
    expect(mail.html).toContain("Merci de joindre votre avis d&#39;imposition 2025.<br>Bonne journée.")
    expect(mail.text).toContain("jeudi 15 janvier 2026 à 10:05")
    const silent = requestStatusChangedMail(town, { requestLabel: "Inscription", statusLabel: "Acceptée", changedAt: instant("2026-01-15T09:05:00Z"), agentMessage: "  ", link: "https://x.fr" })
    expect(silent.text).not.toContain("Message du")
  })

  it("gives an invoice's number, amount in euros, due date and link", () => {
    const mail = invoiceIssuedMail(town, {
      invoiceNumber: "F-2026-000123",
      periodLabel: "Mars 2026",
      amount: Cents.cents(123_456),
      issueDate: date("2026-04-01"),
      dueDate: date("2026-04-30"),
      link: "https://x.fr/factures/F-2026-000123"
    })
    expect(mail.subject).toBe(`Nouvelle facture F-2026-000123 : 1\u202f234,56 €`)
    expect(mail.text).toContain("À payer avant le : jeudi 30 avril 2026")
    expect(mail.html).toContain("https://x.fr/factures/F-2026-000123")
  })

  it("gives a waiting-list offer's expiry", () => {
    const mail = waitlistOfferMail(town, {
      childName: "Léa",
      activityName: "Accueil du mercredi",
      sessionDate: date("2026-05-13"),
      expiresAt: instant("2026-05-11T16:00:00Z"),
      link: "https://x.fr/reservations"
    })
    expect(mail.subject).toBe("Une place s'est libérée pour Léa : Accueil du mercredi, mercredi 13 mai 2026")
    expect(mail.text).toContain("Réponse attendue avant le : lundi 11 mai 2026 à 18:00")
  })

  it("lists the invoices a payment settled", () => {
    const mail = paymentReceiptMail(town, {
      amount: Cents.cents(4_250),
      paidAt: instant("2026-04-02T12:00:00Z"),
      methodLabel: "Carte bancaire (PayFiP)",
      reference: "P-2026-0007",
      invoices: [{ invoiceNumber: "F-2026-000123", amount: Cents.cents(3_000) }, { invoiceNumber: "F-2026-000124", amount: Cents.cents(1_250) }],
      link: "https://x.fr/factures"
    })
    expect(mail.subject).toBe("Reçu de votre paiement de 42,50 €")
    expect(mail.text).toContain("Il règle les factures :")
    expect(mail.text).toContain("Facture F-2026-000124 : 12,50 €")
    expect(mail.text).toContain("jeudi 2 avril 2026 à 14:00")
  })

  it("confirms holiday weeks one by one", () => {
    const mail = holidayBookingConfirmationMail(town, {
      childName: "Noé",
      activityName: "Centre de loisirs été",
      weeks: [{ from: date("2026-07-06"), to: date("2026-07-10") }, { from: date("2026-07-13"), to: date("2026-07-17") }],
      cancellableUntil: instant("2026-06-26T10:00:00Z"),
      link: "https://x.fr/reservations"
    })
    expect(mail.subject).toBe("Réservation confirmée : Centre de loisirs été pour Noé")
    expect(mail.text).toContain("Semaine 1 : du lundi 6 juillet 2026 au vendredi 10 juillet 2026")
    expect(mail.text).toContain("Semaine 2 : du lundi 13 juillet 2026 au vendredi 17 juillet 2026")
    expect(mail.text).toContain("vendredi 26 juin 2026 à 12:00")
  })

  it("keeps a subject on one line whatever the data", () => {
    const mail = requestStatusChangedMail(town, { requestLabel: "a\r\nBcc: x@y.fr", statusLabel: "Acceptée", changedAt: instant("2026-01-15T09:05:00Z"), link: "https://x.fr" })
    expect(mail.subject).toBe("Votre demande « a Bcc: x@y.fr » : Acceptée")
  })

  it("escapes every HTML special character", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
  })

  it("never links to anything but http(s) or mailto", () => {
    const mail = passwordResetMail(town, { link: "javascript:alert(1)", expiresAt: instant("2026-03-27T17:30:00Z") })
    expect(mail.html).toContain('href="#"')
    expect(mail.html).not.toContain('href="javascript')
  })
})

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "Tom & Jerry", "O'Brien", "</p><p>", "<!--", "a\nb")
)
const text = hostile
const name = hostile.map((s) => s.trim() || "x")
const link = fc.oneof(fc.webUrl(), hostile, hostile.map((s) => `https://x.fr/${s}`))
const localDate = fc.integer({ min: LocalDate.toEpochDay(date("2020-01-01")), max: LocalDate.toEpochDay(date("2035-12-31")) }).map(LocalDate.fromEpochDay)
const anInstant = fc.integer({ min: Instant.toEpochMillis(instant("2020-01-01T00:00:00Z")), max: Instant.toEpochMillis(instant("2035-12-31T00:00:00Z")) }).map(Instant.fromEpochMillis)
const cents = fc.integer({ min: -10_000_000, max: 10_000_000 }).map(Cents.cents)
const recipient = fc.option(name, { nil: undefined })
const sender = fc.record({ townName: name, serviceName: name, address: text, phone: text, email: text, host: fc.domain() })
  .map(({ host, ...s }) => new SenderIdentity({ ...s, portalUrl: `https://${host}` }))

const optional = <K extends string, A>(key: K, arb: fc.Arbitrary<A>) =>
  fc.option(arb, { nil: undefined }).map((value) => (value === undefined ? {} : ({ [key]: value } as { [P in K]: A })))

const templates: ReadonlyArray<{ readonly kind: string; readonly compose: fc.Arbitrary<(s: SenderIdentity, clean: (x: string) => string) => MailContent> }> = [
  { kind: "activation", compose: fc.tuple(recipient, name, text, optional("loginUrl", link)).map(([r, login, pwd, url]) => (s, c) => activationMail(s, clean({ ...withName(r), login, temporaryPassword: pwd, ...url }, c))) },
  { kind: "password-reset", compose: fc.tuple(recipient, link, anInstant).map(([r, l, at]) => (s, c) => passwordResetMail(s, clean({ ...withName(r), link: l, expiresAt: at }, c))) },
  { kind: "email-change", compose: fc.tuple(recipient, text, link, anInstant).map(([r, e, l, at]) => (s, c) => emailChangeMail(s, clean({ ...withName(r), newEmail: e, link: l, expiresAt: at }, c))) },
  {
    kind: "request-status",
    compose: fc.tuple(recipient, text, optional("requestReference", text), text, anInstant, optional("agentMessage", text), link).map(
      ([r, label, ref, status, at, msg, l]) => (s, c) => requestStatusChangedMail(s, clean({ ...withName(r), requestLabel: label, ...ref, statusLabel: status, changedAt: at, ...msg, link: l }, c))
    )
  },
  {
    kind: "invoice-issued",
    compose: fc.tuple(recipient, text, optional("periodLabel", text), cents, localDate, localDate, link).map(
      ([r, n, p, a, i, d, l]) => (s, c) => invoiceIssuedMail(s, clean({ ...withName(r), invoiceNumber: n, ...p, amount: a, issueDate: i, dueDate: d, link: l }, c))
    )
  },
  {
    kind: "waitlist-offer",
    compose: fc.tuple(recipient, name, text, localDate, anInstant, link).map(
      ([r, child, act, d, at, l]) => (s, c) => waitlistOfferMail(s, clean({ ...withName(r), childName: child, activityName: act, sessionDate: d, expiresAt: at, link: l }, c))
    )
  },
  {
    kind: "payment-receipt",
    compose: fc.tuple(recipient, cents, anInstant, text, text, fc.array(fc.record({ invoiceNumber: text, amount: cents }), { maxLength: 4 }), link).map(
      ([r, a, at, m, ref, inv, l]) => (s, c) => paymentReceiptMail(s, clean({ ...withName(r), amount: a, paidAt: at, methodLabel: m, reference: ref, invoices: inv, link: l }, c))
    )
  },
  {
    kind: "holiday-booking",
    compose: fc.tuple(recipient, name, text, fc.array(fc.record({ from: localDate, to: localDate }), { minLength: 1, maxLength: 4 }), optional("cancellableUntil", anInstant), link).map(
      ([r, child, act, weeks, until, l]) => (s, c) => holidayBookingConfirmationMail(s, clean({ ...withName(r), childName: child, activityName: act, weeks, ...until, link: l }, c))
    )
  }
]

function withName(recipientName: string | undefined): { recipientName?: string } {
  return recipientName === undefined ? {} : { recipientName }
}

function clean<T>(value: T, c: (x: string) => string): T {
  if (typeof value === "string") return c(value) as T
  if (Array.isArray(value)) return value.map((v) => clean(v, c)) as T
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, c)])) as T
  return value
}

const neutralize = (s: string): string => s.replace(/[<>&"']/g, "x")
const identity = (s: string): string => s
const ltCount = (html: string): number => html.split("<").length - 1
const neutralSender = (s: SenderIdentity) =>
  new SenderIdentity({ townName: neutralize(s.townName), serviceName: neutralize(s.serviceName), address: neutralize(s.address), phone: neutralize(s.phone), email: neutralize(s.email), portalUrl: s.portalUrl })

describe("mail composition properties", () => {
  for (const { kind, compose } of templates) {
    test.prop([sender, compose])(`HTML never contains an unescaped < from user data (${kind})`, (s, make) => {
      const mail = make(s, identity)
      const neutral = make(neutralSender(s), neutralize)
      expect(ltCount(mail.html)).toBe(ltCount(neutral.html))
      expect(mail.html).not.toMatch(/<(script|img|!--)/i)
      expect(mail.subject).not.toMatch(/[\r\n]/)
    })
  }
})
