import { AccountId, Instant, Sha256Hex, WebSession, WebSessionStore } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<WebSessionStore>> | Layer.Layer<WebSessionStore>

const hash = (c: string) => Sha256Hex.make(c.repeat(64))
const t = (minute: number) => Instant.plusMinutes(Instant.unsafe("2026-03-27T08:00:00Z"), minute)

const aSession = (idHash: Sha256Hex, accountId: string, expiresAtMinute = 30, mustChangeCredentials = false) =>
  new WebSession({
    idHash,
    accountId: AccountId.make(accountId),
    csrfToken: "c".repeat(64),
    createdAt: t(0),
    lastSeenAt: t(0),
    expiresAt: t(expiresAtMinute),
    mustChangeCredentials
  })

/**
 * The behaviour every `WebSessionStore` adapter must have: sessions found by id hash as saved,
 * touched (last activity and expiry), deleted one by one, all of an account's at once, and the
 * expired ones (at or before `now`) purged.
 */
export function webSessionStoreContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, WebSessionStore>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`WebSessionStore contract: ${name}`, () => {
    it("gives back a created session by its id hash, every field intact, nothing for another hash", async () => {
      const session = aSession(hash("a"), "acc-anne", 30, true)
      const result = await run(Effect.gen(function* () {
        const store = yield* WebSessionStore
        yield* store.create(session)
        return { found: yield* store.get(hash("a")), missing: yield* store.get(hash("b")) }
      }))
      expect(Option.getOrUndefined(result.found)).toEqual(session)
      expect(Option.isNone(result.missing)).toBe(true)
    })

    it("touches a session: new last activity and expiry, the rest unchanged; an unknown hash is ignored", async () => {
      const result = await run(Effect.gen(function* () {
        const store = yield* WebSessionStore
        yield* store.create(aSession(hash("a"), "acc-anne"))
        yield* store.touch(hash("a"), t(10), t(40))
        yield* store.touch(hash("b"), t(10), t(40))
        return { a: yield* store.get(hash("a")), b: yield* store.get(hash("b")) }
      }))
      expect(Option.getOrThrow(result.a)).toEqual(new WebSession({ ...aSession(hash("a"), "acc-anne"), lastSeenAt: t(10), expiresAt: t(40) }))
      expect(Option.isNone(result.b)).toBe(true)
    })

    it("deletes one session, and deleting an unknown one is harmless", async () => {
      const result = await run(Effect.gen(function* () {
        const store = yield* WebSessionStore
        yield* store.create(aSession(hash("a"), "acc-anne"))
        yield* store.create(aSession(hash("b"), "acc-anne"))
        yield* store.delete(hash("a"))
        yield* store.delete(hash("c"))
        return { a: yield* store.get(hash("a")), b: yield* store.get(hash("b")) }
      }))
      expect(Option.isNone(result.a)).toBe(true)
      expect(Option.isSome(result.b)).toBe(true)
    })

    it("deletes every session of an account, and only of that account, answering how many", async () => {
      const result = await run(Effect.gen(function* () {
        const store = yield* WebSessionStore
        yield* store.create(aSession(hash("a"), "acc-anne"))
        yield* store.create(aSession(hash("b"), "acc-anne"))
        yield* store.create(aSession(hash("c"), "acc-paul"))
        const deleted = yield* store.deleteAllForAccount(AccountId.make("acc-anne"))
        const none = yield* store.deleteAllForAccount(AccountId.make("acc-nobody"))
        return { deleted, none, a: yield* store.get(hash("a")), b: yield* store.get(hash("b")), c: yield* store.get(hash("c")) }
      }))
      expect([result.deleted, result.none]).toEqual([2, 0])
      expect([Option.isNone(result.a), Option.isNone(result.b), Option.isSome(result.c)]).toEqual([true, true, true])
    })

    it("purges the sessions expired at or before an instant, keeps the others", async () => {
      const result = await run(Effect.gen(function* () {
        const store = yield* WebSessionStore
        yield* store.create(aSession(hash("a"), "acc-anne", 10))
        yield* store.create(aSession(hash("b"), "acc-paul", 20))
        yield* store.create(aSession(hash("c"), "acc-lea", 30))
        const purged = yield* store.deleteExpired(t(20))
        return { purged, a: yield* store.get(hash("a")), b: yield* store.get(hash("b")), c: yield* store.get(hash("c")) }
      }))
      expect(result.purged).toBe(2)
      expect([Option.isNone(result.a), Option.isNone(result.b), Option.isSome(result.c)]).toEqual([true, true, true])
    })
  })
}
