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
  latestRequestsEvents: "/mon-espace/demandes/evenements",
  newRequest: "/mon-espace/demandes/nouvelle",
  request: "/mon-espace/demandes/:requestId",
  requestEvents: "/mon-espace/demandes/:requestId/evenements",
  requestMessage: "/mon-espace/demandes/:requestId/message",
  requestAnswer: "/mon-espace/demandes/:requestId/complement",
  requestCancel: "/mon-espace/demandes/:requestId/annulation",
  enrollment: "/mon-espace/dossier-unique",
  invoices: "/mon-espace/factures",
  invoice: "/mon-espace/factures/:invoiceId",
  invoicePdf: "/mon-espace/factures/:invoiceId/pdf",
  invoicePrint: "/mon-espace/factures/:invoiceId/impression",
  invoicePay: "/mon-espace/factures/:invoiceId/payer",
  creditNote: "/mon-espace/avoirs/:creditNoteId",
  creditNotePdf: "/mon-espace/avoirs/:creditNoteId/pdf",
  paymentReceipt: "/mon-espace/paiements/:paymentId/recu",
  paymentSandbox: "/paiement/bac-a-sable",
  payfipReturn: "/paiement/payfip/retour",
  payfipNotification: "/paiement/payfip/notification",
  contactDetails: "/mon-espace/coordonnees",
  emailConfirmation: "/mon-espace/coordonnees/confirmation/:token",
  quotient: "/mon-espace/quotient-familial",
  supportingDocuments: "/mon-espace/justificatifs",
  supportingDocument: "/mon-espace/justificatifs/:documentId",
  supportingDocumentReplace: "/mon-espace/justificatifs/:documentId/remplacer",
  supportingDocumentDelete: "/mon-espace/justificatifs/:documentId/supprimer",
  documents: "/mon-espace/documents",
  document: "/mon-espace/documents/:document",
  reservations: "/mon-espace/reservations",
  reservationPattern: "/mon-espace/reservations/rythme",
  reservationWeek: "/mon-espace/reservations/semaine",
  reservationOffer: "/mon-espace/reservations/place-proposee",
  absences: "/mon-espace/absences",
  absenceCertificate: "/mon-espace/absences/:absenceId/certificat",
  calendarFeed: "/calendrier/:token.ics",
  tariffSimulation: "/mon-espace/simulation-des-tarifs",
  apiAccess: "/mon-espace/acces-api",
  apiAccessRevoke: "/mon-espace/acces-api/:keyId/revoquer",
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
  audit: "/agents/journal",
  exports: "/agents/exports",
  imports: "/agents/imports",
  webhooks: "/agents/integrations/webhooks",
  apiKeys: "/agents/integrations/cles"
} as const

/** The back office's pages of households, their QF and the supporting documents under review. */
export const agentHouseholdPaths = {
  newHousehold: "/agents/foyers/nouveau",
  household: "/agents/foyers/:householdId",
  householdEdit: "/agents/foyers/:householdId/modifier",
  newMember: "/agents/foyers/:householdId/membres/nouveau",
  member: "/agents/foyers/:householdId/membres/:memberId",
  activation: "/agents/foyers/:householdId/compte/:accountId/identifiants",
  lock: "/agents/foyers/:householdId/compte/:accountId/verrouillage",
  quotient: "/agents/foyers/:householdId/qf",
  quotientCaf: "/agents/foyers/:householdId/qf/caf",
  quotientSet: "/agents/foyers/:householdId/qf/fixer",
  quotientReview: "/agents/foyers/:householdId/qf/:recordId/decision",
  document: "/agents/justificatifs/:documentId",
  documentFile: "/agents/justificatifs/:documentId/fichier"
} as const

/** The back office's pages of a request of the inbox, its actions, the waiting lists and the roll-call. */
export const agentWorkPaths = {
  request: "/agents/demandes/:requestId",
  requestTake: "/agents/demandes/:requestId/prise-en-charge",
  requestAsk: "/agents/demandes/:requestId/complement",
  requestMessage: "/agents/demandes/:requestId/message",
  requestAccept: "/agents/demandes/:requestId/acceptation",
  requestRefuse: "/agents/demandes/:requestId/refus",
  waitlist: "/agents/listes-d-attente/:sessionId",
  waitlistOffer: "/agents/listes-d-attente/:sessionId/proposer",
  waitlistMove: "/agents/listes-d-attente/:sessionId/deplacer",
  rollCallSheet: "/agents/pointage/:sessionId",
  rollCallAdd: "/agents/pointage/:sessionId/ajout"
} as const

const segment = (value: string): string => encodeURIComponent(value)

/** A household's page in the back office, and the pages under it (`modifier`, `qf`…). */
export const agentHouseholdPath = (householdId: string, ...rest: ReadonlyArray<string>): string =>
  [`${agentPaths.households}/${segment(householdId)}`, ...rest.map(segment)].join("/")

/** A supporting document in the back office (`fichier`: its download). */
export const agentDocumentPath = (documentId: string, ...rest: ReadonlyArray<string>): string =>
  [`${agentPaths.documents}/${segment(documentId)}`, ...rest.map(segment)].join("/")

/** A family's request in the agents' inbox. */
export const agentRequestPath = (requestId: string): string => `${agentPaths.requests}/${segment(requestId)}`

