import { Either, Option } from "effect"
import { describe, expect, it } from "vitest"
import {
  AccountId,
  ApiKey,
  ApiKeyId,
  apiKeyPartsFrom,
  ApiKeyPrefix,
  apiKeyStatus,
  apiKeyToken,
  checkApiKey,
  HouseholdId,
  Instant,
  parseApiKeyToken,
  Sha256Hex,
  shouldRecordApiKeyUse
} from "../../src/index.js"

const t = (minute: number) => Instant.plusMinutes(Instant.unsafe("2026-11-26T08:00:00Z"), minute)
const key = (extra: Partial<ApiKey> = {}) =>
  new ApiKey({
    id: ApiKeyId.make("key-1"),
    prefix: ApiKeyPrefix.make("k7pmx3rt"),
    secretHash: Sha256Hex.make("a".repeat(64)),
    label: "Agenda",
    holder: { _tag: "Family", accountId: AccountId.make("acc-1"), householdId: HouseholdId.make("hh-1") },
    createdAt: t(0),
    ...extra
  })

describe("API key tokens", () => {
  it("are spe_, a readable prefix, _, and 64 hexadecimal characters, read back the same", () => {
    const { prefix, secret } = apiKeyPartsFrom(new Uint8Array(8).fill(3), new Uint8Array(32).fill(255))
    expect(prefix).toBe("dddddddd")
    expect(secret).toBe("ff".repeat(32))
    const token = apiKeyToken(prefix, secret)
    expect(Option.getOrThrow(parseApiKeyToken(token))).toEqual({ prefix, secret })
    for (const bad of ["", "spe__", `spe_${prefix}_${secret}x`, `SPE_${prefix}_${secret}`, `spe_${prefix}_${secret.toUpperCase()}`, ` ${token}`]) {
      expect(Option.isNone(parseApiKeyToken(bad))).toBe(true)
    }
  })

  it("are active until revoked or until their expiry, revocation first", () => {
    expect(apiKeyStatus(key(), t(5))).toBe("active")
    expect(apiKeyStatus(key({ expiresAt: t(10) }), t(9))).toBe("active")
    expect(apiKeyStatus(key({ expiresAt: t(10) }), t(10))).toBe("expired")
    expect(apiKeyStatus(key({ expiresAt: t(10), revokedAt: t(2) }), t(20))).toBe("revoked")
  })

  it("are checked against the prefix of the token presented, then their status, each refusal in French", () => {
    expect(Either.isRight(checkApiKey(key(), ApiKeyPrefix.make("k7pmx3rt"), t(1)))).toBe(true)
    const reasons = [
      checkApiKey(undefined, ApiKeyPrefix.make("k7pmx3rt"), t(1)),
      checkApiKey(key(), ApiKeyPrefix.make("aaaaaaaa"), t(1)),
      checkApiKey(key({ revokedAt: t(0) }), ApiKeyPrefix.make("k7pmx3rt"), t(1)),
      checkApiKey(key({ expiresAt: t(1) }), ApiKeyPrefix.make("k7pmx3rt"), t(1))
    ].map((r) => (Either.isLeft(r) ? [r.left.reason, r.left.message] : ["accepted", ""]))
    expect(reasons.map(([reason]) => reason)).toEqual(["unknown", "unknown", "revoked", "expired"])
    expect(reasons[2]?.[1]).toContain("révoqué le jeudi 26 novembre 2026")
  })

  it("have their use written at most once a minute", () => {
    expect(shouldRecordApiKeyUse(key(), t(0))).toBe(true)
    expect(shouldRecordApiKeyUse(key({ lastUsedAt: t(0) }), Instant.plusMillis(t(1), -1))).toBe(false)
    expect(shouldRecordApiKeyUse(key({ lastUsedAt: t(0) }), t(1))).toBe(true)
  })
})
