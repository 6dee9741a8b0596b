import type Router from "@koa/router"
import { counterTenderLabel, listReceivedPayments, loadPastDueInvoices, LocalDate, PaymentMethod, paymentMethodLabel } from "@spe/core"
import { Schema } from "effect"
import { checkForm, type FieldProblem, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentInvoicePath, agentPaths } from "../PortalPaths.js"
import { requireAgentPermission } from "./AgentContext.js"
import { invoiceRow, listHref, parseDay, queryText } from "./BillingViews.js"
import { agentExchangePaths } from "./Exchange.js"
import { todayInParis } from "./HouseholdViews.js"

/** The exchange's download of a dataset for a period, as CSV. */
const exportHref = (dataset: "paiements" | "impayes", from: LocalDate.LocalDate, to: LocalDate.LocalDate): string =>
  listHref(agentExchangePaths.exportFile, { jeu: dataset, du: from, au: to, format: "csv" })

const title = "Paiements et impayés"

/** The longest period a payments list or export covers, in days. */
const maxPeriodDays = 366

const isMethod = Schema.is(PaymentMethod)

/** The period's and method's filters as typed in the address (bookmarkable). */
interface PaymentValues {
  readonly du: string
  readonly au: string
  readonly moyen: string
}

const valuesOf = (ctx: PortalContext): PaymentValues => ({
  du: queryText(ctx, "du", 20).trim() || queryText(ctx, "from", 20).trim(),
  au: queryText(ctx, "au", 20).trim() || queryText(ctx, "to", 20).trim(),
  moyen: queryText(ctx, "moyen", 20).trim()
})

/** The period asked (the current month up to today by default), or the problems of what cannot be read. */
function periodOf(values: PaymentValues, today: LocalDate.LocalDate) {
  const from = values.du === "" ? LocalDate.firstOfMonth(today) : parseDay(values.du)
  const to = values.au === "" ? today : parseDay(values.au)
  const problems: Array<FieldProblem> = [
    ...(from === undefined ? [{ path: "du", message: "Écrivez une date, par exemple 01/11/2026." }] : []),
    ...(to === undefined ? [{ path: "au", message: "Écrivez une date, par exemple 30/11/2026." }] : []),
    ...(from !== undefined && to !== undefined && to < from ? [{ path: "au", message: "La fin de la période doit être après son début." }] : []),
    ...(from !== undefined && to !== undefined && to >= from && LocalDate.daysBetween(from, to) >= maxPeriodDays
      ? [{ path: "au", message: `Choisissez une période d'un an au plus (${maxPeriodDays} jours).` }]
      : []),
    ...(values.moyen !== "" && !isMethod(values.moyen) ? [{ path: "moyen", message: "Choisissez un moyen de paiement dans la liste." }] : [])
  ]
  return { from: from ?? today, to: to ?? today, method: isMethod(values.moyen) ? values.moyen : undefined, problems }
}

const capitalized = (text: string) => text.replace(/^./, (c) => c.toUpperCase())

const methodChoices = (selected: string) => [
  { value: "", label: "Tous les moyens", selected: selected === "" },
  ...PaymentMethod.literals.map((method) => ({ value: method, label: capitalized(paymentMethodLabel(method)), selected: method === selected }))
]

/**
 * Payments and unpaid invoices in the back office (`billing.read`): `GET /agents/paiements` lists the
 * payments received in a period (this month by default), of one method or all, with their totals,
 * and the unpaid invoices past their due date with their age and total (`loadPastDueInvoices`); its
 * export links download the exchange's datasets: the payments of the period, the unpaid invoices
 * from the oldest due date listed to today.
 */
export function agentPaymentRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.payments, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "billing.read")
    const today = await todayInParis(kit)
    const values = valuesOf(ctx)
    const period = periodOf(values, today)
    const base = { title, values: { du: values.du || period.from, au: values.au || period.to, moyen: values.moyen }, methods: methodChoices(values.moyen) }
    if (period.problems.length > 0) {
      ctx.state.formView = { page: "agents-payments", title, model: { ...base, refused: true } }
      checkForm(title, period.problems)
    }
    const received = await kit.run(listReceivedPayments({ from: period.from, to: period.to, ...(period.method === undefined ? {} : { method: period.method }) }))
    const unpaid = await kit.run(loadPastDueInvoices(today))
    const oldestDue = unpaid.items.reduce((oldest, item) => (item.situation.invoice.dueOn < oldest ? item.situation.invoice.dueOn : oldest), today)
    kit.render(ctx, "agents-payments", {
      ...base,
      from: period.from,
      to: period.to,
      payments: received.items.map((item) => ({
        receivedAt: item.payment.receivedAt,
        household: `${item.household.familyName} (${item.household.reference})`,
        method: paymentMethodLabel(item.payment.method),
        tender: item.payment.tender === undefined ? undefined : counterTenderLabel(item.payment.tender),
        bank: item.payment.bank,
        reference: item.payment.reference ?? item.payment.idempotencyKey,
        amount: item.payment.amount,
        invoices: item.invoices.map((invoice) => ({ number: invoice.number, href: agentInvoicePath(invoice.invoiceId) })),
        recordedBy: item.recordedByName
      })),
      paymentCount: received.items.length,
      paymentTotal: received.total,
      byMethod: received.byMethod.map((m) => ({ label: capitalized(paymentMethodLabel(m.method)), count: m.count, amount: m.amount })),
      unpaid: unpaid.items.map((item) => invoiceRow(item, today)),
      unpaidTotal: unpaid.total,
      unpaidHouseholds: unpaid.households,
      unpaidAtTreasury: unpaid.atTreasury,
      paymentsCsvHref: exportHref("paiements", period.from, period.to),
      unpaidCsvHref: exportHref("impayes", oldestDue, today),
      today
    })
  })
}
