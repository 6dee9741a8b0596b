import { PasswordResetToken, PasswordResetTokenRepository } from "@spe/core"
import { Effect, Layer, Option } from "effect"

/** Reset tokens kept in a map by hash; each call gives a fresh store. */
export function inMemoryPasswordResetTokenRepository(): Layer.Layer<PasswordResetTokenRepository> {
  const tokens = new Map<string, PasswordResetToken>()
  return Layer.succeed(PasswordResetTokenRepository, {
    save: (token) => Effect.sync(() => void tokens.set(token.tokenHash, token)),
    findByHash: (tokenHash) => Effect.sync(() => Option.fromNullable(tokens.get(tokenHash))),
    markUsed: (tokenHash, at) =>
      Effect.sync(() => {
        const token = tokens.get(tokenHash)
        if (token === undefined || token.usedAt !== undefined) return false
        tokens.set(tokenHash, new PasswordResetToken({ ...token, usedAt: at }))
        return true
      }),
    revokeAllFor: (accountId, at) =>
      Effect.sync(() => {
        for (const token of tokens.values()) {
          if (token.accountId === accountId && token.usedAt === undefined) {
            tokens.set(token.tokenHash, new PasswordResetToken({ ...token, usedAt: at }))
          }
        }
      })
  })
}
