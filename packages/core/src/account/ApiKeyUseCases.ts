import { Effect, Option, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import type { AccountId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import { validate } from "../shared/Validation.js"
import type { Account } from "./Account.js"
import { AccountRepository } from "./AccountRepository.js"
import {
  ApiKey,
  ApiKeyId,
  ApiKeyLabel,
  ApiKeyLimitReached,
  ApiKeyNotFound,
  apiKeyPartsFrom,
  apiKeyPrefixLength,
  ApiKeyRejected,
  apiKeySecretBytes,
  apiKeyStatus,
  apiKeyToken,
  checkApiKey,
  type FamilyApiKeyHolder,
  maxActiveApiKeys,
  parseApiKeyToken,
  shouldRecordApiKeyUse
} from "./ApiKey.js"
import { ApiKeyRepository } from "./ApiKeyRepository.js"
import { Digest, Sha256Hex } from "./Digest.js"
import { LoginFailureLog } from "./LoginFailureLog.js"
import { decideLoginAttempt, defaultLoginThrottleSettings, throttleLookbackMinutes, type LoginThrottleSettings } from "./LoginThrottling.js"
import { SecretGenerator } from "./SecretGenerator.js"

/** What a family asks for a new key: a name, and how many days it works (none: until revoked). */
export const ApiKeyRequest = Schema.Struct({
  label: Schema.propertySignature(ApiKeyLabel).annotations({ missingMessage: () => "Donnez un nom à ce jeton pour le reconnaître ensuite." }),
  validForDays: Schema.optionalWith(
    Schema.Number.annotations({ message: () => "La durée de validité doit être un nombre de jours." }).pipe(
      Schema.int({ message: () => "La durée de validité doit être un nombre entier de jours." }),
      Schema.between(1, 3650, { message: () => "La durée de validité va de 1 jour à 10 ans (3650 jours)." })
    ),
    { exact: true }
  )
}).annotations({ identifier: "ApiKeyRequest" })
export type ApiKeyRequest = typeof ApiKeyRequest.Type

/** A key just created, and the token to give the application: shown once, never stored. */
export interface CreatedApiKey {
  readonly key: ApiKey
  readonly token: string
}

/**
 * Creates a key for a family account: a public prefix and a secret of 256 random bits, of which
 * only the SHA-256 is kept. The token `spe_<prefix>_<secret>` is returned once. Refused beyond
 * `maxActiveApiKeys` active keys.
 */
export const createApiKey = (holder: FamilyApiKeyHolder, input: unknown) =>
  Effect.gen(function* () {
    const request = yield* validate(ApiKeyRequest, "Le jeton d'accès")(input)
    const keys = yield* ApiKeyRepository
    const now = yield* (yield* Clock).now
    const active = (yield* keys.listByAccount(holder.accountId)).filter((k) => apiKeyStatus(k, now) === "active")
    if (active.length >= maxActiveApiKeys) return yield* Effect.fail(new ApiKeyLimitReached({ limit: maxActiveApiKeys }))
    const secrets = yield* SecretGenerator
    const { prefix, secret } = apiKeyPartsFrom(yield* secrets.randomBytes(apiKeyPrefixLength), yield* secrets.randomBytes(apiKeySecretBytes))
    const key = new ApiKey({
      id: ApiKeyId.make(yield* (yield* IdGenerator).next("key")),
      prefix,
      secretHash: Sha256Hex.make(yield* (yield* Digest).sha256Hex(secret)),
      label: request.label,
      holder,
      createdAt: now,
      ...(request.validForDays === undefined ? {} : { expiresAt: Instant.plusHours(now, request.validForDays * 24) })
    })
    yield* keys.add(key)
    return { key, token: apiKeyToken(prefix, secret) } satisfies CreatedApiKey
  })

/** The keys of a family account, newest first, revoked and expired ones included. */
export const listApiKeys = (accountId: AccountId) => Effect.flatMap(ApiKeyRepository, (keys) => keys.listByAccount(accountId))

/**
 * Revokes one of the account's keys: it stops working at once. A key of another account is
 * `ApiKeyNotFound`, like an unknown one; revoking a revoked key changes nothing.
 */
export const revokeApiKey = (accountId: AccountId, keyId: string) =>
  Effect.gen(function* () {
    const keys = yield* ApiKeyRepository
    const id = Schema.decodeUnknownOption(ApiKeyId)(keyId)
    if (Option.isNone(id)) return yield* Effect.fail(new ApiKeyNotFound({ keyId }))
    const key = yield* keys.get(id.value)
    if (key.holder._tag !== "Family" || key.holder.accountId !== accountId) return yield* Effect.fail(new ApiKeyNotFound({ keyId }))
    const now = yield* (yield* Clock).now
    yield* keys.revoke(key.id, now)
    return yield* keys.get(key.id)
  })

/**
 * Revokes every active key of a family account at once (after its password changed or was reset):
 * an application must then be given a new key. Answers how many were revoked.
 */
export const revokeAllApiKeysOf = (accountId: AccountId) =>
  Effect.gen(function* () {
    const keys = yield* ApiKeyRepository
    const now = yield* (yield* Clock).now
    const active = (yield* keys.listByAccount(accountId)).filter((k) => apiKeyStatus(k, now) === "active")
    let revoked = 0
    for (const key of active) if (yield* keys.revoke(key.id, now)) revoked++
    return revoked
  })

/** Who a valid key acts for: the key, and its account as stored now. */
export interface AuthenticatedApiKey {
  readonly key: ApiKey
  readonly account: Account
}

/**
 * The key of a token an application presented, with its account: the token's secret is hashed and
 * looked up (no comparison of secrets); a malformed, unknown, revoked or expired key is refused,
 * and so is a key whose account is disabled or no longer linked to the key's household. The use
 * is recorded at most once a minute.
 */
export const authenticateApiKey = (token: string) =>
  Effect.gen(function* () {
    const parts = parseApiKeyToken(token)
    if (Option.isNone(parts)) return yield* Effect.fail(new ApiKeyRejected({ reason: "malformed" }))
    const keys = yield* ApiKeyRepository
    const now = yield* (yield* Clock).now
    const secretHash = Sha256Hex.make(yield* (yield* Digest).sha256Hex(parts.value.secret))
    const found = yield* keys.findBySecretHash(secretHash)
    const key = yield* checkApiKey(Option.getOrUndefined(found), parts.value.prefix, now)
    const keyHolder = key.holder
    if (keyHolder._tag !== "Family") return yield* Effect.fail(new ApiKeyRejected({ reason: "otherApi" }))
    const account = yield* Effect.orElseFail((yield* AccountRepository).get(keyHolder.accountId), () => new ApiKeyRejected({ reason: "account" }))
    const holder = account.holder
    if (account.disabledAt !== undefined || holder._tag !== "Family" || holder.householdId !== keyHolder.householdId) {
      return yield* Effect.fail(new ApiKeyRejected({ reason: "account" }))
    }
    if (!shouldRecordApiKeyUse(key, now)) return { key, account } satisfies AuthenticatedApiKey
    yield* keys.recordUse(key.id, now)
    return { key: new ApiKey({ ...key, lastUsedAt: now }), account } satisfies AuthenticatedApiKey
  })

/** The identifier under which refused tokens are counted in the `LoginFailureLog` (not a possible login: it has spaces). */
export const apiKeyFailureIdentifier = "(jeton d'accès)"

/**
 * `authenticateApiKey` for a caller at a network address, throttled like the login page per
 * address: while the address is delayed (`decideLoginAttempt` on its recent failures, logins and
 * tokens alike) every token is refused with `LoginThrottled`, a good one too; an unknown, revoked
 * or expired token counts as a failure of the address.
 */
export const authenticateApiKeyFrom = (
  input: { readonly token: string; readonly address: string },
  settings: LoginThrottleSettings = defaultLoginThrottleSettings
) =>
  Effect.gen(function* () {
    const failures = yield* LoginFailureLog
    const now = yield* (yield* Clock).now
    const since = Instant.plusMinutes(now, -throttleLookbackMinutes(settings))
    const recent = yield* failures.recentFailures(apiKeyFailureIdentifier, input.address, since)
    yield* decideLoginAttempt({ forIdentifier: [], fromAddress: recent.fromAddress }, now, settings)
    return yield* authenticateApiKey(input.token).pipe(
      Effect.tapError((rejected) =>
        rejected.reason === "unknown" || rejected.reason === "revoked" || rejected.reason === "expired"
          ? failures.record({ identifier: apiKeyFailureIdentifier, address: input.address, at: now })
          : Effect.void
      )
    )
  })
