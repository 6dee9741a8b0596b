import { AccountRepository, ApiKeyRepository, defaultLoginThrottleSettings, parseApiKeyToken } from "@spe/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { ApiClient, apiTokenFor } from "./testing/ApiClient.js"

let t: TestPortal
let token: string
let revoked: string

beforeAll(async () => {
  t = await startTestPortal()
  token = await apiTokenFor(t, demoFamily.login)
  revoked = await apiTokenFor(t, demoFamily.login, "Ancienne application")
  const prefix = Option.getOrThrow(parseApiKeyToken(revoked)).prefix
  await t.demo.runtime.runPromise(
    Effect.gen(function* () {
      const account = Option.getOrThrow(yield* (yield* AccountRepository).findByLogin(demoFamily.login))
      const keys = yield* ApiKeyRepository
      const key = (yield* keys.listByAccount(account.id)).find((k) => k.prefix === prefix)
      if (key === undefined) throw new Error("the key just created is not listed")
      yield* keys.revoke(key.id, t.world.clock.now())
    })
  )
})

afterAll(async () => {
  await t.close()
})

describe("the API's throttling of refused tokens", () => {
  it("answers 429 problem+json with Retry-After after as many refused tokens from one address as the login page allows, then accepts a good token once the window has passed", async () => {
    const max = defaultLoginThrottleSettings.addressMaxFailures
    const good = new ApiClient(t.url, { token })
    expect((await good.get("/api/v1/household")).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await new ApiClient(t.url, { token: "pas un jeton" }).get("/api/v1/household")).status).toBe(401)
    const revokedAnswer = await new ApiClient(t.url, { token: revoked }).get("/api/v1/household")
    expect(revokedAnswer.status).toBe(401)
    expect(revokedAnswer.json.detail).toContain("a été révoqué")
    for (let i = 1; i < max; i++) {
      const unknown = await new ApiClient(t.url, { token: `spe_abcdefgh_${i.toString(16).padStart(64, "0")}` }).get("/api/v1/household")
      expect(unknown.status).toBe(401)
      expect(unknown.json.code).toBe("ApiKeyRejected")
    }
    const throttled = await good.get("/api/v1/household")
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get("content-type")).toBe("application/problem+json")
    expect(throttled.json).toMatchObject({ status: 429, code: "LoginThrottled", title: "Trop de tentatives" })
    expect(throttled.json.detail).toContain("Trop de tentatives de connexion ont échoué depuis votre accès internet")
    expect(throttled.headers.get("retry-after")).toBe(String(defaultLoginThrottleSettings.addressWindowMinutes * 60))
    expect(throttled.json.familyName).toBeUndefined()
    t.world.clock.advanceMinutes(defaultLoginThrottleSettings.addressWindowMinutes - 1)
    expect((await good.get("/api/v1/household")).status).toBe(429)
    t.world.clock.advanceMinutes(1)
    const again = await good.get("/api/v1/household")
    expect(again.status).toBe(200)
    expect(again.json.familyName).toBe("CONCERTO")
  })
})
