import {
  AccountId,
  AccountLogin,
  AccountRepository,
  ApiKeyRepository,
  authenticateApiKey,
  createApiKey,
  HouseholdId,
  Instant,
  listApiKeys,
  maxActiveApiKeys,
  revokeApiKey,
  Sha256Hex
} from "@spe/core"
import { Effect, Either, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { aFamilyAccount } from "./AccountFixtures.js"
import { apiKeyRepositoryContract } from "./ApiKeyRepositoryContract.js"
import { inMemoryAccountRepository } from "./InMemoryAccountRepository.js"
import { inMemoryApiKeyRepository } from "./InMemoryApiKeyRepository.js"
import { nodeDigest, sha256HexSync } from "./NodeDigest.js"
import { seededSecretGenerator } from "./SeededSecretGenerator.js"

apiKeyRepositoryContract("in memory", () => inMemoryApiKeyRepository())

const anne = { _tag: "Family", accountId: AccountId.make("acc-concerto"), householdId: HouseholdId.make("hh-concerto") } as const
const paul = { _tag: "Family", accountId: AccountId.make("acc-paul"), householdId: HouseholdId.make("hh-concerto") } as const

const world = async () => {
  const clock = makeTestClock("2026-11-26T08:00:00Z")
  const layer = Layer.mergeAll(clock.layer, sequentialIds(), seededSecretGenerator(), nodeDigest(), inMemoryApiKeyRepository(), inMemoryAccountRepository())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  await run(Effect.flatMap(AccountRepository, (accounts) => accounts.save(aFamilyAccount())))
  await run(Effect.flatMap(AccountRepository, (accounts) => accounts.save(aFamilyAccount({ id: AccountId.make("acc-paul"), login: AccountLogin.make("papa.concerto") }))))
  return { clock, run, attempt: <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect)) }
}

