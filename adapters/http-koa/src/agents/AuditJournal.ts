import type Router from "@koa/router"
import {
  type AccountId,
  agentRoleLabel,
  type AuditFilter,
  auditJournalChoices,
  AuditOutcome,
  loadAuditJournal,
  LocalDate,
  ParisTime,
  permissionLabel
} from "@spe/core"
import { Schema } from "effect"
import { checkForm, type FieldProblem, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentInvoicePath, agentPaths, agentRequestPath, agentWaitlistPath } from "../PortalPaths.js"
import { requireAgentPermission } from "./AgentContext.js"
import { pageParam, pagination, parseDay, queryText } from "./BillingViews.js"

const title = "Journal des actions des agents"

/** Records shown per page. */
const pageSize = 50

/** Changed fields shown per record; the rest are counted. */
const changesShown = 40

/** What each known action did, in French; other actions show their code. */
const actionLabels: Readonly<Record<string, string>> = {
  "billing.issue": "Émission de la facturation d'un mois",
  "billing.creditNote": "Émission d'un avoir",
  "billing.sendToTreasury": "Transmission d'une facture au Trésor public",
  "payments.record": "Enregistrement d'un paiement",
  "requests.startReview": "Prise en charge d'une demande",
  "requests.askForInformation": "Demande de complément",
  "requests.refuse": "Refus d'une demande",
  "requests.accept": "Acceptation d'une demande",
  "requests.postMessage": "Message à la famille",
  "documents.review": "Examen d'un justificatif",
  "accounts.createAgent": "Création d'un compte d'agent",
  "accounts.changeRole": "Changement de rôle d'un agent",
  "accounts.disable": "Verrouillage d'un compte",
  "accounts.enable": "Déverrouillage d'un compte",
  "accounts.resendActivation": "Nouvel envoi des identifiants d'un foyer",
  "attendance.record": "Pointage des présences",
  "households.create": "Création d'un foyer",
  "households.update": "Modification d'un foyer",
  "households.archive": "Archivage d'un foyer",
  "households.addMember": "Ajout d'un membre à un foyer",
  "households.updateMember": "Modification d'un membre d'un foyer",
  "quotients.recordCaf": "Quotient familial transmis par la CAF",
  "quotients.review": "Examen d'un quotient familial",
  "quotients.set": "Quotient familial fixé par un agent",
  "waitlists.offer": "Place proposée depuis la liste d'attente",
  "waitlists.move": "Déplacement dans une liste d'attente"
}

const outcomeLabels: { readonly [O in AuditOutcome]: string } = {
  done: "effectuée",
  denied: "refusée : droit manquant",
  refused: "refusée par une règle"
}

const isOutcome = Schema.is(AuditOutcome)

/** Where a record's target can be opened in the back office. */
function targetHref(kind: string, id: string): string | undefined {
  switch (kind) {
    case "invoice":
      return agentInvoicePath(id)
    case "household":
      return agentHouseholdPath(id)
    case "request":
      return agentRequestPath(id)
    case "session":
      return agentWaitlistPath(id)
    case "billingMonth":
      return /^\d{4}-\d{2}$/.test(id) ? `${agentPaths.billing}?mois=${id}` : undefined
    default:
      return undefined
  }
}

/** The journal's filters as typed in the address (bookmarkable). */
interface JournalValues {
  readonly agent: string
  readonly action: string
  readonly cible: string
  readonly identifiant: string
  readonly du: string
  readonly au: string
  readonly resultat: string
}

const valuesOf = (ctx: PortalContext): JournalValues => ({
  agent: queryText(ctx, "agent", 64).trim(),
  action: queryText(ctx, "action", 64).trim(),
  cible: queryText(ctx, "cible", 40).trim(),
  identifiant: queryText(ctx, "identifiant", 64).trim(),
  du: queryText(ctx, "du", 20).trim(),
  au: queryText(ctx, "au", 20).trim(),
  resultat: queryText(ctx, "resultat", 20).trim()
})

