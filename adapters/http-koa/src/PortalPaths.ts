/**
 * The addresses of the family portal's pages, in one place: templates and routes use these, so a
 * later screen is added at the address the menu already links to.
 */
export const portalPaths = {
  home: "/",
  login: "/connexion",
  logout: "/deconnexion",
  firstLogin: "/premiere-connexion",
  forgotPassword: "/mot-de-passe-oublie",
  resetPassword: "/reinitialisation/:token",
  signUp: "/creer-mon-espace",
  mySpace: "/mon-espace",
  latestRequests: "/mon-espace/demandes",
  invoices: "/mon-espace/factures",
  contactDetails: "/mon-espace/coordonnees",
  quotient: "/mon-espace/quotient-familial",
  documents: "/mon-espace/documents",
  reservations: "/mon-espace/reservations",
  absences: "/mon-espace/absences",
  tariffSimulation: "/mon-espace/simulation-des-tarifs",
  member: "/mon-espace/membres/:memberId",
  devMail: "/dev/mail",
  stylesheet: "/static/portail.css"
} as const

/**
 * The addresses of the agents' back office, under `/agents`, in one place (its menu links to these).
 */
export const agentPaths = {
  home: "/agents",
  login: "/agents/connexion",
  households: "/agents/foyers",
  requests: "/agents/demandes",
  documents: "/agents/justificatifs",
  activities: "/agents/activites",
  tariffs: "/agents/tarifs",
  rollCall: "/agents/pointage",
  waitlists: "/agents/listes-d-attente",
  billing: "/agents/facturation",
  invoices: "/agents/factures",
  payments: "/agents/paiements",
  dashboards: "/agents/tableaux-de-bord",
  audit: "/agents/journal"
} as const

/** Whether an address is a page of the agents' back office. */
export const isAgentPath = (path: string): boolean => path === agentPaths.home || path.startsWith(`${agentPaths.home}/`)

/** The page of a password-reset link: what the mail's link must point to (after the public URL). */
export const passwordResetPath = (token: string): string => `/reinitialisation/${encodeURIComponent(token)}`

/** The page of a request of the household ("Dernières demandes"): what the request mails link to. */
export const requestPath = (requestId: string): string => `/mon-espace/demandes/${encodeURIComponent(requestId)}`

/** The page of a member of the household ("MEMBRES FOYER"). */
export const memberPath = (memberId: string): string => `/mon-espace/membres/${encodeURIComponent(memberId)}`

/**
 * Where to go after logging in, when it is a page of the portal (`/…`, never `//…` nor a full
 * address, so a link cannot send people to another site); undefined otherwise.
 */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (value === undefined || value.length === 0 || value.length > 500) return undefined
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return undefined
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined
  return value
}
