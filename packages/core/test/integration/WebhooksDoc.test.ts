import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { allIntegrationEventTypes, ReservationChange } from "../../src/integration/IntegrationEvent.js"
import { defaultRetryPolicy } from "../../src/notification/RetryPolicy.js"

const doc = readFileSync(new URL("../../../../docs/integration.md", import.meta.url), "utf8")
const start = doc.indexOf("\n## Webhooks\n")
const end = doc.indexOf("\n## ", start + 1)
const webhooks = start < 0 ? "" : doc.slice(start, end < 0 ? undefined : end)

describe("docs/integration.md, Webhooks", () => {
  it("documents every event type, every change of a reservation and every header", () => {
    for (const type of allIntegrationEventTypes) expect(webhooks).toContain(`| \`${type}\` |`)
    for (const change of ReservationChange.literals) expect(webhooks).toContain(`\`${change}\``)
    for (const header of ["Spe-Signature", "Spe-Event-Id", "Spe-Event-Type", "User-Agent: spe-webhooks", "Content-Type: application/json"]) expect(webhooks).toContain(header)
  })

  it("states the retry policy the delivery uses", () => {
    expect(defaultRetryPolicy).toMatchObject({ firstDelaySeconds: 60, multiplier: 2, maxDelaySeconds: 6 * 3600, maxAttempts: 12 })
    expect(webhooks.replace(/\s+/g, " ")).toContain("waits 1 minute × 2^(n−1), at most 6 hours; after 12 attempts")
  })
})
