import { Either, Schema } from "effect"
import * as Instant from "../shared/Instant.js"
import { AccountId } from "../shared/Ids.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Sha256Hex } from "./Digest.js"

/** How long a password-reset link works: one hour. */
export const passwordResetValidityMinutes = 60

/**
 * A password-reset link sent by mail. Only the SHA-256 of its token is kept, so a copy of the
 * database cannot be used to reset a password; it works once, until `expiresAt`.
 */
export class PasswordResetToken extends Schema.Class<PasswordResetToken>("PasswordResetToken")({
  tokenHash: Sha256Hex,
  accountId: AccountId,
  issuedAt: Instant.Instant,
  expiresAt: Instant.Instant,
  usedAt: Schema.optional(Instant.Instant)
}) {}

/** A new reset token for an account, issued `now`, valid one hour (or `validityMinutes`). */
export function issuePasswordResetToken(
  accountId: AccountId,
  tokenHash: Sha256Hex,
  now: Instant.Instant,
  validityMinutes: number = passwordResetValidityMinutes
): PasswordResetToken {
  return new PasswordResetToken({ tokenHash, accountId, issuedAt: now, expiresAt: Instant.plusMinutes(now, validityMinutes) })
}

/** Why a reset link does not work. */
export const ResetLinkProblem = Schema.Literal("unknown", "used", "expired").annotations({ identifier: "ResetLinkProblem" })
export type ResetLinkProblem = typeof ResetLinkProblem.Type

/** The password-reset link is unknown, already used or expired. */
export class PasswordResetLinkInvalid extends Schema.TaggedError<PasswordResetLinkInvalid>()("PasswordResetLinkInvalid", {
  problem: ResetLinkProblem,
  expiredAt: Schema.optional(Instant.Instant)
}) {
  override get message(): string {
    const again = "Demandez un nouveau lien avec « J'ai oublié mon mot de passe »."
    switch (this.problem) {
      case "unknown":
        return `Ce lien de réinitialisation du mot de passe n'est pas valable (il a peut-être été mal copié). ${again}`
      case "used":
        return `Ce lien de réinitialisation du mot de passe a déjà servi : chaque lien ne fonctionne qu'une fois. ${again}`
      case "expired":
        return `Ce lien de réinitialisation du mot de passe ne fonctionnait qu'une heure${
          this.expiredAt === undefined ? "" : `, jusqu'au ${ParisTime.formatFr(this.expiredAt)}`
        }. ${again}`
    }
  }
}

/**
 * Whether a reset token (looked up by the hash of the token in the link) may be used `now`:
 * it must exist, be unused, and `now` must be before its expiry.
 */
export function checkPasswordResetToken(
  token: PasswordResetToken | undefined,
  now: Instant.Instant
): Either.Either<PasswordResetToken, PasswordResetLinkInvalid> {
  if (token === undefined) return Either.left(new PasswordResetLinkInvalid({ problem: "unknown" }))
  if (token.usedAt !== undefined) return Either.left(new PasswordResetLinkInvalid({ problem: "used" }))
  if (!Instant.isBefore(now, token.expiresAt)) {
    return Either.left(new PasswordResetLinkInvalid({ problem: "expired", expiredAt: token.expiresAt }))
  }
  return Either.right(token)
}
