import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import { decideLoginAttempt, defaultLoginThrottleSettings, LoginThrottleSettings } from "../../src/account/LoginThrottling.js"

const start = Instant.unsafe("2026-06-15T06:30:00Z")
const at = (minutes: number) => Instant.plusMinutes(start, minutes)

const settingsArbitrary = fc
  .record({
    identifierMaxFailures: fc.integer({ min: 1, max: 8 }),
    identifierWindowMinutes: fc.integer({ min: 1, max: 30 }),
    identifierLockMinutes: fc.integer({ min: 0, max: 30 }),
    addressMaxFailures: fc.integer({ min: 1, max: 12 }),
    addressWindowMinutes: fc.integer({ min: 1, max: 30 }),
    addressDelayMinutes: fc.integer({ min: 0, max: 10 })
  })
  .map((s) => new LoginThrottleSettings(s))

const attemptsArbitrary = fc.array(
  fc.record({ afterSeconds: fc.integer({ min: 0, max: 400 }), identifier: fc.constantFrom("anne", "paul", "zoe") }),
  { maxLength: 120 }
)

const mostInAnyWindow = (failures: ReadonlyArray<number>, windowMillis: number): number =>
  Math.max(0, ...failures.map((end) => failures.filter((f) => f > end - windowMillis && f <= end).length))

describe("Login throttling", () => {
  it("locks an identifier for 15 minutes after 5 failures in 15 minutes", () => {
    const five = [at(0), at(2), at(4), at(6), at(8)]
    const locked = decideLoginAttempt({ forIdentifier: five, fromAddress: five }, at(9))
    expect(Either.isLeft(locked)).toBe(true)
    if (Either.isLeft(locked)) {
      expect(locked.left.scope).toBe("identifier")
      expect(locked.left.retryAfter).toBe(at(23))
      expect(locked.left.message).toBe(
        "Trop de tentatives de connexion ont échoué avec cet identifiant : par sécurité, la connexion est suspendue jusqu'au lundi 15 juin 2026 à 08:53. Si vous avez oublié votre mot de passe, utilisez « J'ai oublié mon mot de passe »."
      )
    }
    expect(Either.isRight(decideLoginAttempt({ forIdentifier: five, fromAddress: five }, at(23)))).toBe(true)
    expect(Either.isRight(decideLoginAttempt({ forIdentifier: five.slice(1), fromAddress: [] }, at(9)))).toBe(true)
  })

  it("delays an address after 20 failures in 15 minutes, whatever the identifiers", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => at(i * 0.5))
    const delayed = decideLoginAttempt({ forIdentifier: [], fromAddress: twenty }, at(10))
    expect(Either.isLeft(delayed) && delayed.left.scope).toBe("address")
    expect(Either.isLeft(delayed) && delayed.left.retryAfter).toBe(at(15))
    expect(Either.isLeft(delayed) && delayed.left.message).toContain("depuis votre accès internet")
    expect(Either.isRight(decideLoginAttempt({ forIdentifier: [], fromAddress: twenty }, at(15)))).toBe(true)
  })

  test.prop([settingsArbitrary, attemptsArbitrary])(
    "throttling never allows more than N failures in the window",
    (settings, attempts) => {
      const startMillis = Instant.toEpochMillis(start)
      let now = startMillis
      const perIdentifier = new Map<string, Array<number>>()
      const fromAddress: Array<number> = []
      for (const attempt of attempts) {
        now += attempt.afterSeconds * 1000
        const mine = perIdentifier.get(attempt.identifier) ?? []
        const decision = decideLoginAttempt(
          { forIdentifier: mine.map(Instant.fromEpochMillis), fromAddress: fromAddress.map(Instant.fromEpochMillis) },
          Instant.fromEpochMillis(now),
          settings
        )
        if (Either.isRight(decision)) {
          perIdentifier.set(attempt.identifier, [...mine, now])
          fromAddress.push(now)
        } else {
          expect(Instant.toEpochMillis(decision.left.retryAfter)).toBeGreaterThan(now)
        }
      }
      for (const failures of perIdentifier.values()) {
        expect(mostInAnyWindow(failures, settings.identifierWindowMinutes * 60_000)).toBeLessThanOrEqual(settings.identifierMaxFailures)
      }
      expect(mostInAnyWindow(fromAddress, settings.addressWindowMinutes * 60_000)).toBeLessThanOrEqual(settings.addressMaxFailures)
    }
  )

  test.prop([fc.array(fc.integer({ min: 0, max: 14 * 60 }), { maxLength: 30 }), fc.integer({ min: 0, max: 60 * 60 })])(
    "a throttled login is allowed again at the instant it was told",
    (secondsAgo, waitSeconds) => {
      const now = Instant.plusMillis(start, 3600_000 + waitSeconds * 1000)
      const failures = secondsAgo.map((s) => Instant.plusMillis(now, -s * 1000))
      const decision = decideLoginAttempt({ forIdentifier: failures, fromAddress: failures }, now, defaultLoginThrottleSettings)
      if (Either.isLeft(decision)) {
        const retry = decision.left.retryAfter
        expect(Either.isRight(decideLoginAttempt({ forIdentifier: failures, fromAddress: failures }, retry))).toBe(true)
      } else expect(secondsAgo.length).toBeLessThan(defaultLoginThrottleSettings.identifierMaxFailures)
    }
  )
})
