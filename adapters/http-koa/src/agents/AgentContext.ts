import { actorOf, type AgentActor, agentRoleLabel, type Permission, PermissionDenied, roleHasPermission } from "@spe/core"
import { type PortalContext, requireAccount } from "../PortalContext.js"
import { NotAnAgentAccount, refuse } from "../PortalErrors.js"
import { agentActivityPaths, agentPaths } from "../PortalPaths.js"

/**
 * The logged-in agent: every page of the back office starts here. Refuses when nobody is logged in
 * (`LoginRequired`: the agents' login page, then back), and for a family's account (`NotAnAgentAccount`, 403).
 */
export function requireAgent(ctx: PortalContext): AgentActor {
  const actor = actorOf(requireAccount(ctx))
  return actor._tag === "AgentActor" ? actor : refuse(new NotAnAgentAccount())
}

/**
 * The logged-in agent, when their role grants the permission; refuses with the core's
 * `PermissionDenied` (403, naming what the role may not do) otherwise. Reading pages check here;
 * actions also go through the core's audited agent commands, which check again and record.
 */
export function requireAgentPermission(ctx: PortalContext, permission: Permission): AgentActor {
  const agent = requireAgent(ctx)
  return roleHasPermission(agent.role, permission) ? agent : refuse(new PermissionDenied({ accountId: agent.accountId, role: agent.role, permission }))
}

/** Whether the agent's role grants a permission (to show or hide an action). */
export const agentCan = (agent: AgentActor, permission: Permission): boolean => roleHasPermission(agent.role, permission)

interface AgentMenuEntry {
  readonly label: string
  readonly href: string
  /** Shown only to roles with this permission. */
  readonly permission?: Permission
}

const agentMenuEntries: ReadonlyArray<AgentMenuEntry> = [
  { label: "Accueil", href: agentPaths.home },
  { label: "Foyers", href: agentPaths.households, permission: "households.read" },
  { label: "Demandes", href: agentPaths.requests, permission: "requests.read" },
  { label: "Justificatifs", href: agentPaths.documents, permission: "documents.read" },
  { label: "Activités", href: agentPaths.activities, permission: "activities.manage" },
  { label: "Tarifs", href: agentPaths.tariffs, permission: "activities.manage" },
  { label: "Calendrier", href: agentActivityPaths.calendar, permission: "activities.manage" },
  { label: "Pointage", href: agentPaths.rollCall, permission: "attendance.record" },
  { label: "Listes d'attente", href: agentPaths.waitlists, permission: "households.read" },
  { label: "Facturation", href: agentPaths.billing, permission: "billing.read" },
  { label: "Tableaux de bord", href: agentPaths.dashboards },
  { label: "Échanges", href: agentPaths.exports, permission: "households.read" },
  { label: "Journal", href: agentPaths.audit, permission: "audit.read" },
  { label: "Intégrations", href: agentPaths.webhooks, permission: "accounts.manage" }
]

/** The back office's menu for an agent's role, the current section marked. */
export function agentMenu(agent: AgentActor, currentPath: string) {
  return agentMenuEntries
    .filter((entry) => entry.permission === undefined || roleHasPermission(agent.role, entry.permission))
    .map((entry) => ({
      label: entry.label,
      href: entry.href,
      current: entry.href === agentPaths.home ? currentPath === agentPaths.home : currentPath === entry.href || currentPath.startsWith(`${entry.href}/`)
    }))
}

/** What the layout shows of the logged-in agent: name, role, menu. */
export const agentLayout = (agent: AgentActor, currentPath: string) => ({
  displayName: agent.displayName,
  roleLabel: agentRoleLabel[agent.role],
  menu: agentMenu(agent, currentPath)
})