/** A session's waiting list in the back office (`proposer`, `deplacer`: its actions). */
export const agentWaitlistPath = (sessionId: string, ...rest: ReadonlyArray<string>): string =>
  [`${agentPaths.waitlists}/${segment(sessionId)}`, ...rest.map(segment)].join("/")

/** A session's roll-call sheet in the back office (`ajout`: a child present without a reservation). */
export const agentRollCallPath = (sessionId: string, ...rest: ReadonlyArray<string>): string =>
  [`${agentPaths.rollCall}/${segment(sessionId)}`, ...rest.map(segment)].join("/")

/** An invoice in the back office. */
export const agentInvoicePath = (invoiceId: string): string => `${agentPaths.invoices}/${segment(invoiceId)}`

/** The back office's pages of activities and their sessions, the town's calendar and the tariff grids. */
export const agentActivityPaths = {
  newActivity: "/agents/activites/nouvelle",
  activity: "/agents/activites/:activityId",
  activityCapacity: "/agents/activites/:activityId/capacite",
  activitySessions: "/agents/activites/:activityId/seances",
  activityWindows: "/agents/activites/:activityId/fenetres",
  activityWindowRemoval: "/agents/activites/:activityId/fenetres/retrait",
  session: "/agents/activites/:activityId/seances/:sessionId",
  calendar: "/agents/calendrier",
  calendarClosures: "/agents/calendrier/fermetures",
  calendarReopening: "/agents/calendrier/reouverture",
  calendarImport: "/agents/calendrier/import",
  calendarImportApply: "/agents/calendrier/import/confirmation",
  newTariff: "/agents/tarifs/nouvelle",
  tariffPreview: "/agents/tarifs/apercu",
  tariff: "/agents/tarifs/:gridId"
} as const

/** An activity's page in the back office, and the pages under it (`capacite`, `seances`…). */
export const agentActivityPath = (activityId: string, ...rest: ReadonlyArray<string>): string =>
  [`${agentPaths.activities}/${segment(activityId)}`, ...rest.map(segment)].join("/")

/** A tariff grid's page in the back office. */
export const agentTariffPath = (gridId: string): string => `${agentPaths.tariffs}/${segment(gridId)}`

/** Revoking an integration key in the back office. */
export const agentApiKeyRevokePath = "/agents/integrations/cles/:keyId/revoquer"

/** The address that revokes one integration key. */
export const agentApiKeyRevoke = (keyId: string): string => `${agentPaths.apiKeys}/${segment(keyId)}/revoquer`

/** The back office's actions on a webhook subscription. */
export const agentWebhookPaths = {
  disable: "/agents/integrations/webhooks/:subscriptionId/desactiver",
  enable: "/agents/integrations/webhooks/:subscriptionId/reactiver",
  remove: "/agents/integrations/webhooks/:subscriptionId/supprimer"
} as const

/** An action on a webhook subscription in the back office (`desactiver`, `reactiver`, `supprimer`). */
export const agentWebhookPath = (subscriptionId: string, action: "desactiver" | "reactiver" | "supprimer"): string =>
  `${agentPaths.webhooks}/${segment(subscriptionId)}/${action}`

/** Whether an address is a page of the agents' back office. */
export const isAgentPath = (path: string): boolean => path === agentPaths.home || path.startsWith(`${agentPaths.home}/`)

/** The page of a password-reset link: what the mail's link must point to (after the public URL). */
export const passwordResetPath = (token: string): string => `/reinitialisation/${encodeURIComponent(token)}`

/** The page of a request of the household ("Dernières demandes"): what the request mails link to. */
export const requestPath = (requestId: string): string => `/mon-espace/demandes/${encodeURIComponent(requestId)}`

/** The page of an invoice of the household ("Mes factures"). */
export const invoicePath = (invoiceId: string): string => `/mon-espace/factures/${encodeURIComponent(invoiceId)}`

/** The page of a credit note of the household. */
export const creditNotePath = (creditNoteId: string): string => `/mon-espace/avoirs/${encodeURIComponent(creditNoteId)}`

/** The receipt of a payment of the household ("Reçu de paiement"). */
export const paymentReceiptPath = (paymentId: string): string => `/mon-espace/paiements/${encodeURIComponent(paymentId)}/recu`

/** The page of the documents the family produces itself ("Édition de documents"), one per kind. */
export const documentPath = (document: string): string => `/mon-espace/documents/${encodeURIComponent(document)}`

/** The page a new e-mail address's confirmation link opens (after the public URL). */
export const emailConfirmationPath = (token: string): string => `/mon-espace/coordonnees/confirmation/${encodeURIComponent(token)}`

/** A supporting document of the household: its download. */
export const supportingDocumentPath = (documentId: string): string => `/mon-espace/justificatifs/${encodeURIComponent(documentId)}`

/** Where a medical certificate is added to an absence already reported. */
export const absenceCertificatePath = (absenceId: string): string => `/mon-espace/absences/${encodeURIComponent(absenceId)}/certificat`

/** A child's private calendar feed (iCalendar), at a signed token's address. */
export const calendarFeedPath = (token: string): string => `/calendrier/${encodeURIComponent(token)}.ics`

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
