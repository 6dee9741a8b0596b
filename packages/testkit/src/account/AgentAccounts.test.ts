import { AccountId, changeAgentRole, createAgentAccount, disableAccount, logIn, requireChosenCredentials } from "@spe/core"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { auditRecordsOf, makePortalTestWorld } from "../request/PortalTestWorld.js"
import { anAgent } from "./AccountFixtures.js"

const admin = anAgent("admin", "Sophie Admin")

describe("Agents' accounts", () => {
  it("are created by an administrator with a role and a temporary password, audited without the hash", async () => {
    const w = makePortalTestWorld()
    const created = await w.run(createAgentAccount(admin, { login: "Claire.Agent", displayName: "Claire Agent", email: "claire@pierrotin.fr", role: "agent" }))
    expect(created.holder).toEqual({ _tag: "Agent", displayName: "Claire Agent", role: "agent" })
    expect(created.mustChangeCredentials).toBe(true)
    expect(Either.isLeft(requireChosenCredentials(created))).toBe(true)
    const mail = w.mails.temporaryCredentials[0]
    expect(mail?.login).toBe("claire.agent")
    const first = await w.run(logIn({ identifier: "claire.agent", password: mail?.temporaryPassword ?? "", address: "10.1.1.1" }))
    expect(first.mustChangeCredentials).toBe(true)
    const [record] = await auditRecordsOf(w)
    expect(record).toMatchObject({ action: "accounts.createAgent", outcome: "done", actorAccountId: admin.accountId, target: { kind: "account", id: "claire.agent" } })
    expect(JSON.stringify(record?.after)).not.toContain("passwordHash")
  })

  it("can only be managed with accounts.manage; roles change and accounts are disabled, audited", async () => {
    const w = makePortalTestWorld()
    const denied = await w.attempt(createAgentAccount(anAgent("agent"), { login: "intrus", displayName: "Intrus", email: "i@pierrotin.fr", role: "admin" }))
    expect(denied._tag === "Left" && denied.left._tag).toBe("PermissionDenied")
    const created = await w.run(createAgentAccount(admin, { login: "marc", displayName: "Marc", email: "marc@pierrotin.fr", role: "reader" }))
    const promoted = await w.run(changeAgentRole(admin, { accountId: created.id, role: "billing" }))
    expect(promoted.holder).toMatchObject({ role: "billing" })
    await w.run(disableAccount(admin, { accountId: created.id }))
    const login = await w.attempt(logIn({ identifier: "marc", password: w.mails.temporaryCredentials[0]?.temporaryPassword ?? "", address: "10.1.1.1" }))
    expect(login._tag === "Left" && login.left._tag).toBe("AccountDisabled")
    const missing = await w.attempt(disableAccount(admin, { accountId: AccountId.make("acc-none") }))
    expect(missing._tag === "Left" && missing.left._tag).toBe("AccountNotFound")
    const audit = await auditRecordsOf(w)
    expect(audit.map((r) => [r.action, r.outcome])).toEqual([
      ["accounts.disable", "refused"],
      ["accounts.disable", "done"],
      ["accounts.changeRole", "done"],
      ["accounts.createAgent", "done"],
      ["accounts.createAgent", "denied"]
    ])
    expect(audit[2]?.before).toMatchObject({ holder: { role: "reader" } })
    expect(audit[2]?.after).toMatchObject({ holder: { role: "billing" } })
  })
})
