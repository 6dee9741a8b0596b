import { Context, type Effect } from "effect"
import type { Instant } from "../shared/Instant.js"
import type { AccountId } from "../shared/Ids.js"
import type { AccountEmail } from "./Account.js"

/** The identifier and temporary password of an account the town created, to send by mail. */
export interface TemporaryCredentialsMail {
  readonly accountId: AccountId
  readonly email: AccountEmail
  readonly login: string
  readonly temporaryPassword: string
}

/** A password-reset link to send: the token goes in the link, the core keeps only its hash. */
export interface PasswordResetMail {
  readonly accountId: AccountId
  readonly email: AccountEmail
  readonly token: string
  readonly expiresAt: Instant
}

/**
 * A link confirming a new e-mail address, sent to that new address: the change applies only once
 * the link is followed, before `expiresAt`.
 */
export interface EmailConfirmationMail {
  readonly accountId: AccountId
  /** The new address, where the mail goes. */
  readonly email: AccountEmail
  /** The whole link to follow (the portal signs it). */
  readonly link: string
  readonly expiresAt: Instant
}

/** The mails the account module sends (through the mail outbox in production). */
export class AccountNotifications extends Context.Tag("@spe/core/AccountNotifications")<
  AccountNotifications,
  {
    readonly sendTemporaryCredentials: (mail: TemporaryCredentialsMail) => Effect.Effect<void>
    readonly sendPasswordResetLink: (mail: PasswordResetMail) => Effect.Effect<void>
    readonly sendEmailConfirmationLink: (mail: EmailConfirmationMail) => Effect.Effect<void>
  }
>() {}