function filterOf(values: JournalValues): { readonly filter: Omit<AuditFilter, "limit">; readonly problems: ReadonlyArray<FieldProblem> } {
  const from = values.du === "" ? undefined : parseDay(values.du)
  const to = values.au === "" ? undefined : parseDay(values.au)
  const problems: Array<FieldProblem> = [
    ...(values.du !== "" && from === undefined ? [{ path: "du", message: "Écrivez une date, par exemple 01/11/2026." }] : []),
    ...(values.au !== "" && to === undefined ? [{ path: "au", message: "Écrivez une date, par exemple 30/11/2026." }] : []),
    ...(from !== undefined && to !== undefined && to < from ? [{ path: "au", message: "La fin de la période doit être après son début." }] : []),
    ...(values.resultat !== "" && !isOutcome(values.resultat) ? [{ path: "resultat", message: "Choisissez un résultat dans la liste." }] : [])
  ]
  const midnight = ParisTime.timeOfDay("00:00")
  return {
    filter: {
      ...(values.agent === "" ? {} : { actorAccountId: values.agent as AccountId }),
      ...(values.action === "" ? {} : { action: values.action }),
      ...(values.cible === "" ? {} : { targetKind: values.cible }),
      ...(values.identifiant === "" ? {} : { targetId: values.identifiant }),
      ...(from === undefined ? {} : { from: ParisTime.toInstant(from, midnight) }),
      ...(to === undefined ? {} : { until: ParisTime.toInstant(LocalDate.addDays(to, 1), midnight) }),
      ...(isOutcome(values.resultat) ? { outcome: values.resultat } : {})
    },
    problems
  }
}

/**
 * The agents' journal (`audit.read`): `GET /agents/journal` lists the recorded commands, newest
 * first, 50 a page, filtered by agent, action, target (kind and id), period and outcome; each
 * record says who (name and role), when (Paris time), what, on what, how it ended, why it was
 * refused, and the fields it changed (before → after).
 */
export function agentAuditJournalRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.audit, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "audit.read")
    const values = valuesOf(ctx)
    const choices = await kit.run(auditJournalChoices())
    const base = {
      title,
      values,
      agents: [{ value: "", label: "Tous les agents", selected: values.agent === "" }, ...choices.agents.map((a) => ({ value: a.accountId, label: `${a.name} (${agentRoleLabel[a.role]})`, selected: a.accountId === values.agent }))],
      actions: [{ value: "", label: "Toutes les actions", selected: values.action === "" }, ...choices.actions.map((a) => ({ value: a, label: actionLabels[a] ?? a, selected: a === values.action }))],
      outcomes: [{ value: "", label: "Tous les résultats", selected: values.resultat === "" }, ...AuditOutcome.literals.map((o) => ({ value: o, label: outcomeLabels[o], selected: o === values.resultat }))],
      filtered: Object.values(values).some((v) => v !== "")
    }
    const { filter, problems } = filterOf(values)
    if (problems.length > 0) {
      ctx.state.formView = { page: "agents-audit", title, model: { ...base, refused: true } }
      checkForm(title, problems)
    }
    const page = await kit.run(loadAuditJournal(filter, { page: pageParam(ctx), pageSize }))
    kit.render(ctx, "agents-audit", {
      ...base,
      records: page.records.map(({ record, changes }) => ({
        at: record.at,
        actorName: record.actorName,
        actorRole: agentRoleLabel[record.actorRole],
        action: actionLabels[record.action] ?? record.action,
        actionCode: record.action,
        permission: permissionLabel[record.permission],
        targetKind: record.target.kind,
        targetId: record.target.id,
        targetHref: targetHref(record.target.kind, record.target.id),
        outcome: record.outcome,
        outcomeLabel: outcomeLabels[record.outcome],
        reason: record.reason,
        changes: changes.slice(0, changesShown).map((c) => ({ path: c.path === "" ? "(valeur)" : c.path, before: c.before, after: c.after })),
        moreChanges: changes.length > changesShown ? changes.length - changesShown : 0
      })),
      pagination: pagination(agentPaths.audit, { ...values }, page.page, page.hasNext)
    })
  })
}
