import { hash, verify } from "@node-rs/argon2"
import { PasswordHasher } from "@spe/core"
import { Effect, Layer } from "effect"

/** The cost of an argon2id hash: OWASP's recommendation (19 MiB, 2 passes, 1 lane). */
export interface Argon2Cost {
  readonly memoryCost: number
  readonly timeCost: number
  readonly parallelism: number
}

/** `Algorithm.Argon2id` of @node-rs/argon2 (an ambient const enum, which isolated modules cannot read). */
const ARGON2ID = 2

/** OWASP's minimum for argon2id: m=19 MiB, t=2, p=1. */
export const owaspArgon2Cost: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

/**
 * The `PasswordHasher` port with argon2id (`@node-rs/argon2`, computed off the main thread): PHC
 * strings `$argon2id$v=19$m=…,t=…,p=…$salt$hash` with a random 16-byte salt. A hash it cannot read
 * verifies nothing.
 */
export function argon2PasswordHasher(cost: Argon2Cost = owaspArgon2Cost): Layer.Layer<PasswordHasher> {
  return Layer.succeed(PasswordHasher, {
    hash: (password) => Effect.promise(() => hash(password, { algorithm: ARGON2ID, ...cost })),
    verify: (password, phc) =>
      phc.startsWith("$argon2")
        ? Effect.promise(() => verify(phc, password).catch(() => false))
        : Effect.succeed(false)
  })
}
