import { Context, type Effect, Schema } from "effect"
import { type OutgoingMail, OutgoingMailId } from "./OutgoingMail.js"

/** The mail could not be handed to the mail server (refused, unreachable, timed out). */
export class MailTransportFailed extends Schema.TaggedError<MailTransportFailed>()("MailTransportFailed", {
  mailId: OutgoingMailId,
  reason: Schema.String
}) {
  override get message(): string {
    return `L'envoi du courriel ${this.mailId} a échoué : ${this.reason}`
  }
}

/**
 * Hands one mail to the outside world (an SMTP server, the dev mailbox). It must set the
 * message's `Message-ID` header to `mail.messageId`, so that a mail sent twice after a crash is
 * recognised as the same message.
 */
export class MailTransport extends Context.Tag("@spe/core/MailTransport")<
  MailTransport,
  {
    readonly send: (mail: OutgoingMail) => Effect.Effect<void, MailTransportFailed>
  }
>() {}
