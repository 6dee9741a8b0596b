import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { AccountId } from "../../src/shared/Ids.js"
import { allPermissions, permissionsOf, requirePermission, roleHasPermission, type AgentRole, type Permission } from "../../src/account/Permission.js"

const expected: Record<AgentRole, ReadonlyArray<Permission>> = {
  reader: ["households.read", "requests.read", "documents.read", "billing.read"],
  agent: [
    "households.read", "households.write", "requests.read", "requests.decide", "documents.read", "documents.review",
    "attendance.record", "reservations.manage", "billing.read"
  ],
  billing: ["households.read", "requests.read", "documents.read", "billing.read", "billing.run", "payments.record"],
  admin: [
    "households.read", "households.write", "requests.read", "requests.decide", "documents.read", "documents.review",
    "activities.manage", "attendance.record", "reservations.manage", "billing.read", "billing.run", "payments.record", "audit.read", "accounts.manage"
  ]
}
const roles = fc.constantFrom<AgentRole>("reader", "agent", "billing", "admin")
const permissions = fc.constantFrom(...allPermissions)

describe("Agents' permissions", () => {
  test.prop([roles, permissions])("each role's allowed set is exactly the table", (role, permission) => {
    expect(roleHasPermission(role, permission)).toBe(expected[role].includes(permission))
    expect(Either.isRight(requirePermission({ accountId: AccountId.make("acc-1"), role }, permission))).toBe(expected[role].includes(permission))
  })

  test.prop([roles])("every role can read what a reader reads, and only the admin can do everything", (role) => {
    for (const p of permissionsOf("reader")) expect(roleHasPermission(role, p)).toBe(true)
    expect(allPermissions.every((p) => roleHasPermission(role, p))).toBe(role === "admin")
  })

  it("names the role, the permission and what to do when refusing", () => {
    const refused = requirePermission({ accountId: AccountId.make("acc-marc"), role: "reader" }, "requests.decide")
    expect(Either.isLeft(refused)).toBe(true)
    if (Either.isLeft(refused)) {
      expect(refused.left._tag).toBe("PermissionDenied")
      expect(refused.left.message).toBe(
        "Votre rôle « consultation » ne permet pas de traiter et décider les demandes des familles (droit requests.decide). Demandez cette action à un collègue qui a ce droit, ou à un administrateur de vous l'accorder."
      )
    }
    expect(permissionsOf("reader").every((p) => p.endsWith(".read"))).toBe(true)
  })
})
