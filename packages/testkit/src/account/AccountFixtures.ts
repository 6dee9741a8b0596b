import {
  Account,
  AccountEmail,
  AccountId,
  AccountLogin,
  AgentActor,
  type AgentRole,
  allPermissions,
  FamilyActor,
  HouseholdId,
  Instant
} from "@spe/core"
import fc from "fast-check"

/** A family account of the seed's household, linked, with a (fake) hash; override any field. */
export function aFamilyAccount(overrides: Partial<ConstructorParameters<typeof Account>[0]> = {}): Account {
  return new Account({
    id: AccountId.make("acc-concerto"),
    login: AccountLogin.make("maman.concerto"),
    email: AccountEmail.make("a.baud@arpege.fr"),
    passwordHash: "insecure-test-sha256$s0$0000",
    mustChangeCredentials: false,
    holder: { _tag: "Family", householdId: HouseholdId.make("hh-concerto") },
    createdAt: Instant.unsafe("2026-03-02T08:00:00Z"),
    ...overrides
  })
}

/** An agent's account with a role; override any field. */
export function anAgentAccount(role: AgentRole, overrides: Partial<ConstructorParameters<typeof Account>[0]> = {}): Account {
  return new Account({
    id: AccountId.make(`acc-agent-${role}`),
    login: AccountLogin.make(`agent.${role}`),
    email: AccountEmail.make(`agent.${role}@pierrotin.fr`),
    passwordHash: "insecure-test-sha256$s0$0000",
    mustChangeCredentials: false,
    holder: { _tag: "Agent", displayName: `Agent ${role}`, role },
    createdAt: Instant.unsafe("2026-01-05T08:00:00Z"),
    ...overrides
  })
}

/** An agent acting in the back office. */
export const anAgent = (role: AgentRole = "agent", name = "Claire Agent"): AgentActor =>
  new AgentActor({ accountId: AccountId.make(`acc-agent-${role}`), displayName: name, role })

/** A family acting on the portal, linked to `householdId` unless it is `undefined`. */
export const aFamily = (accountId = "acc-concerto", householdId: string | undefined = "hh-concerto"): FamilyActor =>
  new FamilyActor({ accountId: AccountId.make(accountId), ...(householdId === undefined ? {} : { householdId: HouseholdId.make(householdId) }) })

/** Valid identifiers (3–64 characters of `a-z0-9._@-`, starting with a letter or digit). */
export const accountLoginArbitrary: fc.Arbitrary<AccountLogin> = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._@-"), minLength: 2, maxLength: 30 })
  )
  .map(([first, rest]) => AccountLogin.make(first + rest))

/** Any of the four agent roles. */
export const agentRoleArbitrary: fc.Arbitrary<AgentRole> = fc.constantFrom("reader", "agent", "billing", "admin")

/** Any permission of the table. */
export const permissionArbitrary = fc.constantFrom(...allPermissions)

/** Agents of any role. */
export const agentActorArbitrary: fc.Arbitrary<AgentActor> = fc
  .tuple(agentRoleArbitrary, fc.integer({ min: 1, max: 50 }))
  .map(([role, n]) => new AgentActor({ accountId: AccountId.make(`acc-agent-${n}`), displayName: `Agent ${n}`, role }))
