import type Router from "@koa/router"
import {
  type AgentActor,
  type BillingChange,
  type BillingMonth,
  type BillingPreview,
  billingSummaryIsEmpty,
  formatBillingMonthFr,
  issueMonthlyBilling,
  LocalDate,
  previewMonthlyBilling
} from "@spe/core"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"
import { agentCan, requireAgent, requireAgentPermission } from "./AgentContext.js"
import { agentAuditJournalRoutes } from "./AuditJournal.js"
import { parseMonth, queryText } from "./BillingViews.js"
import { agentDashboardRoutes } from "./Dashboards.js"
import { todayInParis } from "./HouseholdViews.js"
import { agentInvoiceRoutes } from "./Invoices.js"
import { agentPaymentRoutes } from "./Payments.js"

/** The addresses of the billing run's actions. */
export const agentBillingPaths = {
  issue: "/agents/facturation/emission"
} as const

const title = "Facturation"

/** Changed lines listed one by one on the preview; the rest are counted. */
const changesListed = 300

const kindLabels: { readonly [K in BillingChange["kind"]]: string } = {
  new: "nouvelle séance facturée",
  corrected: "complément d'une séance déjà facturée",
  credited: "retrait par avoir"
}

const plural = (n: number, one: string, many: string) => `${n} ${n <= 1 ? one : many}`

/** The months an agent may bill: the current one and the twelve before, newest first. */
function monthChoices(today: LocalDate.LocalDate, selected: string) {
  const months: Array<{ value: string; label: string; selected: boolean }> = []
  let day = LocalDate.firstOfMonth(today)
  for (let i = 0; i < 13; i++) {
    const value = day.slice(0, 7)
    months.push({ value, label: formatBillingMonthFr(value as BillingMonth), selected: value === selected })
    day = LocalDate.firstOfMonth(LocalDate.addDays(day, -1))
  }
  return months
}

function previewModel(agent: AgentActor, preview: BillingPreview) {
  const { summary, households } = preview
  const empty = billingSummaryIsEmpty(summary)
  return {
    month: summary.month,
    monthLabel: summary.monthLabel,
    empty,
    households: summary.households,
    invoices: summary.invoices,
    creditNotes: summary.creditNotes,
    chargeLines: summary.chargeLines,
    charged: summary.charged,
    creditLines: summary.creditLines,
    credited: summary.credited,
    hasCredits: summary.creditLines > 0,
    waiting: summary.waiting,
    waitingText:
      summary.waiting === 0
        ? undefined
        : `${plural(summary.waiting, "séance attend", "séances attendent")} le pointage des présences : ${summary.waiting <= 1 ? "elle sera facturée" : "elles seront facturées"} quand le registre sera rempli.`,
    byActivity: summary.byActivity.map((a) => ({ activityName: a.activityName, lines: a.lines, amount: a.amount })),
    byHousehold: summary.byHousehold.map((h) => {
      const household = households.get(h.householdId)
      return {
        href: agentHouseholdPath(h.householdId),
        name: household === undefined ? h.householdId : `${household.familyName} (${household.reference})`,
        newLines: h.newLines,
        correctedLines: h.correctedLines,
        creditedLines: h.creditedLines,
        charged: h.charged,
        credited: h.credited
      }
    }),
    changeCount: summary.changes.length,
    changes: summary.changes.slice(0, changesListed).map((change) => {
      const household = households.get(change.householdId)
      return {
        kind: change.kind,
        kindLabel: kindLabels[change.kind],
        householdHref: agentHouseholdPath(change.householdId),
        householdName: household === undefined ? change.householdId : `${household.familyName} (${household.reference})`,
        childName: change.childName,
        activityName: change.activityName,
        date: change.date,
        ruleLabel: change.ruleLabel,
        amount: change.kind === "credited" ? -change.amount : change.amount,
        previouslyBilled: change.previouslyBilled,
        invoiceNumber: change.invoiceNumber
      }
    }),
    moreChanges: summary.changes.length > changesListed ? summary.changes.length - changesListed : 0,
    canIssue: agentCan(agent, "billing.run") && !empty,
    confirmationLabel: `Je confirme l'émission de ${plural(summary.invoices, "facture", "factures")} et de ${plural(summary.creditNotes, "avoir", "avoirs")} pour ${summary.monthLabel}.`
  }
}

