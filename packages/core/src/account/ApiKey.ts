import { Either, Option, Schema } from "effect"
import { AccountId, HouseholdId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Sha256Hex } from "./Digest.js"
import { hexOf, readableCode } from "./Secrets.js"

/** The identifier of an API key (never secret: it names the key in lists and in the audit). */
export const ApiKeyId = Schema.NonEmptyTrimmedString.pipe(
  Schema.maxLength(64),
  Schema.brand("ApiKeyId"),
  Schema.annotations({ identifier: "ApiKeyId" })
)
export type ApiKeyId = typeof ApiKeyId.Type

/** Characters in the public prefix of a key (readable alphabet, 40 bits: enough to tell keys apart in a list). */
export const apiKeyPrefixLength = 8

/** Random bytes in the secret part of a key (256 bits). */
export const apiKeySecretBytes = 32

/** The public part of a key, shown in lists so the family recognises it (`k7pmx3rt`). */
export const ApiKeyPrefix = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9]{8}$/, { message: () => "Le préfixe d'un jeton compte 8 lettres minuscules ou chiffres." }),
  Schema.brand("ApiKeyPrefix"),
  Schema.annotations({ identifier: "ApiKeyPrefix" })
)
export type ApiKeyPrefix = typeof ApiKeyPrefix.Type

/** The name the family gives a key ("Agenda du téléphone"), trimmed, 1 to 80 characters. */
export const ApiKeyLabel = Schema.String.annotations({ message: () => "Le nom du jeton doit être un texte." }).pipe(
  Schema.compose(Schema.Trim),
  Schema.minLength(1, { message: () => "Donnez un nom à ce jeton (par exemple « Agenda du téléphone ») pour le reconnaître ensuite." }),
  Schema.maxLength(80, { message: () => "Le nom du jeton ne doit pas dépasser 80 caractères." }),
  Schema.annotations({ identifier: "ApiKeyLabel" })
)

/**
 * What a town software's key may do in the agents' API (`/api/v1/admin`): `<domain>:read` to read,
 * `<domain>:write` to record.
 */
export const ApiScope = Schema.Literal(
  "households:read",
  "households:write",
  "activities:read",
  "reservations:read",
  "attendance:write",
  "billing:read",
  "payments:write"
).annotations({ identifier: "ApiScope" })
export type ApiScope = typeof ApiScope.Type

/** A family's account linked to its household: the key does what that account may do on the portal. */
export const FamilyApiKeyHolder = Schema.TaggedStruct("Family", { accountId: AccountId, householdId: HouseholdId })
export type FamilyApiKeyHolder = typeof FamilyApiKeyHolder.Type

/** A town software (ERP, finance package…) calling the agents' API, with its scopes; `createdBy` is the admin who created the key. */
export const IntegrationApiKeyHolder = Schema.TaggedStruct("Integration", { createdBy: AccountId, scopes: Schema.Array(ApiScope) })
export type IntegrationApiKeyHolder = typeof IntegrationApiKeyHolder.Type

/** Who acts with a key: a family's account (families' API), or a town software (agents' API). */
export const ApiKeyHolder = Schema.Union(FamilyApiKeyHolder, IntegrationApiKeyHolder).annotations({ identifier: "ApiKeyHolder" })
export type ApiKeyHolder = typeof ApiKeyHolder.Type

/** The account a key is filed under: the family's account, or the admin who created an integration key. */
export const apiKeyAccountId = (holder: ApiKeyHolder): AccountId => (holder._tag === "Family" ? holder.accountId : holder.createdBy)

/**
 * A key an application presents to the JSON API (`Authorization: Bearer spe_<prefix>_<secret>`).
 * Only the SHA-256 of the secret is kept, never the secret: a copy of the store cannot be used to
 * call the API. `lastUsedAt` is written at most once a minute.
 */
export class ApiKey extends Schema.Class<ApiKey>("ApiKey")({
  id: ApiKeyId,
  prefix: ApiKeyPrefix,
  secretHash: Sha256Hex,
  label: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(80)),
  holder: ApiKeyHolder,
  createdAt: Instant.Instant,
  expiresAt: Schema.optional(Instant.Instant),
  revokedAt: Schema.optional(Instant.Instant),
  lastUsedAt: Schema.optional(Instant.Instant)
}) {}

/** Where a key stands at an instant. */
export type ApiKeyStatus = "active" | "revoked" | "expired"

/** Whether a key is active, revoked, or past its expiry at `now` (revocation wins). */
export function apiKeyStatus(key: ApiKey, now: Instant.Instant): ApiKeyStatus {
  if (key.revokedAt !== undefined) return "revoked"
  if (key.expiresAt !== undefined && !Instant.isBefore(now, key.expiresAt)) return "expired"
  return "active"
}

/** The key as the family types it: `spe_<prefix>_<secret>` (the secret: 64 hexadecimal characters). */
export const apiKeyToken = (prefix: ApiKeyPrefix, secret: string): string => `spe_${prefix}_${secret}`

