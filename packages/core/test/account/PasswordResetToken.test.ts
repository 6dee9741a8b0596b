import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import { AccountId } from "../../src/shared/Ids.js"
import { Sha256Hex } from "../../src/account/Digest.js"
import { checkPasswordResetToken, issuePasswordResetToken, PasswordResetToken } from "../../src/account/PasswordResetToken.js"

const account = AccountId.make("acc-1")
const hash = Sha256Hex.make("a".repeat(64))
const instants = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }).map(Instant.fromEpochMillis)
const HOUR = 3_600_000

describe("Password-reset tokens", () => {
  it("expire one hour after issue, with the time in the message", () => {
    const token = issuePasswordResetToken(account, hash, Instant.unsafe("2026-03-27T17:00:00Z"))
    expect(token.expiresAt).toBe("2026-03-27T18:00:00.000Z")
    const late = checkPasswordResetToken(token, Instant.unsafe("2026-03-27T18:00:00Z"))
    expect(Either.isLeft(late) && late.left.message).toBe(
      "Ce lien de réinitialisation du mot de passe ne fonctionnait qu'une heure, jusqu'au vendredi 27 mars 2026 à 19:00. Demandez un nouveau lien avec « J'ai oublié mon mot de passe »."
    )
    const unknown = checkPasswordResetToken(undefined, Instant.unsafe("2026-03-27T17:10:00Z"))
    expect(Either.isLeft(unknown) && unknown.left.problem).toBe("unknown")
  })

  test.prop([instants, fc.integer({ min: 0, max: 3 * HOUR })])(
    "a reset token works only before its hour is over",
    (issuedAt, elapsed) => {
      const token = issuePasswordResetToken(account, hash, issuedAt)
      const checked = checkPasswordResetToken(token, Instant.plusMillis(issuedAt, elapsed))
      expect(Either.isRight(checked)).toBe(elapsed < HOUR)
      if (Either.isLeft(checked)) expect(checked.left.problem).toBe("expired")
    }
  )

  test.prop([instants, fc.integer({ min: 0, max: HOUR - 1 }), fc.integer({ min: 0, max: 3 * HOUR })])(
    "a used reset token never works again",
    (issuedAt, usedAfter, triedAfter) => {
      const used = new PasswordResetToken({ ...issuePasswordResetToken(account, hash, issuedAt), usedAt: Instant.plusMillis(issuedAt, usedAfter) })
      const checked = checkPasswordResetToken(used, Instant.plusMillis(issuedAt, triedAfter))
      expect(Either.isLeft(checked) && checked.left.problem).toBe("used")
    }
  )
})
