import type Router from "@koa/router"
import {
  type AgentActor,
  type AgentInvoice,
  counterTenderLabel,
  type CounterTender,
  type CreditRequestLine,
  creditNoteTotal,
  formatBillingMonthFr,
  InvoiceId,
  type InvoiceSearchQuery,
  invoiceStatusFilterLabel,
  invoiceStatusFilters,
  type InvoiceStatusFilter,
  issueInvoiceCreditNote,
  LocalDate,
  loadAgentInvoice,
  parseEurosText,
  type PaymentMethod,
  paymentMethodLabel,
  recordAgentPayment,
  searchInvoices,
  sendInvoiceToTreasuryByAgent
} from "@spe/core"
import { seeOther } from "../middleware/Errors.js"
import { checkForm, type FieldProblem, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { PageNotFound } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentHouseholdPath, agentInvoicePath, agentPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"
import { documentSettingsOf, sendDocument } from "../routes/Documents.js"
import { invoiceStatusWords } from "../routes/Invoices.js"
import { agentCan, requireAgent, requireAgentPermission } from "./AgentContext.js"
import { eurosField, invoiceRow, listHref, pageParam, pagination, parseDay, parseMonth, queryText } from "./BillingViews.js"
import { agentExchangePaths } from "./Exchange.js"
import { idParam, todayInParis } from "./HouseholdViews.js"

/** The addresses of an invoice's page in the back office and of its actions. */
export const agentInvoicePaths = {
  invoice: "/agents/factures/:invoiceId",
  creditNote: "/agents/factures/:invoiceId/avoir",
  payment: "/agents/factures/:invoiceId/paiement",
  treasury: "/agents/factures/:invoiceId/tresor",
  pdf: "/agents/factures/:invoiceId/pdf"
} as const

/** Invoices shown per page of the search. */
const pageSize = 50

const searchTitle = "Factures"

const notices: Readonly<Record<string, string>> = {
  "avoir-emis": "L'avoir est émis : la famille le voit dans « Mes factures » et le reste à payer de la facture est diminué d'autant.",
  "paiement-enregistre": "Le paiement est enregistré : il figure sur le compte de la famille, qui peut en télécharger le reçu.",
  "paiement-deja-enregistre": "Ce paiement était déjà enregistré avec cette référence : rien n'a été ajouté.",
  "tresor-transmise": "La facture est transmise au Trésor public : la famille la règle désormais auprès du Trésor public."
}

/** The ways of paying an agent records at the régie, as the form names them. */
const paymentChoices: ReadonlyArray<{ readonly value: string; readonly label: string; readonly method: PaymentMethod; readonly tender?: CounterTender }> = [
  { value: "especes", label: `Au guichet, en ${counterTenderLabel("cash")}`, method: "counter", tender: "cash" },
  { value: "carte", label: "Au guichet, par carte bancaire", method: "counter", tender: "card" },
  { value: "cheque", label: "Chèque", method: "cheque" },
  { value: "prelevement", label: "Prélèvement", method: "directDebit" },
  { value: "cesu", label: paymentMethodLabel("cesu").replace(/^./, (c) => c.toUpperCase()), method: "cesu" }
]

const isStatusFilter = (value: string): value is InvoiceStatusFilter => (invoiceStatusFilters as ReadonlyArray<string>).includes(value)

/** The search's filters as typed in the address (bookmarkable). */
interface SearchValues {
  readonly numero: string
  readonly famille: string
  readonly mois: string
  readonly statut: string
  readonly du: string
  readonly au: string
}

const searchValuesOf = (ctx: PortalContext): SearchValues => ({
  numero: queryText(ctx, "numero", 40).trim(),
  famille: queryText(ctx, "famille", 100).trim(),
  mois: queryText(ctx, "mois", 20).trim(),
  statut: queryText(ctx, "statut", 20).trim(),
  du: queryText(ctx, "du", 20).trim() || queryText(ctx, "from", 20).trim(),
  au: queryText(ctx, "au", 20).trim() || queryText(ctx, "to", 20).trim()
})

/** The search typed, or the problems of what cannot be read (next to their fields). */
function searchQueryOf(values: SearchValues, on: LocalDate.LocalDate): { readonly query: InvoiceSearchQuery; readonly problems: ReadonlyArray<FieldProblem> } {
  const period = values.mois === "" ? undefined : parseMonth(values.mois)
  const from = values.du === "" ? undefined : parseDay(values.du)
  const to = values.au === "" ? undefined : parseDay(values.au)
  const problems: Array<FieldProblem> = [
    ...(values.mois !== "" && period === undefined ? [{ path: "mois", message: "Écrivez le mois facturé sous la forme AAAA-MM, par exemple 2026-10." }] : []),
    ...(values.statut !== "" && !isStatusFilter(values.statut) ? [{ path: "statut", message: "Choisissez un statut dans la liste." }] : []),
    ...(values.du !== "" && from === undefined ? [{ path: "du", message: "Écrivez une date, par exemple 01/11/2026." }] : []),
    ...(values.au !== "" && to === undefined ? [{ path: "au", message: "Écrivez une date, par exemple 30/11/2026." }] : [])
  ]
  return {
    query: {
      on,
      ...(values.numero === "" ? {} : { number: values.numero }),
      ...(values.famille === "" ? {} : { family: values.famille }),
      ...(period === undefined ? {} : { period }),
      ...(isStatusFilter(values.statut) ? { status: values.statut } : {}),
      ...(from === undefined ? {} : { issuedFrom: from }),
      ...(to === undefined ? {} : { issuedTo: to })
    },
    problems
  }
}

/**
 * The exchange's download of the invoices and credit notes issued in the search's dates: without
 * dates, this month up to today; with only one, from the first of its month or up to today.
 */
function exportOf(values: SearchValues, on: LocalDate.LocalDate) {
  const typedFrom = values.du === "" ? undefined : parseDay(values.du)
  const typedTo = values.au === "" ? undefined : parseDay(values.au)
  const from = typedFrom ?? LocalDate.firstOfMonth(typedTo ?? on)
  const to = typedTo ?? (LocalDate.isBefore(on, from) ? from : on)
  return { exportFrom: from, exportTo: to, csvHref: listHref(agentExchangePaths.exportFile, { jeu: "factures", du: from, au: to, format: "csv" }) }
}

const statusChoices = (selected: string) => [
  { value: "", label: "Tous les statuts", selected: selected === "" },
  ...invoiceStatusFilters.map((status) => ({ value: status, label: invoiceStatusFilterLabel[status].replace(/^./, (c) => c.toUpperCase()), selected: status === selected }))
]

/** The values typed in an invoice's forms (shown again when refused). */
interface InvoiceFormValues {
  readonly motif?: string
  readonly lines?: Readonly<Record<string, { readonly checked: boolean; readonly amount: string }>>
  readonly moyen?: string
  readonly montant?: string
  readonly reference?: string
  readonly banque?: string
  readonly dateReception?: string
}

function invoiceModel(
  agent: AgentActor,
  loaded: AgentInvoice,
  on: LocalDate.LocalDate,
  values: InvoiceFormValues,
  acceptedMethods: ReadonlyArray<PaymentMethod>
): PageModel & { readonly title: string } {
  const { situation, document, household } = loaded
  const status = invoiceStatusWords(situation, on)
  const id = situation.invoice.id
  const canCredit = agentCan(agent, "billing.run") && situation.net > 0
  const creditable = loaded.creditableLines
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.creditable > 0)
    .map(({ entry, index }) => {
      const typed = values.lines?.[String(index)]
      return {
        index,
        checkName: `ligne-${index}`,
        amountName: `montant-${index}`,
        checked: typed?.checked ?? false,
        amount: typed?.amount ?? eurosField(entry.creditable),
        creditable: entry.creditable,
        label: `${entry.line.childName} – ${entry.line.activityName}, séance du ${entry.line.date.slice(8, 10)}/${entry.line.date.slice(5, 7)}/${entry.line.date.slice(0, 4)} (${entry.line.rule.label})`
      }
    })
  const canRecordPayment = agentCan(agent, "payments.record") && situation.remaining > 0 && situation.status !== "sentToTreasury"
  const accepted = paymentChoices.filter((choice) => acceptedMethods.includes(choice.method))
  return {
    title: `Facture ${situation.invoice.number}`,
    id,
    number: situation.invoice.number,
    period: formatBillingMonthFr(situation.invoice.period),
    issuedOn: situation.invoice.issuedOn,
    dueOn: situation.invoice.dueOn,
    statusCode: status.code,
    statusText: status.text,
    daysLate: loaded.listing.daysLate,
    total: situation.total,
    credited: situation.credited,
    hasCredit: situation.credited > 0,
    net: situation.net,
    paid: situation.paid,
    remaining: situation.remaining,
    sentToTreasury: situation.invoice.sentToTreasury === undefined ? undefined : { sentOn: situation.invoice.sentToTreasury.sentOn },
    household: { href: agentHouseholdPath(household.householdId), name: household.familyName, reference: household.reference, payerName: household.payerName },
    groups: document.groups.map((group) => ({
      childName: group.childName,
      activityName: group.activityName,
      sharedExplanation: group.sharedExplanation,
      lines: group.lines.map((line) => ({
        date: line.date.date,
        rule: line.ruleLabel,
        unitPrice: line.unitPrice.cents,
        amount: line.amount.cents,
        previouslyBilled: line.previouslyBilled?.cents,
        explanation: group.sharedExplanation.length === 0 ? line.explanation : []
      })),
      subtotal: group.subtotal.cents
    })),
    payments: loaded.payments.map((p) => ({
      receivedAt: p.payment.receivedAt,
      method: paymentMethodLabel(p.payment.method),
      tender: p.payment.tender === undefined ? undefined : counterTenderLabel(p.payment.tender),
      bank: p.payment.bank,
      reference: p.payment.reference,
      amount: p.amount,
      total: p.payment.amount
    })),
    creditNotes: loaded.creditNotes.map((note) => ({ number: note.number, issuedOn: note.issuedOn, reason: note.reason, total: creditNoteTotal(note) })),
    pdfHref: `${agentInvoicePath(id)}/pdf`,
    canCredit: canCredit && creditable.length > 0,
    creditable,
    creditAction: `${agentInvoicePath(id)}/avoir`,
    canRecordPayment: canRecordPayment && accepted.length > 0,
    paymentAction: `${agentInvoicePath(id)}/paiement`,
    paymentChoices: accepted.map((choice) => ({ value: choice.value, label: choice.label, checked: choice.value === (values.moyen ?? "especes") })),
    canSendToTreasury: agentCan(agent, "billing.run") && loaded.listing.pastDue && situation.status !== "sentToTreasury",
    treasuryAction: `${agentInvoicePath(id)}/tresor`,
    values: {
      motif: values.motif ?? "",
      montant: values.montant ?? eurosField(situation.remaining),
      reference: values.reference ?? "",
      banque: values.banque ?? "",
      dateReception: values.dateReception ?? on
    },
    invoicesHref: agentPaths.invoices
  }
}