/** The public prefix and the secret of random bytes (8 for the prefix, then 32 for the secret). */
export function apiKeyPartsFrom(prefixBytes: Uint8Array, secretBytes: Uint8Array): { readonly prefix: ApiKeyPrefix; readonly secret: string } {
  if (secretBytes.length < apiKeySecretBytes) throw new RangeError(`Need ${apiKeySecretBytes} random bytes, got ${secretBytes.length}`)
  return { prefix: ApiKeyPrefix.make(readableCode(prefixBytes, apiKeyPrefixLength)), secret: hexOf(secretBytes.subarray(0, apiKeySecretBytes)) }
}

const tokenShape = /^spe_([a-z0-9]{8})_([0-9a-f]{64})$/

/** The prefix and the secret of a token, when it has the shape of one. */
export function parseApiKeyToken(token: string): Option.Option<{ readonly prefix: ApiKeyPrefix; readonly secret: string }> {
  const match = tokenShape.exec(token)
  if (match === null || match[1] === undefined || match[2] === undefined) return Option.none()
  return Option.some({ prefix: ApiKeyPrefix.make(match[1]), secret: match[2] })
}

/** Why a key was refused. */
export const ApiKeyRejection = Schema.Literal("malformed", "unknown", "revoked", "expired", "account", "otherApi").annotations({ identifier: "ApiKeyRejection" })
export type ApiKeyRejection = typeof ApiKeyRejection.Type

/** The key presented does not give access: malformed, unknown, revoked, expired, or its account may no longer act. */
export class ApiKeyRejected extends Schema.TaggedError<ApiKeyRejected>()("ApiKeyRejected", {
  reason: ApiKeyRejection,
  at: Schema.optional(Instant.Instant)
}) {
  override get message(): string {
    const again = "Créez un nouveau jeton dans « Accès pour vos applications » de votre espace citoyen."
    switch (this.reason) {
      case "malformed":
        return `Ce jeton d'accès n'a pas la forme attendue (spe_, 8 caractères, _, 64 caractères) : vérifiez qu'il a été copié en entier. ${again}`
      case "unknown":
        return `Ce jeton d'accès n'est pas reconnu : il a peut-être été mal copié. ${again}`
      case "revoked":
        return `Ce jeton d'accès a été révoqué${this.at === undefined ? "" : ` le ${ParisTime.formatFr(this.at)}`} : il ne donne plus accès. ${again}`
      case "expired":
        return `Ce jeton d'accès a expiré${this.at === undefined ? "" : ` le ${ParisTime.formatFr(this.at)}`}. ${again}`
      case "otherApi":
        return "Ce jeton d'accès ne sert pas cette API : un jeton de famille sert l'API des familles (/api/v1), un jeton d'intégration créé par un administrateur de la commune sert l'API des agents (/api/v1/admin)."
      case "account":
        return "Le compte qui a créé ce jeton d'accès ne peut plus agir pour ce foyer (compte désactivé ou relié à un autre foyer) : contactez le Service à la Population."
    }
  }
}

/** No key of this account has this identifier. */
export class ApiKeyNotFound extends Schema.TaggedError<ApiKeyNotFound>()("ApiKeyNotFound", { keyId: Schema.String }) {
  override get message(): string {
    return `Aucun de vos jetons d'accès ne porte l'identifiant ${this.keyId}. Rechargez la liste de vos jetons.`
  }
}

/** The account already has as many active keys as allowed. */
export class ApiKeyLimitReached extends Schema.TaggedError<ApiKeyLimitReached>()("ApiKeyLimitReached", { limit: Schema.Int }) {
  override get message(): string {
    return `Vous avez déjà ${this.limit} jetons d'accès actifs : révoquez-en un que vous n'utilisez plus avant d'en créer un autre.`
  }
}

/** Active keys an account may hold at once. */
export const maxActiveApiKeys = 10

/** Use less than this long after the last recorded one is not written again (one write a minute at most). */
export const apiKeyUseIntervalMinutes = 1

/**
 * Whether the key found for a token's secret may be used at `now`: it must exist, carry the
 * token's prefix, be neither revoked nor expired.
 */
export function checkApiKey(key: ApiKey | undefined, prefix: ApiKeyPrefix, now: Instant.Instant): Either.Either<ApiKey, ApiKeyRejected> {
  if (key === undefined || key.prefix !== prefix) return Either.left(new ApiKeyRejected({ reason: "unknown" }))
  switch (apiKeyStatus(key, now)) {
    case "revoked":
      return Either.left(new ApiKeyRejected({ reason: "revoked", ...(key.revokedAt === undefined ? {} : { at: key.revokedAt }) }))
    case "expired":
      return Either.left(new ApiKeyRejected({ reason: "expired", ...(key.expiresAt === undefined ? {} : { at: key.expiresAt }) }))
    case "active":
      return Either.right(key)
  }
}

/** Whether a use at `now` is to be written (never used, or last written a minute ago or more). */
export const shouldRecordApiKeyUse = (key: ApiKey, now: Instant.Instant): boolean =>
  key.lastUsedAt === undefined || !Instant.isBefore(now, Instant.plusMinutes(key.lastUsedAt, apiKeyUseIntervalMinutes))