/**
 * The monthly billing run in the back office (`billing.read`): `GET /agents/facturation?mois=AAAA-MM`
 * previews a month (`previewMonthlyBilling`: totals per activity, households and documents to
 * issue, every line that changed since the last run: new, corrected, credited); `POST
 * /agents/facturation/emission` issues it after a confirmation (`issueMonthlyBilling`,
 * `billing.run`, journaled as `billing.issue`). Issuing a month again issues only the differences.
 */
export function agentBillingRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const options = { regieId: kit.settings.regie.id, settings: kit.settings.billing }

  const pageModel = async (agent: AgentActor, monthText: string, month: BillingMonth | undefined): Promise<PageModel & { readonly title: string }> => {
    const today = await todayInParis(kit)
    const preview = month === undefined ? undefined : await kit.run(previewMonthlyBilling(month, options))
    return {
      title: preview === undefined ? title : `${title} de ${preview.summary.monthLabel}`,
      months: monthChoices(today, monthText),
      values: { mois: monthText },
      ...(preview === undefined ? {} : { preview: previewModel(agent, preview) })
    }
  }

  router.get(agentPaths.billing, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "billing.read")
    const monthText = queryText(ctx, "mois", 20).trim()
    const month = parseMonth(monthText)
    if (monthText !== "" && month === undefined) {
      ctx.state.formView = { page: "agents-billing", title, model: await pageModel(agent, monthText, undefined) }
      checkForm(title, [{ path: "mois", message: "Choisissez un mois dans la liste (AAAA-MM, par exemple 2026-11)." }])
    }
    const notice = issuedNotice(ctx)
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "agents-billing", await pageModel(agent, monthText, month))
  })

  router.post(agentBillingPaths.issue, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const form = formOf(ctx)
    const monthText = form.text("mois", { maxLength: 20, label: "Mois" }).trim()
    const month = parseMonth(monthText)
    const confirmed = form.text("confirmation", { maxLength: 10 }) === "oui"
    if (agentCan(agent, "billing.read")) {
      ctx.state.formView = { page: "agents-billing", title, model: await pageModel(agent, monthText, month) }
    }
    checkForm(title, [
      month === undefined ? { path: "mois", message: "Choisissez un mois dans la liste (AAAA-MM, par exemple 2026-11)." } : undefined,
      agentCan(agent, "billing.run") && !confirmed
        ? { path: "confirmation", message: "Cochez la case pour confirmer l'émission : les factures émises ne se modifient plus (seul un avoir les corrige)." }
        : undefined
    ])
    if (month === undefined) return
    const issued = await kit.run(issueMonthlyBilling(agent, { month, ...options }))
    const query = new URLSearchParams({ mois: issued.summary.month, message: "emis", factures: String(issued.invoiceNumbers.length), avoirs: String(issued.creditNoteNumbers.length) })
    seeOther(ctx, `${agentPaths.billing}?${query.toString()}`)
  })
}

/** The notice after an issue (`?message=emis&factures=N&avoirs=M`). */
function issuedNotice(ctx: PortalContext): string | undefined {
  if (queryText(ctx, "message", 10) !== "emis") return undefined
  const month = parseMonth(queryText(ctx, "mois", 20))
  const count = (name: string) => {
    const n = Number(queryText(ctx, name, 6))
    return Number.isSafeInteger(n) && n >= 0 ? n : 0
  }
  if (month === undefined) return undefined
  const invoices = count("factures")
  const creditNotes = count("avoirs")
  const label = formatBillingMonthFr(month)
  return invoices === 0 && creditNotes === 0
    ? `Rien de nouveau n'a été émis pour ${label} : le mois était déjà facturé comme le disent les réservations et les présences.`
    : `Émission de ${label} faite : ${plural(invoices, "facture émise", "factures émises")} et ${plural(creditNotes, "avoir émis", "avoirs émis")}. Les familles les voient dans « Mes factures ».`
}

/**
 * Every screen of the back office's billing section: the monthly billing run, the invoices and
 * their actions, payments and unpaid invoices with their exports, the dashboards, the journal.
 */
export function agentBillingSectionRoutes(router: Router<PortalState>, kit: PortalKit): void {
  agentBillingRoutes(router, kit)
  agentInvoiceRoutes(router, kit)
  agentPaymentRoutes(router, kit)
  agentDashboardRoutes(router, kit)
  agentAuditJournalRoutes(router, kit)
}