/**
 * The invoices in the back office (`billing.read`): `GET /agents/factures` searches them (number,
 * family, month, status, issue dates; 50 a page, newest first) and links to the exchange's CSV of
 * the invoices issued in the search's dates, `GET /agents/factures/:invoiceId` shows one as the family sees
 * it (explained lines, payments, credit notes) with its PDF; its actions, each an audited command
 * of the core: a credit note (`billing.run`), a payment received at the régie (`payments.record`),
 * the transmission to the Treasury (`billing.run`).
 */
export function agentInvoiceRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const documents = documentSettingsOf(kit)
  const accepted = kit.settings.payment.acceptedMethods

  const invoiceParam = (ctx: PortalContext) => idParam(ctx, "invoiceId", InvoiceId, () => new PageNotFound({ path: ctx.path }))

  const load = async (ctx: PortalContext) => {
    const invoiceId = invoiceParam(ctx)
    const on = await todayInParis(kit)
    return { invoiceId, on, loaded: await kit.run(loadAgentInvoice(invoiceId, documents, on)) }
  }

  router.get(agentPaths.invoices, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "billing.read")
    const on = await todayInParis(kit)
    const values = searchValuesOf(ctx)
    const { query, problems } = searchQueryOf(values, on)
    const filters = { ...values }
    const base = { title: searchTitle, values, statuses: statusChoices(values.statut), ...exportOf(values, on), filtered: Object.values(values).some((v) => v !== "") }
    if (problems.length > 0) {
      ctx.state.formView = { page: "agents-invoices", title: searchTitle, model: { ...base, refused: true } }
      checkForm(searchTitle, problems)
    }
    const page = await kit.run(searchInvoices(query, { page: pageParam(ctx), pageSize }))
    kit.render(ctx, "agents-invoices", {
      ...base,
      total: page.total,
      rows: page.items.map((item) => invoiceRow(item, on)),
      pagination: pagination(agentPaths.invoices, filters, page.page, page.page < page.pageCount, page.pageCount)
    })
  })

  router.get(agentInvoicePaths.invoice, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "billing.read")
    const { on, loaded } = await load(ctx)
    const notice = notices[queryText(ctx, "message", 40)]
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "agents-invoice", invoiceModel(agent, loaded, on, {}, accepted))
  })

  router.get(agentInvoicePaths.pdf, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "billing.read")
    const { loaded } = await load(ctx)
    await sendDocument(ctx, kit, "invoice", loaded.document, "pdf")
  })

  router.post(agentInvoicePaths.creditNote, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const { invoiceId, on, loaded } = await load(ctx)
    const form = formOf(ctx)
    const motif = form.text("motif", { maxLength: 500, label: "Motif de l'avoir" })
    const lines: Array<CreditRequestLine> = []
    const typed: Record<string, { checked: boolean; amount: string }> = {}
    const problems: Array<FieldProblem> = []
    loaded.creditableLines.forEach((entry, index) => {
      if (entry.creditable <= 0) return
      const checked = form.text(`ligne-${index}`, { maxLength: 3 }) === "oui"
      const amountText = form.text(`montant-${index}`, { maxLength: 20, label: "Montant à retirer" })
      typed[String(index)] = { checked, amount: amountText }
      if (!checked) return
      const amount = parseEurosText(amountText)
      if (amount === undefined || amount <= 0) {
        problems.push({ path: `montant-${index}`, message: "Écrivez le montant à retirer en euros, supérieur à zéro, par exemple 3,50." })
        return
      }
      lines.push({ sessionId: entry.line.sessionId, childId: entry.line.childId, amount })
    })
    ctx.state.formView = {
      page: "agents-invoice",
      title: `Facture ${loaded.situation.invoice.number}`,
      model: invoiceModel(agent, loaded, on, { motif, lines: typed }, accepted),
      fieldOfPath: { reason: "motif", lines: "lignes" },
      fieldOfTag: { CreditExceedsInvoice: "lignes", CreditLineNotOnInvoice: "lignes" }
    }
    if (agentCan(agent, "billing.run")) checkForm("Avoir", problems)
    await kit.run(issueInvoiceCreditNote(agent, { invoiceId, lines, reason: motif, settings: kit.settings.billing }))
    seeOther(ctx, `${agentInvoicePath(invoiceId)}?message=avoir-emis`)
  })

  router.post(agentInvoicePaths.payment, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const { invoiceId, on, loaded } = await load(ctx)
    const form = formOf(ctx)
    const values = {
      moyen: form.text("moyen", { maxLength: 20, label: "Moyen de paiement" }),
      montant: form.text("montant", { maxLength: 20, label: "Montant" }),
      reference: form.text("reference", { maxLength: 60, label: "Référence" }),
      banque: form.text("banque", { maxLength: 80, label: "Banque" }),
      dateReception: form.text("dateReception", { maxLength: 20, label: "Date de réception" })
    }
    ctx.state.formView = {
      page: "agents-invoice",
      title: `Facture ${loaded.situation.invoice.number}`,
      model: invoiceModel(agent, loaded, on, values, accepted),
      fieldOfPath: { amount: "montant", reference: "reference", bank: "banque", receivedOn: "dateReception", tender: "moyen" },
      fieldOfTag: { PaymentMethodNotAccepted: "moyen", PaymentReferenceAlreadyUsed: "reference" }
    }
    const choice = paymentChoices.find((c) => c.value === values.moyen)
    const amount = parseEurosText(values.montant)
    const receivedOn = parseDay(values.dateReception)
    if (agentCan(agent, "payments.record")) {
      checkForm("Paiement", [
        choice === undefined ? { path: "moyen", message: "Choisissez le moyen de paiement." } : undefined,
        amount === undefined || amount <= 0 ? { path: "montant", message: "Écrivez le montant reçu en euros, supérieur à zéro, par exemple 15,75." } : undefined,
        receivedOn === undefined ? { path: "dateReception", message: "Écrivez la date de réception, par exemple 26/11/2026." } : undefined
      ])
    }
    const recorded = await kit.run(
      recordAgentPayment(agent, {
        householdId: loaded.situation.invoice.householdId,
        invoiceIds: [invoiceId],
        amount: amount ?? loaded.situation.remaining,
        method: choice?.method ?? "counter",
        ...(choice?.tender === undefined ? {} : { tender: choice.tender }),
        reference: values.reference,
        ...(choice?.method === "cheque" ? { bank: values.banque } : {}),
        receivedOn: receivedOn ?? on,
        settings: kit.settings.payment
      })
    )
    seeOther(ctx, `${agentInvoicePath(invoiceId)}?message=${recorded.created ? "paiement-enregistre" : "paiement-deja-enregistre"}`)
  })

  router.post(agentInvoicePaths.treasury, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const { invoiceId, on, loaded } = await load(ctx)
    ctx.state.formView = { page: "agents-invoice", title: `Facture ${loaded.situation.invoice.number}`, model: invoiceModel(agent, loaded, on, {}, accepted) }
    await kit.run(sendInvoiceToTreasuryByAgent(agent, { invoiceId }))
    seeOther(ctx, `${agentInvoicePath(invoiceId)}?message=tresor-transmise`)
  })
}
