import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import { HouseholdId } from "../../src/shared/Ids.js"
import { Sha256Hex } from "../../src/account/Digest.js"
import { HouseholdLinkCode, matchLetterCode, normalizeHouseholdReference, normalizeLetterCode } from "../../src/account/HouseholdLinkCode.js"

const letter = new HouseholdLinkCode({
  householdId: HouseholdId.make("hh-concerto"),
  reference: "FAM-000042",
  codeHash: Sha256Hex.make("c".repeat(64)),
  expiresAt: Instant.unsafe("2026-09-30T22:00:00Z")
})
const now = Instant.unsafe("2026-06-15T08:00:00Z")

describe("Letter codes", () => {
  it("link when the reference (typed loosely) and the code hash match before expiry", () => {
    expect(matchLetterCode(letter, " fam-000042", "c".repeat(64), now)).toEqual(Either.right("hh-concerto"))
  })

  it("refuse a wrong code, another reference, an expired letter or no letter, with one message", () => {
    const refusals = [
      matchLetterCode(letter, "FAM-000042", "d".repeat(64), now),
      matchLetterCode(letter, "FAM-000043", "c".repeat(64), now),
      matchLetterCode(letter, "FAM-000042", "c".repeat(64), Instant.unsafe("2026-09-30T22:00:00Z")),
      matchLetterCode(undefined, "FAM-000042", "c".repeat(64), now)
    ]
    for (const r of refusals) expect(Either.isLeft(r) && r.left._tag).toBe("LetterCodeMismatch")
    const first = refusals[0]
    expect(first !== undefined && Either.isLeft(first) && first.left.message).toContain("laissez ces deux champs vides")
  })

  it("normalizes what families type", () => {
    expect(normalizeHouseholdReference(" fam - 0042 ")).toBe("FAM-0042")
    expect(normalizeLetterCode("K7PM-X3RT 9QAZ")).toBe("k7pmx3rt9qaz")
  })
})
