import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { signLink, verifyLink } from "./SignedLinks.js"

const secret = "un-secret-de-trente-deux-caracteres-au-moins"

describe("signed links", () => {
  test.prop([fc.dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.string({ maxLength: 40 }), fc.integer()), { maxKeys: 5 })])(
    "give back exactly the data they were signed with",
    (data) => {
      expect(verifyLink(secret, "calendrier", signLink(secret, "calendrier", data))).toEqual(data)
    }
  )

  test.prop([fc.string({ minLength: 1, maxLength: 40 }), fc.nat({ max: 200 })])("refuse any change of the token", (replacement, at) => {
    const token = signLink(secret, "calendrier", { householdId: "hh-1", childId: "hh-1-c1" })
    const position = at % token.length
    const changed = token.slice(0, position) + replacement + token.slice(position + 1)
    fc.pre(changed !== token)
    expect(verifyLink(secret, "calendrier", changed)).toBeUndefined()
  })

  it("refuse a token signed for another purpose or with another secret", () => {
    const token = signLink(secret, "calendrier", { childId: "hh-1-c1" })
    expect(verifyLink(secret, "courriel", token)).toBeUndefined()
    expect(verifyLink(`${secret}-autre`, "calendrier", token)).toBeUndefined()
    expect(verifyLink(secret, "calendrier", "pas-un-jeton")).toBeUndefined()
  })
})
