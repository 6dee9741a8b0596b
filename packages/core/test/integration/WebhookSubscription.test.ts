import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { isLoopbackHost, webhookSecretFrom, webhookUrlProblem, WebhookUrl } from "../../src/integration/WebhookSubscription.js"

describe("where webhooks may go", () => {
  it("accepts https addresses, with a port, a path and a query", () => {
    for (const url of ["https://logiciel.mairie.fr/hooks", "https://10.0.0.4:8443/spe?source=portail", "https://[2001:db8::1]/x", "https://exemple.fr"]) {
      expect(webhookUrlProblem(url)).toBeUndefined()
    }
  })

  it("accepts plain http only on this machine", () => {
    expect(["localhost", "127.0.0.1", "127.1.2.3", "[::1]"].every(isLoopbackHost)).toBe(true)
    expect(webhookUrlProblem("http://127.0.0.1:8080/hooks")).toBeUndefined()
    expect(webhookUrlProblem("http://localhost/hooks")).toBeUndefined()
    expect(webhookUrlProblem("http://logiciel.mairie.fr/hooks")).toContain("https://")
    expect(webhookUrlProblem("http://127.0.0.1.nip.io/hooks")).toContain("https://")
  })

  it("refuses credentials, fragments, other schemes and relative addresses", () => {
    for (const url of ["https://moi:secret@logiciel.fr/", "https://logiciel.fr/#x", "ftp://logiciel.fr/", "/hooks", "logiciel.fr", "https://logiciel fr/"]) {
      expect(webhookUrlProblem(url)).toContain("adresse complète")
    }
  })

  it("trims the address and says why it is refused", () => {
    expect(Schema.decodeUnknownEither(WebhookUrl)("  https://logiciel.fr/hooks ")).toEqual(Either.right("https://logiciel.fr/hooks"))
    expect(Either.isLeft(Schema.decodeUnknownEither(WebhookUrl)(`https://logiciel.fr/${"a".repeat(2000)}`))).toBe(true)
  })

  it("makes a secret of whsec_ and 64 hexadecimal characters from 32 random bytes", () => {
    expect(webhookSecretFrom(new Uint8Array(32).fill(0xab))).toBe(`whsec_${"ab".repeat(32)}`)
    expect(() => webhookSecretFrom(new Uint8Array(8))).toThrow(RangeError)
  })
})
