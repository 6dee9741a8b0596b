import { Schema } from "effect"
import { AccountId, HouseholdId } from "../shared/Ids.js"
import { AgentRole } from "./Permission.js"

/** A family's account acting on the portal; `householdId` is absent until the account is linked. */
export class FamilyActor extends Schema.TaggedClass<FamilyActor>()("FamilyActor", {
  accountId: AccountId,
  householdId: Schema.optional(HouseholdId)
}) {}

/** A town agent acting in the back office, with the role that sets what they may do. */
export class AgentActor extends Schema.TaggedClass<AgentActor>()("AgentActor", {
  accountId: AccountId,
  displayName: Schema.NonEmptyTrimmedString,
  role: AgentRole
}) {}

/** Whoever acts: a family's account or an agent's. */
export const PortalActor = Schema.Union(FamilyActor, AgentActor).annotations({ identifier: "PortalActor" })
export type PortalActor = typeof PortalActor.Type
