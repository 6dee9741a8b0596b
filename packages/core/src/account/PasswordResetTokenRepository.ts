import { Context, type Effect, type Option } from "effect"
import type { Instant } from "../shared/Instant.js"
import type { AccountId } from "../shared/Ids.js"
import type { Sha256Hex } from "./Digest.js"
import type { PasswordResetToken } from "./PasswordResetToken.js"

/** Where password-reset tokens are kept, by the hash of the token. */
export class PasswordResetTokenRepository extends Context.Tag("@spe/core/PasswordResetTokenRepository")<
  PasswordResetTokenRepository,
  {
    readonly save: (token: PasswordResetToken) => Effect.Effect<void>
    readonly findByHash: (tokenHash: Sha256Hex) => Effect.Effect<Option.Option<PasswordResetToken>>
    /**
     * Marks the token used at `at` if it was not used yet, atomically: true for the one caller that
     * marked it, false when it was already used or does not exist.
     */
    readonly markUsed: (tokenHash: Sha256Hex, at: Instant) => Effect.Effect<boolean>
    /** Marks every unused token of the account used at `at` (after a reset, older links stop working). */
    readonly revokeAllFor: (accountId: AccountId, at: Instant) => Effect.Effect<void>
  }
>() {}
