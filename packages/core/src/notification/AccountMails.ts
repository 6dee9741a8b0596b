import { Effect, Layer } from "effect"
import { AccountNotifications } from "../account/AccountNotifications.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { enqueueMail } from "./MailDelivery.js"
import { MailOutbox } from "./MailOutbox.js"
import { activationMail, emailChangeMail, passwordResetMail } from "./MailTemplates.js"
import type { MailContent, MailKind } from "./OutgoingMail.js"
import type { SenderIdentity } from "./SenderIdentity.js"

/** What the account mails need: who signs them, the Message-ID domain, and the reset page's link. */
export interface AccountMailSettings {
  readonly sender: SenderIdentity
  readonly messageIdDomain: string
  /** The page where a reset token is used, e.g. `(t) => \`${portal}/mot-de-passe/nouveau?jeton=${t}\``. */
  readonly passwordResetLink: (token: string) => string
}

/**
 * `AccountNotifications` through the mail outbox: the temporary credentials, the reset link and
 * the confirmation link of a new e-mail address are enqueued in the caller's transaction, then sent by the outbox worker.
 */
export const accountNotificationsByMail = (settings: AccountMailSettings) =>
  Layer.effect(
    AccountNotifications,
    Effect.gen(function* () {
      const outbox = yield* MailOutbox
      const ids = yield* IdGenerator
      const clock = yield* Clock
      const enqueue = (to: string, kind: MailKind, content: MailContent) =>
        Effect.flatMap(clock.now, (now) => enqueueMail({ to, kind, content }, settings.messageIdDomain, now)).pipe(
          Effect.provideService(MailOutbox, outbox),
          Effect.provideService(IdGenerator, ids),
          Effect.orDie,
          Effect.asVoid
        )
      return {
        sendTemporaryCredentials: (mail) =>
          enqueue(mail.email, "activation", activationMail(settings.sender, { login: mail.login, temporaryPassword: mail.temporaryPassword })),
        sendPasswordResetLink: (mail) =>
          enqueue(mail.email, "password-reset", passwordResetMail(settings.sender, { link: settings.passwordResetLink(mail.token), expiresAt: mail.expiresAt })),
        sendEmailConfirmationLink: (mail) =>
          enqueue(mail.email, "email-change", emailChangeMail(settings.sender, { newEmail: mail.email, link: mail.link, expiresAt: mail.expiresAt }))
      }
    })
  )
