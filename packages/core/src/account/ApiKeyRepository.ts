import { Context, type Effect, type Option } from "effect"
import type { AccountId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import type { ApiKey, ApiKeyId, ApiKeyNotFound } from "./ApiKey.js"
import type { Sha256Hex } from "./Digest.js"

/**
 * Where API keys are kept, found by the SHA-256 of their secret (an index lookup: the secret is
 * never compared in the application). Any adapter must pass `apiKeyRepositoryContract` of @spe/testkit.
 */
export class ApiKeyRepository extends Context.Tag("@spe/core/ApiKeyRepository")<
  ApiKeyRepository,
  {
    /** Keeps a new key (an id and a secret hash are never reused). */
    readonly add: (key: ApiKey) => Effect.Effect<void>
    readonly get: (id: ApiKeyId) => Effect.Effect<ApiKey, ApiKeyNotFound>
    /** The key whose secret has this SHA-256, revoked or expired ones included. */
    readonly findBySecretHash: (secretHash: Sha256Hex) => Effect.Effect<Option.Option<ApiKey>>
    /** The keys a family account created, revoked ones included, newest first (then by id); integration keys are not among them. */
    readonly listByAccount: (accountId: AccountId) => Effect.Effect<ReadonlyArray<ApiKey>>
    /** Every integration key (holder `Integration`), revoked ones included, newest first (then by id). */
    readonly listIntegrations: Effect.Effect<ReadonlyArray<ApiKey>>
    /** Revokes the key at `at` if it was not revoked yet: true for the call that revoked it, false otherwise (unknown too). */
    readonly revoke: (id: ApiKeyId, at: Instant) => Effect.Effect<boolean>
    /** Records a use at `at` (`lastUsedAt`); nothing happens for an unknown key. */
    readonly recordUse: (id: ApiKeyId, at: Instant) => Effect.Effect<void>
  }
>() {}
