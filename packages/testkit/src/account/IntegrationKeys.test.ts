import {
  AccountId,
  ApiKeyRepository,
  AuditLog,
  authenticateApiKey,
  authenticateIntegrationKey,
  createApiKey,
  createIntegrationKey,
  HouseholdId,
  integrationActor,
  listIntegrationKeys,
  recordApiCall,
  requireApiScope,
  revokeIntegrationKey
} from "@spe/core"
import { Effect, Either, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { anAgent } from "./AccountFixtures.js"
import { inMemoryAccountRepository } from "./InMemoryAccountRepository.js"
import { inMemoryApiKeyRepository } from "./InMemoryApiKeyRepository.js"
import { inMemoryAuditLog } from "./InMemoryAuditLog.js"
import { nodeDigest, sha256HexSync } from "./NodeDigest.js"
import { seededSecretGenerator } from "./SeededSecretGenerator.js"

const world = () => {
  const clock = makeTestClock("2026-11-26T08:00:00Z")
  const layer = Layer.mergeAll(clock.layer, sequentialIds(), seededSecretGenerator(), nodeDigest(), inMemoryApiKeyRepository(), inMemoryAccountRepository(), inMemoryAuditLog())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { clock, run, attempt, audit }
}

const admin = anAgent("admin", "Alice Admin")

describe("integration keys (the agents' API)", () => {
  it("are created by an admin with a label and scopes, the token given once, only its hash stored, the creation audited without the hash", async () => {
    const w = world()
    const created = await w.run(createIntegrationKey(admin, { label: " Progiciel financier ", scopes: ["payments:write", "billing:read", "billing:read"] }))
    expect(created.token).toMatch(/^spe_[a-z0-9]{8}_[0-9a-f]{64}$/)
    expect(created.key.secretHash).toBe(sha256HexSync(created.token.slice(13)))
    expect(created.key.label).toBe("Progiciel financier")
    expect(created.key.holder).toEqual({ _tag: "Integration", createdBy: admin.accountId, scopes: ["billing:read", "payments:write"] })
    expect((await w.run(listIntegrationKeys)).map((k) => k.id)).toEqual([created.key.id])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "integrations.keys.create", permission: "accounts.manage", outcome: "done", actorAccountId: admin.accountId, target: { kind: "api-key", id: "Progiciel financier" } })
    expect(JSON.stringify(record?.after)).toContain("payments:write")
    expect(JSON.stringify(record?.after)).not.toContain(created.key.secretHash)
    expect(JSON.stringify(record?.after)).not.toContain(created.token)
  })

  it("are refused to another role (denied, audited) and without a label or a scope (refused, with the field's message)", async () => {
    const w = world()
    const denied = await w.attempt(createIntegrationKey(anAgent("billing"), { label: "ERP", scopes: ["billing:read"] }))
    expect(Either.isLeft(denied) && denied.left._tag).toBe("PermissionDenied")
    const invalid = await w.attempt(createIntegrationKey(admin, { label: "", scopes: [] }))
    expect(Either.isLeft(invalid) && invalid.left._tag).toBe("InvalidInput")
    const messages = Either.isLeft(invalid) && invalid.left._tag === "InvalidInput" ? invalid.left.problems.map((p) => `${p.path}: ${p.message}`) : []
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^label: Donnez un nom/), "scopes: Cochez au moins un droit pour cette clé."]))
    const unknownScope = await w.attempt(createIntegrationKey(admin, { label: "ERP", scopes: ["everything"] }))
    expect(Either.isLeft(unknownScope) && unknownScope.left._tag).toBe("InvalidInput")
    expect((await w.audit()).map((r) => r.outcome)).toEqual(["refused", "refused", "denied"])
    expect(await w.run(listIntegrationKeys)).toEqual([])
  })

  it("authenticate on the agents' API only: a family key is refused there (otherApi) and an integration key on the families' API", async () => {
    const w = world()
    const created = await w.run(createIntegrationKey(admin, { label: "ERP", scopes: ["households:read"] }))
    const key = await w.run(authenticateIntegrationKey(created.token))
    expect(key.id).toBe(created.key.id)
    expect(key.lastUsedAt).toBe("2026-11-26T08:00:00.000Z")
    const onFamilyApi = await w.attempt(authenticateApiKey(created.token))
    expect(Either.isLeft(onFamilyApi) && onFamilyApi.left._tag === "ApiKeyRejected" && onFamilyApi.left.reason).toBe("otherApi")
    const family = await w.run(createApiKey({ _tag: "Family", accountId: AccountId.make("acc-concerto"), householdId: HouseholdId.make("hh-concerto") }, { label: "Agenda" }))
    const familyHere = await w.attempt(authenticateIntegrationKey(family.token))
    expect(Either.isLeft(familyHere) && familyHere.left._tag === "ApiKeyRejected" && familyHere.left.reason).toBe("otherApi")
    const malformed = await w.attempt(authenticateIntegrationKey("spe_nope"))
    expect(Either.isLeft(malformed) && malformed.left._tag === "ApiKeyRejected" && malformed.left.reason).toBe("malformed")
    expect((await w.run(listIntegrationKeys)).map((k) => k.id)).toEqual([created.key.id])
  })

  it("check their scopes, naming the missing one; act and are journaled under the key's name", async () => {
    const w = world()
    const { key } = await w.run(createIntegrationKey(admin, { label: "ERP", scopes: ["billing:read"] }))
    expect(Either.isRight(requireApiScope(key, "billing:read"))).toBe(true)
    const missing = requireApiScope(key, "payments:write")
    expect(Either.isLeft(missing) && missing.left.message).toContain("payments:write")
    expect(integrationActor(key)).toMatchObject({ accountId: `api-key:${key.id}`, role: "admin" })
    await w.run(recordApiCall(key, { action: "api.payments.record", scope: "payments:write", target: { kind: "payment", id: "?" }, outcome: "denied", reason: "scope" }))
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "api.payments.record", permission: "payments.record", outcome: "denied", actorAccountId: `api-key:${key.id}`, actorName: `Clé d'API « ERP » (${key.prefix})` })
  })

  it("are revoked by an admin (audited, before and after), then refused; a family's key cannot be revoked here", async () => {
    const w = world()
    const created = await w.run(createIntegrationKey(admin, { label: "ERP", scopes: ["billing:read"] }))
    w.clock.advanceMinutes(5)
    const revoked = await w.run(revokeIntegrationKey(admin, { keyId: created.key.id }))
    expect(revoked.revokedAt).toBe("2026-11-26T08:05:00.000Z")
    const refused = await w.attempt(authenticateIntegrationKey(created.token))
    expect(Either.isLeft(refused) && refused.left._tag === "ApiKeyRejected" && refused.left.reason).toBe("revoked")
    const family = await w.run(createApiKey({ _tag: "Family", accountId: AccountId.make("acc-concerto"), householdId: HouseholdId.make("hh-concerto") }, { label: "Agenda" }))
    const notHere = await w.attempt(revokeIntegrationKey(admin, { keyId: family.key.id }))
    expect(Either.isLeft(notHere) && notHere.left._tag).toBe("ApiKeyNotFound")
    const stillActive = await w.run(Effect.flatMap(ApiKeyRepository, (keys) => keys.get(family.key.id)))
    expect(stillActive.revokedAt).toBeUndefined()
    const records = await w.audit()
    const done = records.find((r) => r.action === "integrations.keys.revoke" && r.outcome === "done")
    expect(done?.target.id).toBe(created.key.id)
    expect(JSON.stringify(done?.before)).not.toContain("revokedAt")
    expect(JSON.stringify(done?.after)).toContain("revokedAt")
  })
})
