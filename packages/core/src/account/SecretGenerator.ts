import { Context, type Effect } from "effect"

/**
 * Where random bytes come from (a cryptographic generator in production, a seeded one in tests).
 * Temporary passwords, reset tokens and readable codes are all drawn from it.
 */
export class SecretGenerator extends Context.Tag("@spe/core/SecretGenerator")<
  SecretGenerator,
  {
    /** `count` random bytes. */
    readonly randomBytes: (count: number) => Effect.Effect<Uint8Array>
  }
>() {}
