import { Effect, Either, Option, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AccountId, AuditRecordId } from "../shared/Ids.js"
import { validate } from "../shared/Validation.js"
import { AgentActor } from "./Actor.js"
import { auditedAgentCommand } from "./AgentCommand.js"
import {
  ApiKey,
  ApiKeyId,
  ApiKeyLabel,
  ApiKeyNotFound,
  apiKeyPartsFrom,
  apiKeyPrefixLength,
  ApiKeyRejected,
  apiKeySecretBytes,
  apiKeyToken,
  ApiScope,
  checkApiKey,
  type IntegrationApiKeyHolder,
  parseApiKeyToken,
  shouldRecordApiKeyUse
} from "./ApiKey.js"
import { ApiKeyRepository } from "./ApiKeyRepository.js"
import { AuditLog } from "./AuditLog.js"
import { AuditRecord, AuditTarget, type AuditOutcome, toAuditJson } from "./AuditRecord.js"
import { Digest, Sha256Hex } from "./Digest.js"
import type { Permission } from "./Permission.js"
import { SecretGenerator } from "./SecretGenerator.js"

/** Every scope, in the order of the table. */
export const allApiScopes: ReadonlyArray<ApiScope> = ApiScope.literals

/** What a scope allows, in French, as the admin page and the documentation show it. */
export const apiScopeLabel: { readonly [S in ApiScope]: string } = {
  "households:read": "lire les foyers et leurs membres",
  "households:write": "créer et modifier les foyers, ajouter des membres",
  "activities:read": "lire les activités et leurs séances",
  "reservations:read": "lire les réservations et les présences",
  "attendance:write": "enregistrer le pointage des présences",
  "billing:read": "lire les factures, les avoirs et les paiements",
  "payments:write": "enregistrer les paiements reçus ailleurs"
}

/** The agent permission a scope stands for in the audit log (and in the core's agent commands). */
export const apiScopePermission: { readonly [S in ApiScope]: Permission } = {
  "households:read": "households.read",
  "households:write": "households.write",
  "activities:read": "households.read",
  "reservations:read": "households.read",
  "attendance:write": "attendance.record",
  "billing:read": "billing.read",
  "payments:write": "payments.record"
}

/** An integration key with its holder narrowed. */
export type IntegrationKey = ApiKey & { readonly holder: IntegrationApiKeyHolder }

const isIntegration = (key: ApiKey): key is IntegrationKey => key.holder._tag === "Integration"

/** What an admin asks for a town software's key: a name and at least one scope (each once). */
export const IntegrationKeyRequest = Schema.Struct({
  label: Schema.propertySignature(ApiKeyLabel).annotations({ missingMessage: () => "Donnez un nom à cette clé (par exemple « Progiciel financier ») pour la reconnaître ensuite." }),
  scopes: Schema.propertySignature(
    Schema.Array(ApiScope.annotations({ message: () => "Choisissez des droits dans la liste proposée." })).pipe(
      Schema.minItems(1, { message: () => "Cochez au moins un droit pour cette clé." })
    )
  ).annotations({ missingMessage: () => "Cochez au moins un droit pour cette clé." })
}).annotations({ identifier: "IntegrationKeyRequest" })
export type IntegrationKeyRequest = typeof IntegrationKeyRequest.Type

/** A key just created for a town software, and its token: shown once, never stored. */
export interface CreatedIntegrationKey {
  readonly key: IntegrationKey
  readonly token: string
}

const auditedKey = (key: ApiKey) => {
  const { secretHash: _, ...rest } = Schema.encodeSync(ApiKey)(key)
  return toAuditJson(Schema.Unknown, rest as unknown)
}

const labelOf = (input: unknown): string => {
  const label = typeof input === "object" && input !== null ? (input as { readonly label?: unknown }).label : undefined
  return typeof label === "string" && label.trim() !== "" ? label.trim().slice(0, 80) : "nouvelle clé"
}

/**
 * Creates an integration key (admins only, `accounts.manage`, audited as `integrations.keys.create`):
 * a public prefix and a secret of 256 random bits of which only the SHA-256 is kept; the token
 * `spe_<prefix>_<secret>` is returned once.
 */
export const createIntegrationKey = auditedAgentCommand({
  action: "integrations.keys.create",
  permission: "accounts.manage",
  target: (input: unknown) => ({ kind: "api-key", id: labelOf(input) }),
  run: (agent, input: unknown) =>
    Effect.gen(function* () {
      const request = yield* validate(IntegrationKeyRequest, "La clé d'API")(input)
      const now = yield* (yield* Clock).now
      const secrets = yield* SecretGenerator
      const { prefix, secret } = apiKeyPartsFrom(yield* secrets.randomBytes(apiKeyPrefixLength), yield* secrets.randomBytes(apiKeySecretBytes))
      const scopes = allApiScopes.filter((scope) => request.scopes.includes(scope))
      const key = new ApiKey({
        id: ApiKeyId.make(yield* (yield* IdGenerator).next("key")),
        prefix,
        secretHash: Sha256Hex.make(yield* (yield* Digest).sha256Hex(secret)),
        label: request.label,
        holder: { _tag: "Integration", createdBy: agent.accountId, scopes },
        createdAt: now
      }) as IntegrationKey
      yield* (yield* ApiKeyRepository).add(key)
      return { result: { key, token: apiKeyToken(prefix, secret) } satisfies CreatedIntegrationKey, before: null, after: auditedKey(key) }
    })
})

