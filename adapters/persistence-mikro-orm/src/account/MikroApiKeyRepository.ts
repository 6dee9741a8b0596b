import type { MikroORM } from "@mikro-orm/postgresql"
import { ApiKey, apiKeyAccountId, type ApiKeyId, ApiKeyNotFound, ApiKeyRepository, type AccountId, type Instant, type Sha256Hex } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(ApiKey)
const decode = Schema.decodeUnknownSync(ApiKey)

const REVOKE = `
  update api_key set data = jsonb_set(data, '{revokedAt}', to_jsonb(?::text))
  where id = ? and data->>'revokedAt' is null
  returning id`

const RECORD_USE = `update api_key set data = jsonb_set(data, '{lastUsedAt}', to_jsonb(?::text)) where id = ?`

/**
 * `ApiKeyRepository` on PostgreSQL: one row per key, found by the unique SHA-256 of its secret.
 * Revoking is one conditional update (`… where not revoked`): of concurrent callers, only the one
 * that changed the row gets `true`.
 */
export function mikroApiKeyRepository(orm: MikroORM): Layer.Layer<ApiKeyRepository> {
  const select = (where: string, params: ReadonlyArray<unknown>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from api_key where ${where}`, [...params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  return Layer.succeed(ApiKeyRepository, {
    add: (key) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute("insert into api_key (id, secret_hash, account_id, created_at, data) values (?, ?, ?, ?, ?)", [
            key.id,
            key.secretHash,
            apiKeyAccountId(key.holder),
            key.createdAt,
            JSON.stringify(encode(key))
          ], "run")
        )
      ),
    get: (id: ApiKeyId) =>
      Effect.flatMap(select("id = ?", [id]), (keys) => {
        const key = keys[0]
        return key === undefined ? Effect.fail(new ApiKeyNotFound({ keyId: id })) : Effect.succeed(key)
      }),
    findBySecretHash: (secretHash: Sha256Hex) => Effect.map(select("secret_hash = ?", [secretHash]), (keys) => Option.fromNullable(keys[0])),
    listByAccount: (accountId: AccountId) => select("account_id = ? and data->'holder'->>'_tag' = 'Family' order by created_at desc, id desc", [accountId]),
    listIntegrations: select("data->'holder'->>'_tag' = 'Integration' order by created_at desc, id desc", []),
    revoke: (id: ApiKeyId, at: Instant.Instant) =>
      Effect.map(withEntityManager(orm, (em) => em.execute<Array<{ id: string }>>(REVOKE, [at, id])), (rows) => rows.length > 0),
    recordUse: (id: ApiKeyId, at: Instant.Instant) => Effect.asVoid(withEntityManager(orm, (em) => em.execute(RECORD_USE, [at, id], "run")))
  })
}