describe("API keys", () => {
  it("are created with a token spe_<prefix>_<secret> of 256 bits given once; only the secret's SHA-256 is stored", async () => {
    const w = await world()
    const created = await w.run(createApiKey(anne, { label: "  Agenda du téléphone  " }))
    expect(created.token).toMatch(/^spe_[a-z0-9]{8}_[0-9a-f]{64}$/)
    const secret = created.token.slice(13)
    expect(created.token.slice(4, 12)).toBe(created.key.prefix)
    expect(created.key.secretHash).toBe(sha256HexSync(secret))
    expect(created.key.label).toBe("Agenda du téléphone")
    expect(created.key.expiresAt).toBeUndefined()
    const stored = await w.run(Effect.flatMap(ApiKeyRepository, (keys) => keys.get(created.key.id)))
    expect(JSON.stringify(stored)).not.toContain(secret)
    const second = await w.run(createApiKey(anne, { label: "Autre" }))
    expect(second.token).not.toBe(created.token)
  })

  it("refuse a missing or too long label, and a validity that is not 1 to 3650 days, in French", async () => {
    const w = await world()
    const blank = await w.attempt(createApiKey(anne, { label: "   " }))
    const long = await w.attempt(createApiKey(anne, { label: "x".repeat(81) }))
    const days = await w.attempt(createApiKey(anne, { label: "Agenda", validForDays: 0 }))
    for (const [result, path, words] of [[blank, "label", "Donnez un nom"], [long, "label", "80 caractères"], [days, "validForDays", "3650 jours"]] as const) {
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result) && result.left._tag === "InvalidInput") {
        expect(result.left.problems[0]?.path).toBe(path)
        expect(result.left.problems[0]?.message).toContain(words)
      } else throw new Error("expected InvalidInput")
    }
  })

  it("expire after the chosen number of days", async () => {
    const w = await world()
    const created = await w.run(createApiKey(anne, { label: "Agenda", validForDays: 30 }))
    expect(created.key.expiresAt).toBe(Instant.unsafe("2026-12-26T08:00:00Z"))
    w.clock.set(Instant.unsafe("2026-12-26T07:59:59Z"))
    expect(Either.isRight(await w.attempt(authenticateApiKey(created.token)))).toBe(true)
    w.clock.set(Instant.unsafe("2026-12-26T08:00:00Z"))
    const refused = await w.attempt(authenticateApiKey(created.token))
    expect(Either.isLeft(refused) && refused.left._tag === "ApiKeyRejected" && refused.left.reason).toBe("expired")
    expect(Either.isLeft(refused) && refused.left.message).toContain("a expiré le")
  })

  it("authenticate a valid token with its account, and record the use at most once a minute", async () => {
    const w = await world()
    const created = await w.run(createApiKey(anne, { label: "Agenda" }))
    const first = await w.run(authenticateApiKey(created.token))
    expect(first.account.id).toBe("acc-concerto")
    expect(first.key.lastUsedAt).toBe(Instant.unsafe("2026-11-26T08:00:00Z"))
    w.clock.set(Instant.unsafe("2026-11-26T08:00:59Z"))
    await w.run(authenticateApiKey(created.token))
    const stored = await w.run(Effect.flatMap(ApiKeyRepository, (keys) => keys.get(created.key.id)))
    expect(stored.lastUsedAt).toBe(Instant.unsafe("2026-11-26T08:00:00Z"))
    w.clock.set(Instant.unsafe("2026-11-26T08:01:00Z"))
    await w.run(authenticateApiKey(created.token))
    const later = await w.run(Effect.flatMap(ApiKeyRepository, (keys) => keys.get(created.key.id)))
    expect(later.lastUsedAt).toBe(Instant.unsafe("2026-11-26T08:01:00Z"))
  })

  it("refuse a malformed token, an unknown secret, a known secret with another prefix", async () => {
    const w = await world()
    const created = await w.run(createApiKey(anne, { label: "Agenda" }))
    const reasons = []
    for (const token of ["Bearer x", "spe_short_abc", `spe_zzzzzzzz_${created.token.slice(13)}`, `${created.token.slice(0, 13)}${"0".repeat(64)}`]) {
      const result = await w.attempt(authenticateApiKey(token))
      reasons.push(Either.isLeft(result) && result.left._tag === "ApiKeyRejected" ? result.left.reason : "accepted")
    }
    expect(reasons).toEqual(["malformed", "malformed", "unknown", "unknown"])
  })

  it("refuse a key whose account is disabled or linked to another household", async () => {
    const w = await world()
    const created = await w.run(createApiKey(anne, { label: "Agenda" }))
    await w.run(Effect.flatMap(AccountRepository, (accounts) => accounts.save(aFamilyAccount({ holder: { _tag: "Family", householdId: HouseholdId.make("hh-other") } }))))
    const moved = await w.attempt(authenticateApiKey(created.token))
    expect(Either.isLeft(moved) && moved.left._tag === "ApiKeyRejected" && moved.left.reason).toBe("account")
    await w.run(Effect.flatMap(AccountRepository, (accounts) => accounts.save(aFamilyAccount({ disabledAt: Instant.unsafe("2026-11-26T08:00:00Z") }))))
    const disabled = await w.attempt(authenticateApiKey(created.token))
    expect(Either.isLeft(disabled) && disabled.left._tag === "ApiKeyRejected" && disabled.left.reason).toBe("account")
  })

  it("are listed per account newest first, revoked by their account only, and refused once revoked", async () => {
    const w = await world()
    const first = await w.run(createApiKey(anne, { label: "Premier" }))
    w.clock.set(Instant.unsafe("2026-11-26T09:00:00Z"))
    const second = await w.run(createApiKey(anne, { label: "Second" }))
    await w.run(createApiKey(paul, { label: "Celui de Papa" }))
    expect((await w.run(listApiKeys(anne.accountId))).map((k) => k.label)).toEqual(["Second", "Premier"])
    const foreign = await w.attempt(revokeApiKey(paul.accountId, first.key.id))
    expect(Either.isLeft(foreign) && foreign.left._tag).toBe("ApiKeyNotFound")
    const unknown = await w.attempt(revokeApiKey(anne.accountId, "key-999"))
    expect(Either.isLeft(unknown) && unknown.left._tag).toBe("ApiKeyNotFound")
    const revoked = await w.run(revokeApiKey(anne.accountId, first.key.id))
    expect(revoked.revokedAt).toBe(Instant.unsafe("2026-11-26T09:00:00Z"))
    const refused = await w.attempt(authenticateApiKey(first.token))
    expect(Either.isLeft(refused) && refused.left._tag === "ApiKeyRejected" && refused.left.reason).toBe("revoked")
    expect(Either.isRight(await w.attempt(authenticateApiKey(second.token)))).toBe(true)
    const again = await w.run(revokeApiKey(anne.accountId, first.key.id))
    expect(again.revokedAt).toBe(Instant.unsafe("2026-11-26T09:00:00Z"))
  })

  it(`allow ${maxActiveApiKeys} active keys per account; a revoked one frees a place`, async () => {
    const w = await world()
    const created: Array<{ readonly key: { readonly id: string }; readonly token: string }> = []
    for (let i = 0; i < maxActiveApiKeys; i++) created.push(await w.run(createApiKey(anne, { label: `Jeton ${i}` })))
    const refused = await w.attempt(createApiKey(anne, { label: "Un de trop" }))
    expect(Either.isLeft(refused) && refused.left._tag).toBe("ApiKeyLimitReached")
    expect(Either.isRight(await w.attempt(createApiKey(paul, { label: "Celui de Papa" })))).toBe(true)
    await w.run(revokeApiKey(anne.accountId, created[0]?.key.id ?? ""))
    expect(Either.isRight(await w.attempt(createApiKey(anne, { label: "Remplaçant" })))).toBe(true)
    expect(Option.isSome(await w.run(Effect.flatMap(ApiKeyRepository, (keys) => keys.findBySecretHash(Sha256Hex.make(sha256HexSync(created[1]?.token.slice(13) ?? ""))))))).toBe(true)
  })
})
