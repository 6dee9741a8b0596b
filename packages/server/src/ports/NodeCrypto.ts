import { createHash, randomBytes, randomUUID } from "node:crypto"
import { Clock, Digest, IdGenerator, Instant, SecretGenerator } from "@spe/core"
import { Effect, Layer } from "effect"

/** The `Digest` port with node:crypto: SHA-256 as lower-case hex, strings as UTF-8. */
export const nodeCryptoDigest: Layer.Layer<Digest> = Layer.succeed(Digest, {
  sha256Hex: (data) => Effect.sync(() => createHash("sha256").update(data).digest("hex"))
})

/** The `SecretGenerator` port with node:crypto's cryptographic generator. */
export const nodeCryptoSecrets: Layer.Layer<SecretGenerator> = Layer.succeed(SecretGenerator, {
  randomBytes: (count) => Effect.sync(() => new Uint8Array(randomBytes(count)))
})

/** The `IdGenerator` port: `<prefix>-<random UUID>`, unique across installations. */
export const randomIds: Layer.Layer<IdGenerator> = Layer.succeed(IdGenerator, {
  next: (prefix) => Effect.sync(() => `${prefix}-${randomUUID()}`)
})

/** The `Clock` port on the system clock, as an ISO UTC instant. */
export const systemClock: Layer.Layer<Clock> = Layer.succeed(Clock, {
  now: Effect.sync(() => Instant.fromEpochMillis(Date.now()))
})

/** A `Clock` that shows `start` when the layer is built, then runs at the system clock's speed. */
export const clockStartingAt = (start: Instant.Instant): Layer.Layer<Clock> =>
  Layer.sync(Clock, () => {
    const offset = Instant.toEpochMillis(start) - Date.now()
    return { now: Effect.sync(() => Instant.fromEpochMillis(Date.now() + offset)) }
  })
