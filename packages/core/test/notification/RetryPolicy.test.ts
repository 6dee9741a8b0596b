import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import { defaultRetryPolicy, nextAttemptAfterFailure, RetryPolicy, retryDelaySeconds } from "../../src/notification/RetryPolicy.js"

const policyArbitrary = fc
  .record({
    firstDelaySeconds: fc.integer({ min: 1, max: 3600 }),
    multiplier: fc.integer({ min: 1, max: 10 }),
    extra: fc.integer({ min: 0, max: 86_400 }),
    maxAttempts: fc.integer({ min: 1, max: 50 })
  })
  .map(({ extra, ...p }) => new RetryPolicy({ ...p, maxDelaySeconds: p.firstDelaySeconds + extra }))

const NOW = Instant.unsafe("2026-03-27T08:00:00Z")

describe("RetryPolicy", () => {
  it("waits one minute, then doubles, up to six hours, by default", () => {
    expect([1, 2, 3, 4, 9, 10, 11].map((n) => retryDelaySeconds(defaultRetryPolicy, n))).toEqual([60, 120, 240, 480, 15_360, 21_600, 21_600])
    expect(nextAttemptAfterFailure(defaultRetryPolicy, 1, NOW)).toBe("2026-03-27T08:01:00.000Z")
    expect(nextAttemptAfterFailure(defaultRetryPolicy, 11, NOW)).toBe("2026-03-27T14:00:00.000Z")
  })

  it("gives up after the last attempt allowed", () => {
    expect(nextAttemptAfterFailure(defaultRetryPolicy, 12, NOW)).toBeNull()
    expect(nextAttemptAfterFailure(new RetryPolicy({ firstDelaySeconds: 1, multiplier: 2, maxDelaySeconds: 1, maxAttempts: 1 }), 1, NOW)).toBeNull()
  })

  it("refuses a first delay longer than the longest one", () => {
    expect(() => new RetryPolicy({ firstDelaySeconds: 600, multiplier: 2, maxDelaySeconds: 60, maxAttempts: 3 })).toThrow(/premier délai/)
  })

  test.prop([policyArbitrary, fc.integer({ min: 1, max: 200 })])("backoff is non-decreasing and capped", (policy, attempts) => {
    const delay = retryDelaySeconds(policy, attempts)
    expect(delay).toBeGreaterThanOrEqual(policy.firstDelaySeconds)
    expect(delay).toBeLessThanOrEqual(policy.maxDelaySeconds)
    expect(retryDelaySeconds(policy, attempts + 1)).toBeGreaterThanOrEqual(delay)
  })

  test.prop([policyArbitrary, fc.integer({ min: 1, max: 60 })])("a mail is tried again exactly until its last attempt allowed", (policy, attempts) => {
    const next = nextAttemptAfterFailure(policy, attempts, NOW)
    if (attempts >= policy.maxAttempts) expect(next).toBeNull()
    else expect(next).toBe(Instant.plusMillis(NOW, retryDelaySeconds(policy, attempts) * 1000))
  })
})
