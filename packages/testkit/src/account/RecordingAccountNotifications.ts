import { AccountNotifications, type EmailConfirmationMail, type PasswordResetMail, type TemporaryCredentialsMail } from "@spe/core"
import { Effect, Layer } from "effect"

/** The account mails "sent", kept for the test to read. */
export interface RecordingAccountNotifications {
  readonly layer: Layer.Layer<AccountNotifications>
  readonly temporaryCredentials: ReadonlyArray<TemporaryCredentialsMail>
  readonly passwordResetLinks: ReadonlyArray<PasswordResetMail>
  /** The confirmation links of new e-mail addresses, oldest first. */
  readonly emailConfirmationLinks: ReadonlyArray<EmailConfirmationMail>
}

/** Account notifications that record each mail instead of sending it. */
export function recordingAccountNotifications(): RecordingAccountNotifications {
  const temporaryCredentials: Array<TemporaryCredentialsMail> = []
  const passwordResetLinks: Array<PasswordResetMail> = []
  const emailConfirmationLinks: Array<EmailConfirmationMail> = []
  return {
    layer: Layer.succeed(AccountNotifications, {
      sendTemporaryCredentials: (mail) => Effect.sync(() => void temporaryCredentials.push(mail)),
      sendPasswordResetLink: (mail) => Effect.sync(() => void passwordResetLinks.push(mail)),
      sendEmailConfirmationLink: (mail) => Effect.sync(() => void emailConfirmationLinks.push(mail))
    }),
    temporaryCredentials,
    passwordResetLinks,
    emailConfirmationLinks
  }
}
