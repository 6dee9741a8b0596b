import { fc, test } from "@fast-check/vitest"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { AccountLogin } from "../../src/account/Account.js"
import { hexOf, loginFromReference, readableAlphabet, temporaryPasswordFrom } from "../../src/account/Secrets.js"

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n })

describe("Readable secrets", () => {
  it("makes readable temporary passwords and identifiers from bytes", () => {
    const sixteen = Uint8Array.from({ length: 16 }, (_, i) => i * 17)
    expect(temporaryPasswordFrom(sixteen)).toBe("aucw-eyg1-j3m5-p7r9")
    expect(temporaryPasswordFrom(new Uint8Array(16))).toBe("aaaa-aaaa-aaaa-aaaa")
    expect(loginFromReference("FAM-000042", Uint8Array.from([0, 1, 31, 32]))).toBe("fam000042.ab9a")
    expect(loginFromReference("Élodie & Cie", new Uint8Array(4))).toBe("elodiecie.aaaa")
    expect(loginFromReference("--", new Uint8Array(4))).toBe("famille.aaaa")
    expect(hexOf(Uint8Array.from([0, 15, 255]))).toBe("000fff")
    expect(readableAlphabet).toHaveLength(32)
    expect(readableAlphabet).not.toMatch(/[ilo0]/)
  })

  test.prop([bytes(16)])("a temporary password is 16 readable characters in 4 groups", (random) => {
    expect(temporaryPasswordFrom(random)).toMatch(/^[a-hjkmnp-z1-9]{4}(-[a-hjkmnp-z1-9]{4}){3}$/)
  })

  test.prop([fc.string({ maxLength: 80 }), bytes(4)])("a generated identifier is always a valid login", (reference, random) => {
    expect(Either.isRight(Schema.decodeUnknownEither(AccountLogin)(loginFromReference(reference, random)))).toBe(true)
  })
})
