import { AccountId, ApiKey, ApiKeyId, ApiKeyPrefix, ApiKeyRepository, HouseholdId, Instant, Sha256Hex } from "@spe/core"
import { Effect, Either, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<ApiKeyRepository>> | Layer.Layer<ApiKeyRepository>

const hash = (c: string) => Sha256Hex.make(c.repeat(64))
const t = (minute: number) => Instant.plusMinutes(Instant.unsafe("2026-11-26T08:00:00Z"), minute)

const aKey = (id: string, account: string, createdAtMinute: number, secret: string, extra: Partial<ApiKey> = {}) =>
  new ApiKey({
    id: ApiKeyId.make(id),
    prefix: ApiKeyPrefix.make(`${id.slice(-1)}bcdefgh`),
    secretHash: hash(secret),
    label: `Jeton ${id}`,
    holder: { _tag: "Family", accountId: AccountId.make(account), householdId: HouseholdId.make(`hh-${account}`) },
    createdAt: t(createdAtMinute),
    ...extra
  })

/**
 * The behaviour every `ApiKeyRepository` adapter must have: keys kept with every field, found by
 * id and by the hash of their secret, listed per account newest first, revoked once, their use
 * recorded.
 */
export function apiKeyRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, ApiKeyRepository>): Promise<A> => Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`ApiKeyRepository contract: ${name}`, () => {
    it("gives back an added key by id and by secret hash, every field intact; nothing for another hash, ApiKeyNotFound for another id", async () => {
      const key = aKey("key-1", "acc-anne", 0, "a", { expiresAt: t(60 * 24 * 30) })
      const result = await run(Effect.gen(function* () {
        const repo = yield* ApiKeyRepository
        yield* repo.add(key)
        return {
          byId: yield* repo.get(ApiKeyId.make("key-1")),
          byHash: yield* repo.findBySecretHash(hash("a")),
          otherHash: yield* repo.findBySecretHash(hash("b")),
          otherId: yield* Effect.either(repo.get(ApiKeyId.make("key-2")))
        }
      }))
      expect(result.byId).toEqual(key)
      expect(Option.getOrUndefined(result.byHash)).toEqual(key)
      expect(Option.isNone(result.otherHash)).toBe(true)
      expect(Either.isLeft(result.otherId) && result.otherId.left._tag).toBe("ApiKeyNotFound")
    })

    it("lists the keys of one account only, newest first, revoked ones included", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* ApiKeyRepository
        yield* repo.add(aKey("key-1", "acc-anne", 0, "a"))
        yield* repo.add(aKey("key-2", "acc-anne", 5, "b", { revokedAt: t(6) }))
        yield* repo.add(aKey("key-3", "acc-paul", 7, "c"))
        yield* repo.add(aKey("key-4", "acc-anne", 9, "d"))
        return {
          anne: yield* repo.listByAccount(AccountId.make("acc-anne")),
          nobody: yield* repo.listByAccount(AccountId.make("acc-nobody"))
        }
      }))
      expect(result.anne.map((k) => k.id)).toEqual(["key-4", "key-2", "key-1"])
      expect(result.nobody).toEqual([])
    })

    it("lists integration keys apart: every one newest first, never among an account's family keys", async () => {
      const integration = (id: string, minute: number, secret: string) =>
        aKey(id, "acc-admin", minute, secret, { holder: { _tag: "Integration", createdBy: AccountId.make("acc-admin"), scopes: ["billing:read", "payments:write"] } })
      const result = await run(Effect.gen(function* () {
        const repo = yield* ApiKeyRepository
        yield* repo.add(integration("key-1", 0, "a"))
        yield* repo.add(aKey("key-2", "acc-admin", 3, "b"))
        yield* repo.add(integration("key-3", 5, "c"))
        return { integrations: yield* repo.listIntegrations, family: yield* repo.listByAccount(AccountId.make("acc-admin")), stored: yield* repo.get(ApiKeyId.make("key-3")) }
      }))
      expect(result.integrations.map((k) => k.id)).toEqual(["key-3", "key-1"])
      expect(result.family.map((k) => k.id)).toEqual(["key-2"])
      expect(result.stored.holder).toEqual({ _tag: "Integration", createdBy: "acc-admin", scopes: ["billing:read", "payments:write"] })
    })

    it("revokes a key once: true the first time, false after and for an unknown key; the first instant stays", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* ApiKeyRepository
        yield* repo.add(aKey("key-1", "acc-anne", 0, "a"))
        const first = yield* repo.revoke(ApiKeyId.make("key-1"), t(10))
        const second = yield* repo.revoke(ApiKeyId.make("key-1"), t(20))
        const unknown = yield* repo.revoke(ApiKeyId.make("key-9"), t(20))
        return { first, second, unknown, stored: yield* repo.get(ApiKeyId.make("key-1")) }
      }))
      expect([result.first, result.second, result.unknown]).toEqual([true, false, false])
      expect(result.stored.revokedAt).toBe(t(10))
    })

    it("records the last use of a key, the rest unchanged; an unknown key is ignored", async () => {
      const key = aKey("key-1", "acc-anne", 0, "a")
      const result = await run(Effect.gen(function* () {
        const repo = yield* ApiKeyRepository
        yield* repo.add(key)
        yield* repo.recordUse(ApiKeyId.make("key-1"), t(3))
        yield* repo.recordUse(ApiKeyId.make("key-9"), t(3))
        return { stored: yield* repo.get(ApiKeyId.make("key-1")), byHash: yield* repo.findBySecretHash(hash("a")) }
      }))
      expect(result.stored).toEqual(new ApiKey({ ...key, lastUsedAt: t(3) }))
      expect(Option.getOrThrow(result.byHash).lastUsedAt).toBe(t(3))
    })
  })
}
