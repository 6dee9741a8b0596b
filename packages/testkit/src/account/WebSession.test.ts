import {
  AccountId,
  endWebSession,
  Instant,
  resumeWebSession,
  Sha256Hex,
  startWebSession,
  WebSessionSettings,
  webSessionExpiry,
  WebSessionStore
} from "@spe/core"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { makeTestClock } from "../TestClock.js"
import { inMemoryWebSessionStore } from "./InMemoryWebSessionStore.js"
import { nodeDigest, sha256HexSync } from "./NodeDigest.js"
import { seededSecretGenerator } from "./SeededSecretGenerator.js"
import { webSessionStoreContract } from "./WebSessionStoreContract.js"

webSessionStoreContract("in memory", () => inMemoryWebSessionStore())

const settings = new WebSessionSettings({ idleMinutes: 30, absoluteMinutes: 120 })
const anne = AccountId.make("acc-anne")

const world = () => {
  const clock = makeTestClock("2026-03-27T08:00:00Z")
  const layer = Layer.mergeAll(clock.layer, seededSecretGenerator(), nodeDigest(), inMemoryWebSessionStore())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  return { clock, run }
}

describe("portal sessions", () => {
  it("expire after the idle limit, never after the absolute limit", () => {
    const created = Instant.unsafe("2026-03-27T08:00:00Z")
    expect(webSessionExpiry(created, created, settings)).toBe(Instant.plusMinutes(created, 30))
    expect(webSessionExpiry(created, Instant.plusMinutes(created, 100), settings)).toBe(Instant.plusMinutes(created, 120))
  })

  it("store only the SHA-256 of the token, and give a fresh token and CSRF token to each login", async () => {
    const w = world()
    const [first, second] = await w.run(Effect.all([
      startWebSession({ accountId: anne, mustChangeCredentials: true }, settings),
      startWebSession({ accountId: anne, mustChangeCredentials: true }, settings)
    ]))
    expect(first.token).toMatch(/^[0-9a-f]{64}$/)
    expect(first.session.idHash).toBe(sha256HexSync(first.token))
    expect(first.token).not.toBe(second.token)
    expect(first.session.csrfToken).not.toBe(second.session.csrfToken)
    expect(first.session.mustChangeCredentials).toBe(true)
    const stored = await w.run(Effect.flatMap(WebSessionStore, (s) => s.get(Sha256Hex.make(sha256HexSync(first.token)))))
    expect(Option.getOrThrow(stored)).toEqual(first.session)
  })

  it("are resumed while active, extended by activity, and gone after the idle limit", async () => {
    const w = world()
    const { token } = await w.run(startWebSession({ accountId: anne, mustChangeCredentials: false }, settings))
    w.clock.advanceMinutes(20)
    const resumed = Option.getOrThrow(await w.run(resumeWebSession(token, settings)))
    expect(resumed.expiresAt).toBe(Instant.plusMinutes(w.clock.now(), 30))
    w.clock.advanceMinutes(29)
    expect(Option.isSome(await w.run(resumeWebSession(token, settings)))).toBe(true)
    w.clock.advanceMinutes(31)
    expect(Option.isNone(await w.run(resumeWebSession(token, settings)))).toBe(true)
  })

  it("end at the absolute limit however active, and at logout; a malformed or unknown token finds nothing", async () => {
    const w = world()
    const { token } = await w.run(startWebSession({ accountId: anne, mustChangeCredentials: false }, settings))
    for (let i = 0; i < 4; i++) {
      w.clock.advanceMinutes(25)
      expect(Option.isSome(await w.run(resumeWebSession(token, settings)))).toBe(true)
    }
    w.clock.advanceMinutes(20)
    expect(Option.isNone(await w.run(resumeWebSession(token, settings)))).toBe(true)
    const other = await w.run(startWebSession({ accountId: anne, mustChangeCredentials: false }, settings))
    await w.run(endWebSession(other.token))
    expect(Option.isNone(await w.run(resumeWebSession(other.token, settings)))).toBe(true)
    expect(Option.isNone(await w.run(resumeWebSession("not-a-token", settings)))).toBe(true)
    expect(Option.isNone(await w.run(resumeWebSession("0".repeat(64), settings)))).toBe(true)
  })
})
