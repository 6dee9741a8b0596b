import { ApiKey, ApiKeyNotFound, ApiKeyRepository } from "@spe/core"
import { Effect, Layer, Option } from "effect"

const newestFirst = (a: ApiKey, b: ApiKey): number =>
  a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0

/** API keys kept in a map by id; each call gives a fresh store, shared by every use of the layer. */
export function inMemoryApiKeyRepository(): Layer.Layer<ApiKeyRepository> {
  const keys = new Map<string, ApiKey>()
  const update = (id: string, change: (key: ApiKey) => ApiKey | undefined): boolean => {
    const key = keys.get(id)
    const next = key === undefined ? undefined : change(key)
    if (next === undefined) return false
    keys.set(id, next)
    return true
  }
  return Layer.succeed(ApiKeyRepository, {
    add: (key) => Effect.sync(() => void keys.set(key.id, key)),
    get: (id) => Effect.suspend(() => {
      const key = keys.get(id)
      return key === undefined ? Effect.fail(new ApiKeyNotFound({ keyId: id })) : Effect.succeed(key)
    }),
    findBySecretHash: (secretHash) => Effect.sync(() => Option.fromNullable([...keys.values()].find((k) => k.secretHash === secretHash))),
    listByAccount: (accountId) => Effect.sync(() => [...keys.values()].filter((k) => k.holder._tag === "Family" && k.holder.accountId === accountId).sort(newestFirst)),
    listIntegrations: Effect.sync(() => [...keys.values()].filter((k) => k.holder._tag === "Integration").sort(newestFirst)),
    revoke: (id, at) => Effect.sync(() => update(id, (key) => (key.revokedAt === undefined ? new ApiKey({ ...key, revokedAt: at }) : undefined))),
    recordUse: (id, at) => Effect.sync(() => void update(id, (key) => new ApiKey({ ...key, lastUsedAt: at })))
  })
}
