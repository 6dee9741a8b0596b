import { Effect, Option, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import { Account, normalizeEmail, normalizeLogin } from "./Account.js"
import { AccountNotifications } from "./AccountNotifications.js"
import { AccountRepository } from "./AccountRepository.js"
import { revokeAllApiKeysOf } from "./ApiKeyUseCases.js"
import { Digest, Sha256Hex } from "./Digest.js"
import { LoginFailureLog } from "./LoginFailureLog.js"
import { PasswordHasher } from "./PasswordHasher.js"
import { checkPasswordStrength, defaultPasswordRules, type PasswordRules } from "./PasswordRules.js"
import { PasswordResetLinkInvalid, checkPasswordResetToken, issuePasswordResetToken } from "./PasswordResetToken.js"
import { PasswordResetTokenRepository } from "./PasswordResetTokenRepository.js"
import { SecretGenerator } from "./SecretGenerator.js"
import { hexOf, resetTokenBytes } from "./Secrets.js"

/**
 * The one answer to "J'ai oublié mon mot de passe", whether or not an account matched: nothing in
 * it tells whether an identifier or an address exists.
 */
export class PasswordResetRequested extends Schema.TaggedClass<PasswordResetRequested>()("PasswordResetRequested", {}) {
  get notice(): string {
    return "Si un compte correspond à ce que vous avez saisi, un lien pour choisir un nouveau mot de passe vient d'être envoyé à son adresse e-mail. Ce lien fonctionne une seule fois, pendant une heure."
  }
}

/**
 * "J'ai oublié mon mot de passe": for each active account whose identifier or e-mail is what was
 * typed, issues a single-use token valid one hour (random bytes from `SecretGenerator`, stored as its
 * SHA-256 only) and mails the link. Always answers `PasswordResetRequested`.
 */
export const requestPasswordReset = (input: { readonly identifierOrEmail: string }) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const tokens = yield* PasswordResetTokenRepository
    const secrets = yield* SecretGenerator
    const digest = yield* Digest
    const notifications = yield* AccountNotifications
    const now = yield* (yield* Clock).now
    const byLogin = yield* accounts.findByLogin(normalizeLogin(input.identifierOrEmail))
    const byEmail = input.identifierOrEmail.includes("@")
      ? yield* accounts.findByEmail(normalizeEmail(input.identifierOrEmail))
      : []
    const matched = new Map<string, Account>()
    for (const account of [...Option.toArray(byLogin), ...byEmail]) matched.set(account.id, account)
    for (const account of matched.values()) {
      if (account.email === undefined || account.disabledAt !== undefined) continue
      const token = hexOf(yield* secrets.randomBytes(resetTokenBytes))
      const issued = issuePasswordResetToken(account.id, Sha256Hex.make(yield* digest.sha256Hex(token)), now)
      yield* tokens.save(issued)
      yield* notifications.sendPasswordResetLink({ accountId: account.id, email: account.email, token, expiresAt: issued.expiresAt })
    }
    return new PasswordResetRequested()
  })

/**
 * Sets a new password through a reset link: the token must be known, unused and less than an hour
 * old; the password must pass the rules (checked before the link is used up, so a refused password
 * does not waste it). Marks the token used atomically, revokes the account's other links and its
 * API keys, forgets its failed logins.
 */
export const resetPassword = (input: { readonly token: string; readonly newPassword: string }, rules: PasswordRules = defaultPasswordRules) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const tokens = yield* PasswordResetTokenRepository
    const digest = yield* Digest
    const hasher = yield* PasswordHasher
    const failures = yield* LoginFailureLog
    const now = yield* (yield* Clock).now
    const tokenHash = Sha256Hex.make(yield* digest.sha256Hex(input.token.trim()))
    const found = yield* tokens.findByHash(tokenHash)
    const token = yield* checkPasswordResetToken(Option.getOrUndefined(found), now)
    const account = yield* accounts.get(token.accountId).pipe(
      Effect.catchTag("AccountNotFound", () => Effect.fail(new PasswordResetLinkInvalid({ problem: "unknown" })))
    )
    yield* checkPasswordStrength(input.newPassword, account.login, rules)
    if (!(yield* tokens.markUsed(tokenHash, now))) return yield* Effect.fail(new PasswordResetLinkInvalid({ problem: "used" }))
    const updated = new Account({ ...account, passwordHash: yield* hasher.hash(input.newPassword), credentialsChangedAt: now })
    yield* accounts.save(updated)
    yield* tokens.revokeAllFor(account.id, now)
    yield* revokeAllApiKeysOf(account.id)
    yield* failures.clearIdentifier(account.login)
    return updated
  })
