import { fc, test } from "@fast-check/vitest"
import { Option } from "effect"
import { describe, expect, it } from "vitest"
import * as Instant from "../../src/shared/Instant.js"
import {
  formatWebhookSignature,
  parseWebhookSignature,
  signedWebhookPayload,
  unixSeconds
} from "../../src/integration/WebhookSignature.js"

describe("what a webhook signature covers", () => {
  it("signs the timestamp, a dot and the exact body", () => {
    expect(signedWebhookPayload(1764144000, '{"id":"evt-1"}')).toBe('1764144000.{"id":"evt-1"}')
  })

  it("dates the signature in whole unix seconds", () => {
    expect(unixSeconds(Instant.unsafe("2025-11-26T08:00:00.999Z"))).toBe(1764144000)
  })

  it("writes the header as t=<seconds>,v1=<hex> and reads it back", () => {
    const hex = "0f".repeat(32)
    const header = formatWebhookSignature(1764144000, hex)
    expect(header).toBe(`t=1764144000,v1=${hex}`)
    expect(parseWebhookSignature(header)).toEqual(Option.some({ timestamp: 1764144000, signatures: [hex] }))
    expect(parseWebhookSignature(` t=1764144000, v1=${hex}, v1=${"ab".repeat(32)}, v0=ignored`)).toEqual(
      Option.some({ timestamp: 1764144000, signatures: [hex, "ab".repeat(32)] })
    )
  })

  it("reads nothing from a header without a timestamp, without a signature, or malformed", () => {
    for (const header of ["", `v1=${"0f".repeat(32)}`, "t=1764144000", `t=abc,v1=${"0f".repeat(32)}`, `t=1764144000,v1=XYZ`, `t=1=2,v1=${"0f".repeat(32)}`]) {
      expect(Option.isNone(parseWebhookSignature(header))).toBe(true)
    }
  })

  test.prop([fc.integer({ min: 0, max: 99_999_999_999 }), fc.array(fc.stringMatching(/^[0-9a-f]{64}$/), { minLength: 1, maxLength: 3 })])(
    "parses back every header it writes",
    (timestamp, signatures) => {
      const header = signatures.map((s, i) => (i === 0 ? formatWebhookSignature(timestamp, s) : `v1=${s}`)).join(",")
      expect(parseWebhookSignature(header)).toEqual(Option.some({ timestamp, signatures }))
    }
  )
})
