import { type Either, Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { type InvalidInput, validate } from "../shared/Validation.js"

/** Identifier of a mail in the outbox. */
export const OutgoingMailId = Schema.NonEmptyTrimmedString.pipe(
  Schema.maxLength(64),
  Schema.pattern(/^[A-Za-z0-9._-]+$/, {
    message: () => "L'identifiant d'un courriel ne contient que des lettres, des chiffres, « . », « _ » et « - »."
  }),
  Schema.brand("OutgoingMailId"),
  Schema.annotations({ identifier: "OutgoingMailId" })
)
export type OutgoingMailId = typeof OutgoingMailId.Type

/** An e-mail address a mail can be sent to: `nom@exemple.fr`, on one line. */
export const MailAddress = Schema.String.pipe(
  Schema.pattern(/^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/, {
    message: () => "L'adresse e-mail doit avoir la forme nom@exemple.fr."
  }),
  Schema.maxLength(254),
  Schema.annotations({ identifier: "MailAddress" })
)

/** The RFC 5322 Message-ID of a mail, `<id@domain>`: the same on every sending of the mail. */
export const MessageId = Schema.String.pipe(
  Schema.pattern(/^<[A-Za-z0-9._-]+@[A-Za-z0-9.-]+>$/, {
    message: () => "Un Message-ID s'écrit <identifiant@domaine>."
  }),
  Schema.annotations({ identifier: "MessageId" })
)

/** What a mail is about; the dev viewer filters on it. */
export const MailKind = Schema.Literal(
  "activation",
  "password-reset",
  "email-change",
  "request-status",
  "invoice-issued",
  "waitlist-offer",
  "payment-receipt",
  "holiday-booking"
).annotations({ identifier: "MailKind" })
export type MailKind = typeof MailKind.Type

/** Where a mail is: waiting to leave (first time or retry), sent, or given up after its last attempt. */
export const MailStatus = Schema.Literal("pending", "sent", "failed").annotations({ identifier: "MailStatus" })
export type MailStatus = typeof MailStatus.Type

/** What a mail says: a one-line subject, a plain-text body and the same body in HTML. */
export class MailContent extends Schema.Class<MailContent>("MailContent")({
  subject: Schema.String.pipe(Schema.pattern(/^[^\r\n]*$/, { message: () => "L'objet d'un courriel tient sur une ligne." })),
  text: Schema.String,
  html: Schema.String
}) {}

/**
 * A mail in the outbox. It is written in the same transaction as the change that caused it, then
 * sent by the worker: `attempts` counts the times it was claimed for sending, `nextAttemptAt` is
 * when it may be claimed again while `pending`, `lastError` says why the last attempt failed.
 */
export class OutgoingMail extends Schema.Class<OutgoingMail>("OutgoingMail")({
  id: OutgoingMailId,
  messageId: MessageId,
  to: MailAddress,
  subject: MailContent.fields.subject,
  text: Schema.String,
  html: Schema.String,
  kind: MailKind,
  createdAt: Instant,
  status: MailStatus,
  attempts: Schema.Int.pipe(Schema.nonNegative()),
  nextAttemptAt: Instant,
  lastError: Schema.optional(Schema.String),
  sentAt: Schema.optional(Instant)
}) {}

/** What a use case asks to send: to whom, what kind of mail, what it says. */
export interface MailDraft {
  readonly to: string
  readonly kind: MailKind
  readonly content: MailContent
}

/**
 * The Message-ID of a mail, from its outbox id and the sending domain. Assigned once, at
 * enqueue: a mail sent again after a crash carries the same one, so mail clients fold the copies.
 *
 * @example
 * messageIdFor(OutgoingMailId.make("mail-42"), "mairie-exemple.fr") // "<mail-42@mairie-exemple.fr>"
 */
export const messageIdFor = (id: OutgoingMailId, domain: string): string => `<${id}@${domain}>`

const validateMail = validate(OutgoingMail, "Courriel à envoyer")

/** A new pending mail, due at once; refused when the address, the domain or the subject is not valid. */
export function newOutgoingMail(input: {
  readonly id: OutgoingMailId
  readonly domain: string
  readonly draft: MailDraft
  readonly now: Instant
}): Either.Either<OutgoingMail, InvalidInput> {
  return validateMail({
    id: input.id,
    messageId: messageIdFor(input.id, input.domain),
    to: input.draft.to,
    subject: input.draft.content.subject,
    text: input.draft.content.text,
    html: input.draft.content.html,
    kind: input.draft.kind,
    createdAt: input.now,
    status: "pending",
    attempts: 0,
    nextAttemptAt: input.now
  })
}
