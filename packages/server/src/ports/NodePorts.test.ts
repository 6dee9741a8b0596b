import { Clock, IdGenerator, Instant, PasswordHasher } from "@spe/core"
import { digestContract, passwordHasherContract, secretGeneratorContract } from "@spe/testkit"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { argon2PasswordHasher } from "./Argon2PasswordHasher.js"
import { clockStartingAt, nodeCryptoDigest, nodeCryptoSecrets, randomIds, systemClock } from "./NodeCrypto.js"

passwordHasherContract("argon2id (@node-rs/argon2)", () => argon2PasswordHasher())
digestContract("node:crypto", () => nodeCryptoDigest)
secretGeneratorContract("node:crypto", () => nodeCryptoSecrets)

describe("the server's own ports", () => {
  it("hash with argon2id at OWASP's cost", async () => {
    const hash = await Effect.runPromise(Effect.provide(Effect.flatMap(PasswordHasher, (h) => h.hash("Girafe prune tambour 2026")), argon2PasswordHasher()))
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
  })

  it("draw random ids with their prefix, and read the system clock in UTC", async () => {
    const program = Effect.gen(function* () {
      const ids = yield* IdGenerator
      const clock = yield* Clock
      return { a: yield* ids.next("fac"), b: yield* ids.next("fac"), now: yield* clock.now }
    })
    const before = Date.now()
    const { a, b, now } = await Effect.runPromise(Effect.provide(program, Layer.merge(randomIds, systemClock)))
    expect(a).toMatch(/^fac-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a).not.toBe(b)
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before - 1)
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now())
  })

  it("start a clock at a given instant, then run it at the system clock's speed", async () => {
    const start = Instant.unsafe("2026-11-26T08:00:00.000Z")
    const readTwice = Effect.gen(function* () {
      const clock = yield* Clock
      const first = yield* clock.now
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 30)))
      return { first, second: yield* clock.now }
    })
    const { first, second } = await Effect.runPromise(Effect.provide(readTwice, clockStartingAt(start)))
    expect(Instant.toEpochMillis(first) - Instant.toEpochMillis(start)).toBeLessThan(60_000)
    expect(Instant.toEpochMillis(first)).toBeGreaterThanOrEqual(Instant.toEpochMillis(start))
    expect(Instant.toEpochMillis(second) - Instant.toEpochMillis(first)).toBeGreaterThanOrEqual(25)
  })
})
