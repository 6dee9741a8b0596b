import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { AgentActor, FamilyActor } from "../../src/account/Actor.js"
import { AccountId, HouseholdId } from "../../src/shared/Ids.js"
import { canReadDocument, DocumentAccessDenied } from "../../src/document/DocumentAccess.js"

const households = fc.constantFrom("hh-1", "hh-2", "hh-3").map((h) => HouseholdId.make(h))
const viewers = fc.oneof(
  fc.tuple(fc.option(households, { nil: undefined }), fc.integer({ min: 1, max: 9 })).map(
    ([householdId, n]) => new FamilyActor({ accountId: AccountId.make(`acc-${n}`), ...(householdId === undefined ? {} : { householdId }) })
  ),
  fc.constantFrom("reader", "agent", "billing", "admin").map(
    (role) => new AgentActor({ accountId: AccountId.make("acc-agent"), displayName: "Agent", role: role as "reader" | "agent" | "billing" | "admin" })
  )
)

describe("Reading documents", () => {
  test.prop([viewers, households])("only the owner household and agents can read a document", (viewer, owner) => {
    const expected = viewer._tag === "AgentActor" || viewer.householdId === owner
    expect(canReadDocument(viewer, { householdId: owner })).toBe(expected)
  })

  it("tells a family the document belongs to another household", () => {
    expect(new DocumentAccessDenied({ accountId: AccountId.make("acc-1") }).message).toBe(
      "Ces justificatifs appartiennent à un autre foyer : seuls ce foyer et les agents du Service à la Population peuvent les consulter."
    )
  })
})
