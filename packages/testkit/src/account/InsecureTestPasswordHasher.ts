import { PasswordHasher } from "@spe/core"
import { Effect, Layer } from "effect"
import { sha256HexSync } from "./NodeDigest.js"

const prefix = "insecure-test-sha256"

/**
 * A FAST, INSECURE password hasher for tests only: salted SHA-256 (`insecure-test-sha256$salt$hex`),
 * salts from a counter. Never plain text, but far too fast for real passwords: production uses
 * argon2id.
 */
export function insecureTestPasswordHasher(): Layer.Layer<PasswordHasher> {
  let counter = 0
  const digestOf = (salt: string, password: string) => sha256HexSync(`${salt}:${password}`)
  return Layer.succeed(PasswordHasher, {
    hash: (password) =>
      Effect.sync(() => {
        counter += 1
        const salt = `s${counter.toString(36)}`
        return `${prefix}$${salt}$${digestOf(salt, password)}`
      }),
    verify: (password, hash) =>
      Effect.sync(() => {
        const [scheme, salt, digest] = hash.split("$")
        return scheme === prefix && salt !== undefined && digest !== undefined && digestOf(salt, password) === digest
      })
  })
}