/** The integration keys, newest first, revoked ones included. */
export const listIntegrationKeys = Effect.map(
  Effect.flatMap(ApiKeyRepository, (keys) => keys.listIntegrations),
  (keys) => keys.filter(isIntegration)
)

/**
 * Revokes an integration key (admins only, audited as `integrations.keys.revoke`): it stops working
 * at once. A family's key or an unknown id is `ApiKeyNotFound`; revoking a revoked key changes nothing.
 */
export const revokeIntegrationKey = auditedAgentCommand({
  action: "integrations.keys.revoke",
  permission: "accounts.manage",
  target: (input: { readonly keyId: string }) => ({ kind: "api-key", id: input.keyId.trim() === "" ? "?" : input.keyId.trim().slice(0, 64) }),
  run: (_agent, input: { readonly keyId: string }) =>
    Effect.gen(function* () {
      const keys = yield* ApiKeyRepository
      const id = Schema.decodeUnknownOption(ApiKeyId)(input.keyId)
      if (Option.isNone(id)) return yield* Effect.fail(new ApiKeyNotFound({ keyId: input.keyId }))
      const before = yield* keys.get(id.value)
      if (!isIntegration(before)) return yield* Effect.fail(new ApiKeyNotFound({ keyId: input.keyId }))
      yield* keys.revoke(before.id, yield* (yield* Clock).now)
      const after = yield* keys.get(before.id)
      return { result: after as IntegrationKey, before: auditedKey(before), after: auditedKey(after) }
    })
})

/**
 * The integration key of a token presented to the agents' API: hashed and looked up, refused when
 * malformed, unknown, revoked or a family's key (`otherApi`). The use is recorded at most once a minute.
 */
export const authenticateIntegrationKey = (token: string) =>
  Effect.gen(function* () {
    const parts = parseApiKeyToken(token)
    if (Option.isNone(parts)) return yield* Effect.fail(new ApiKeyRejected({ reason: "malformed" }))
    const keys = yield* ApiKeyRepository
    const now = yield* (yield* Clock).now
    const secretHash = Sha256Hex.make(yield* (yield* Digest).sha256Hex(parts.value.secret))
    const key = yield* checkApiKey(Option.getOrUndefined(yield* keys.findBySecretHash(secretHash)), parts.value.prefix, now)
    if (!isIntegration(key)) return yield* Effect.fail(new ApiKeyRejected({ reason: "otherApi" }))
    if (!shouldRecordApiKeyUse(key, now)) return key
    yield* keys.recordUse(key.id, now)
    return new ApiKey({ ...key, lastUsedAt: now }) as IntegrationKey
  })

/** The key lacks the scope an operation of the agents' API needs. */
export class ApiScopeMissing extends Schema.TaggedError<ApiScopeMissing>()("ApiScopeMissing", { scope: ApiScope, label: Schema.String }) {
  override get message(): string {
    return `La clé « ${this.label} » n'a pas le droit ${this.scope} (${apiScopeLabel[this.scope]}). Un administrateur peut créer une clé avec ce droit dans « Intégrations » › « Clés d'API ».`
  }
}

/** Succeeds when the key carries the scope. */
export const requireApiScope = (key: IntegrationKey, scope: ApiScope): Either.Either<void, ApiScopeMissing> =>
  key.holder.scopes.includes(scope) ? Either.void : Either.left(new ApiScopeMissing({ scope, label: key.label }))

/** The account id under which an integration key's calls are journaled (`api-key:<id>`). */
export const integrationActorId = (key: ApiKey): AccountId => AccountId.make(`api-key:${key.id}`)

/**
 * The key as the actor of the core's agent commands: named after the key in the journal. It acts
 * with the administrator's role: its scopes, checked before any command, are what limit it.
 */
export const integrationActor = (key: IntegrationKey): AgentActor =>
  new AgentActor({ accountId: integrationActorId(key), displayName: `Clé d'API « ${key.label} » (${key.prefix})`, role: "admin" })

/** One call of the agents' API, as the audit log keeps it. */
export interface ApiCallAudit {
  /** `api.households.read`, `api.payments.record`… */
  readonly action: string
  readonly scope: ApiScope
  readonly target: { readonly kind: string; readonly id: string }
  readonly outcome: AuditOutcome
  readonly reason?: string
  readonly details?: Readonly<Record<string, string>>
}

/** Appends one call of the agents' API to the audit log: the key as actor, the scope's permission, the outcome. */
export const recordApiCall = (key: IntegrationKey, call: ApiCallAudit) =>
  Effect.gen(function* () {
    const at = yield* (yield* Clock).now
    const id = AuditRecordId.make(yield* (yield* IdGenerator).next("audit"))
    const actor = integrationActor(key)
    yield* (yield* AuditLog).append(
      new AuditRecord({
        id,
        at,
        actorAccountId: actor.accountId,
        actorName: actor.displayName,
        actorRole: actor.role,
        action: call.action,
        permission: apiScopePermission[call.scope],
        target: new AuditTarget({ kind: call.target.kind, id: call.target.id.trim() === "" ? "?" : call.target.id }),
        outcome: call.outcome,
        ...(call.reason === undefined ? {} : { reason: call.reason }),
        before: null,
        after: call.details === undefined ? null : { ...call.details }
      })
    )
  })
