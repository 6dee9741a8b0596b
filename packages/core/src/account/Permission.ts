import { Either, Schema } from "effect"
import { AccountId } from "../shared/Ids.js"

/** The roles of the town's agents: read only, family services, billing, administration. */
export const AgentRole = Schema.Literal("reader", "agent", "billing", "admin").annotations({ identifier: "AgentRole" })
export type AgentRole = typeof AgentRole.Type

/** Every permission an agent's role may grant; each agent use case requires one. */
export const Permission = Schema.Literal(
  "households.read",
  "households.write",
  "requests.read",
  "requests.decide",
  "documents.read",
  "documents.review",
  "activities.manage",
  "attendance.record",
  "reservations.manage",
  "billing.read",
  "billing.run",
  "payments.record",
  "audit.read",
  "accounts.manage"
).annotations({ identifier: "Permission" })
export type Permission = typeof Permission.Type

/** Every permission, in the order of the table. */
export const allPermissions: ReadonlyArray<Permission> = Permission.literals

const readOnly: ReadonlyArray<Permission> = ["households.read", "requests.read", "documents.read", "billing.read"]

/**
 * The table of what each role may do: reader = read only; agent = families, requests, documents,
 * attendance, reservations and waiting lists (and reading); billing = reader + billing runs and payments; admin = everything.
 */
export const rolePermissions: { readonly [R in AgentRole]: ReadonlyArray<Permission> } = {
  reader: readOnly,
  agent: [...readOnly, "households.write", "requests.decide", "documents.review", "attendance.record", "reservations.manage"],
  billing: [...readOnly, "billing.run", "payments.record"],
  admin: allPermissions
}

/** The permissions a role grants. */
export const permissionsOf = (role: AgentRole): ReadonlyArray<Permission> => rolePermissions[role]

/** Whether a role grants a permission. */
export const roleHasPermission = (role: AgentRole, permission: Permission): boolean =>
  rolePermissions[role].includes(permission)

/** French name of a role, as agents see it. */
export const agentRoleLabel: { readonly [R in AgentRole]: string } = {
  reader: "consultation",
  agent: "agent du Service à la Population",
  billing: "régie et facturation",
  admin: "administration"
}

/** What a permission allows, in French ("décider des demandes des familles"). */
export const permissionLabel: { readonly [P in Permission]: string } = {
  "households.read": "consulter les foyers",
  "households.write": "modifier les foyers",
  "requests.read": "consulter les demandes des familles",
  "requests.decide": "traiter et décider les demandes des familles",
  "documents.read": "consulter les justificatifs",
  "documents.review": "valider ou refuser les justificatifs",
  "activities.manage": "gérer les activités, les séances et les tarifs",
  "attendance.record": "faire le pointage des présences",
  "reservations.manage": "gérer les réservations et les listes d'attente des familles",
  "billing.read": "consulter les factures",
  "billing.run": "lancer la facturation",
  "payments.record": "enregistrer des paiements",
  "audit.read": "consulter le journal des actions des agents",
  "accounts.manage": "gérer les comptes des agents et des familles"
}

/** An agent's role does not grant the permission a command needs. */
export class PermissionDenied extends Schema.TaggedError<PermissionDenied>()("PermissionDenied", {
  accountId: AccountId,
  role: AgentRole,
  permission: Permission
}) {
  override get message(): string {
    return `Votre rôle « ${agentRoleLabel[this.role]} » ne permet pas de ${permissionLabel[this.permission]} (droit ${this.permission}). Demandez cette action à un collègue qui a ce droit, ou à un administrateur de vous l'accorder.`
  }
}

/**
 * Succeeds when the agent's role grants the permission, fails with `PermissionDenied` otherwise.
 *
 * @example
 * yield* requirePermission(agent, "requests.decide")
 */
export function requirePermission(
  agent: { readonly accountId: AccountId; readonly role: AgentRole },
  permission: Permission
): Either.Either<void, PermissionDenied> {
  return roleHasPermission(agent.role, permission)
    ? Either.void
    : Either.left(new PermissionDenied({ accountId: agent.accountId, role: agent.role, permission }))
}
