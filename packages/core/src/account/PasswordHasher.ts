import { Context, type Effect } from "effect"

/**
 * Turns passwords into slow salted hashes and checks them (argon2id in production). The core never
 * keeps or compares a password itself.
 */
export class PasswordHasher extends Context.Tag("@spe/core/PasswordHasher")<
  PasswordHasher,
  {
    /** A new salted hash of the password; two hashes of the same password differ. */
    readonly hash: (password: string) => Effect.Effect<string>
    /** Whether the password is the one hashed; false for a hash this hasher cannot read. */
    readonly verify: (password: string, hash: string) => Effect.Effect<boolean>
  }
>() {}
