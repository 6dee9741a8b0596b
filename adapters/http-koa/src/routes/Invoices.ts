import type Router from "@koa/router"
import {
  Clock,
  CreditNoteId,
  creditNoteTotal,
  formatBillingMonthFr,
  type HouseholdAccount,
  type HouseholdInvoice,
  InvoiceId,
  type InvoiceLineView,
  type InvoiceSituation,
  isPastDue,
  loadHouseholdAccount,
  loadHouseholdCreditNote,
  loadHouseholdInvoice,
  loadPaymentReceipt,
  LocalDate,
  onlinePaymentRefusal,
  ParisTime,
  PaymentId,
  paymentMethodLabel,
  startOnlinePayment
} from "@spe/core"
import { Effect, Option, Schema } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { contentSecurityPolicy } from "../middleware/SecurityHeaders.js"
import { type PortalContext, type PortalState, requireAccount, requireHousehold } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { creditNotePath, invoicePath, paymentReceiptPath, portalPaths } from "../PortalPaths.js"
import type { PageModel } from "../PortalViews.js"
import { documentSettingsOf, sendDocument } from "./Documents.js"

const byNewest = <T>(key: (item: T) => string) => (a: T, b: T): number => {
  const ka = key(a)
  const kb = key(b)
  return ka < kb ? 1 : ka > kb ? -1 : 0
}

const today = Effect.flatMap(Clock, (clock) => clock.now).pipe(Effect.map(ParisTime.dateAt))

/** An invoice's status in words, as "Mes factures" says it (from the account's status and the due date). */
export function invoiceStatusWords(situation: InvoiceSituation, on: LocalDate.LocalDate): { readonly code: string; readonly text: string } {
  const late = isPastDue(situation, on)
  switch (situation.status) {
    case "paid":
      return { code: "paid", text: "Payée" }
    case "cancelled":
      return { code: "paid", text: "Annulée par avoir" }
    case "sentToTreasury":
      return { code: "treasury", text: "Transmise au Trésor public" }
    case "partlyPaid":
      return late
        ? { code: "late", text: "Partiellement payée, en retard" }
        : { code: "due", text: `Partiellement payée, reste à payer avant le ${LocalDate.formatFr(situation.invoice.dueOn)}` }
    case "issued":
      return late ? { code: "late", text: "En retard" } : { code: "due", text: `À payer avant le ${LocalDate.formatFr(situation.invoice.dueOn)}` }
  }
}

/** The household's balance in words: what remains to pay, its credit, or nothing. */
function balanceModel(account: HouseholdAccount) {
  const balance = account.balance
  if (balance > 0) return { owes: true, amount: balance, text: "Reste à payer sur votre compte" }
  if (balance < 0) return { owes: false, amount: -balance, text: "Votre compte est créditeur : ce crédit viendra en déduction de vos prochaines factures" }
  return { owes: false, amount: 0, text: "Votre compte est à jour : rien à payer" }
}

function listModel(account: HouseholdAccount, on: LocalDate.LocalDate) {
  const invoices = [...account.invoices]
    .sort(byNewest((s) => `${s.invoice.issuedOn}|${s.invoice.period}|${s.invoice.number}`))
    .map((s) => {
      const status = invoiceStatusWords(s, on)
      return {
        number: s.invoice.number,
        href: invoicePath(s.invoice.id),
        period: formatBillingMonthFr(s.invoice.period),
        issuedOn: s.invoice.issuedOn,
        dueOn: s.invoice.dueOn,
        total: s.total,
        credited: s.credited,
        hasCredit: s.credited > 0,
        paid: s.paid,
        remaining: s.remaining,
        statusCode: status.code,
        statusText: status.text
      }
    })
  const invoiceIds = new Set<string>(account.invoices.map((s) => s.invoice.id))
  const creditNotes = [...account.creditNotes]
    .sort(byNewest((n) => `${n.issuedOn}|${n.number}`))
    .map((note) => ({
      number: note.number,
      href: creditNotePath(note.id),
      issuedOn: note.issuedOn,
      invoiceNumber: note.invoiceNumber,
      ...(invoiceIds.has(note.invoiceId) ? { invoiceHref: invoicePath(note.invoiceId) } : {}),
      total: creditNoteTotal(note)
    }))
  const payments = [...account.payments]
    .sort(byNewest((p) => `${p.receivedAt}|${p.id}`))
    .map((p) => ({ receivedAt: p.receivedAt, method: paymentMethodLabel(p.method), amount: p.amount, href: paymentReceiptPath(p.id) }))
  return { invoices, creditNotes, payments, balance: balanceModel(account) }
}

/** The rows of a group: lines alike (same rule, price and explanation) in one row, with their dates and quantity. */
function rowsOf(lines: ReadonlyArray<InvoiceLineView>, showExplanation: boolean) {
  const rows = new Map<string, { dates: Array<string>; line: InvoiceLineView; amount: number }>()
  for (const line of lines) {
    const key = [line.ruleCode, line.unitPrice.cents, line.amount.cents, line.previouslyBilled?.cents ?? "", ...line.explanation].join("\u0000")
    const row = rows.get(key)
    if (row === undefined) rows.set(key, { dates: [line.date.short], line, amount: line.amount.cents })
    else {
      row.dates.push(line.date.short)
      row.amount += line.amount.cents
    }
  }
  return [...rows.values()].map(({ dates, line, amount }) => ({
    dates,
    quantity: dates.length,
    rule: line.ruleLabel,
    unitPrice: line.unitPrice.cents,
    amount,
    ...(line.previouslyBilled === undefined ? {} : { previouslyBilled: line.previouslyBilled.cents }),
    explanation: showExplanation ? line.explanation : []
  }))
}

function detailModel(loaded: HouseholdInvoice, on: LocalDate.LocalDate, canPayOnline: boolean, payRefusal: string | undefined): PageModel & { readonly title: string } {
  const { situation, document } = loaded
  const status = invoiceStatusWords(situation, on)
  const id = situation.invoice.id
  return {
    title: `Facture ${situation.invoice.number}`,
    number: situation.invoice.number,
    period: document.period.text,
    issuedOn: situation.invoice.issuedOn,
    dueOn: situation.invoice.dueOn,
    statusCode: status.code,
    statusText: status.text,
    total: situation.total,
    credited: situation.credited,
    hasCredit: situation.credited > 0,
    paid: situation.paid,
    remaining: situation.remaining,
    hasRemaining: situation.remaining > 0,
    groups: document.groups.map((group) => ({
      childName: group.childName,
      activityName: group.activityName,
      sharedExplanation: group.sharedExplanation,
      rows: rowsOf(group.lines, group.sharedExplanation.length === 0),
      subtotal: group.subtotal.cents
    })),
    payments: loaded.payments.map((p) => ({
      receivedAt: p.payment.receivedAt,
      method: paymentMethodLabel(p.payment.method),
      amount: p.amount,
      receiptHref: paymentReceiptPath(p.payment.id)
    })),
    creditNotes: loaded.creditNotes.map((note) => ({ number: note.number, href: creditNotePath(note.id), issuedOn: note.issuedOn, reason: note.reason, total: creditNoteTotal(note) })),
    howToPay: document.howToPay.map((way) => ({ title: way.title, text: way.text })),
    paymentNote: document.paymentNote,
    canPayOnline,
    ...(payRefusal === undefined ? {} : { payRefusal }),
    payAction: `${invoicePath(id)}/payer`,
    pdfHref: `${invoicePath(id)}/pdf`,
    printHref: `${invoicePath(id)}/impression`,
    invoicesHref: portalPaths.invoices
  }
}

/** An id of the address, or 404 when it cannot be one. */
const param = <A>(ctx: PortalContext, is: (value: unknown) => value is A, name: string): A => {
  const value = ctx.params[name]
  return is(value) ? value : refuse(new PageNotFound({ path: ctx.path }))
}

/** Allows the page's forms to be redirected to the payment service's origins (PayFiP's payment page). */
function allowGatewayRedirects(ctx: PortalContext, origins: ReadonlyArray<string>): void {
  const allowed = origins.flatMap((origin) => (URL.canParse(origin) && /^https?:$/.test(new URL(origin).protocol) ? [new URL(origin).origin] : []))
  if (allowed.length > 0) ctx.set("Content-Security-Policy", contentSecurityPolicy.replace("form-action 'self'", `form-action 'self' ${allowed.join(" ")}`))
}

/**
 * "Mes factures": the household's invoices (newest first, with what is paid and what remains, in
 * words), its credit notes, payments and balance; each invoice explained line by line, as a PDF
 * and a printable page, and paid online ("Payer en ligne": to the payment service, then back);
 * its credit notes; the receipt of each payment. Ids of another household answer 404.
 */
export function invoiceRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const settings = documentSettingsOf(kit)
  const online = kit.settings.onlinePayment

  const loadDetail = async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const invoiceId = param(ctx, Schema.is(InvoiceId), "invoiceId")
    const loaded = await kit.run(loadHouseholdInvoice(householdId, invoiceId, settings))
    const on = await kit.run(today)
    const refusal = onlinePaymentRefusal(loaded.situation, kit.settings.payment)
    const canPay = online !== undefined && Option.isNone(refusal)
    const payRefusal = online !== undefined && loaded.situation.remaining > 0 && Option.isSome(refusal) ? refusal.value.message : undefined
    return { householdId, invoiceId, loaded, model: detailModel(loaded, on, canPay, payRefusal), refusal }
  }

  router.get(portalPaths.invoices, async (ctx) => {
    const householdId = requireHousehold(ctx)
    const account = await kit.run(loadHouseholdAccount(householdId))
    const on = await kit.run(today)
    kit.render(ctx, "invoices", { title: "Mes factures", ...listModel(account, on) })
  })

  router.get(portalPaths.invoice, async (ctx) => {
    const { model } = await loadDetail(ctx)
    if (online?.gatewayOrigins !== undefined) allowGatewayRedirects(ctx, online.gatewayOrigins)
    kit.render(ctx, "invoice", model)
  })

  router.post(portalPaths.invoicePay, async (ctx) => {
    const account = requireAccount(ctx)
    const { householdId, invoiceId, loaded, model, refusal } = await loadDetail(ctx)
    if (online === undefined) return refuse(new PageNotFound({ path: ctx.path }))
    if (online.gatewayOrigins !== undefined) allowGatewayRedirects(ctx, online.gatewayOrigins)
    ctx.state.formView = { page: "invoice", title: model.title, model }
    if (Option.isSome(refusal)) return refuse(refusal.value)
    const payerEmail = account.email ?? loaded.document.addressee.email
    const intent = await kit.run(startOnlinePayment({ householdId, invoiceIds: [invoiceId], payerEmail }, kit.settings.payment))
    if (intent.redirectUrl === undefined) return refuse(new PageNotFound({ path: ctx.path }))
    seeOther(ctx, intent.redirectUrl)
  })

  router.get(portalPaths.invoicePdf, async (ctx) => {
    const { loaded } = await loadDetail(ctx)
    await sendDocument(ctx, kit, "invoice", loaded.document, "pdf")
  })

  router.get(portalPaths.invoicePrint, async (ctx) => {
    const { loaded } = await loadDetail(ctx)
    await sendDocument(ctx, kit, "invoice", loaded.document, "html")
  })

  const loadCreditNote = async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const creditNoteId = param(ctx, Schema.is(CreditNoteId), "creditNoteId")
    return kit.run(loadHouseholdCreditNote(householdId, creditNoteId, settings))
  }

  router.get(portalPaths.creditNote, async (ctx) => {
    const { creditNote, document } = await loadCreditNote(ctx)
    kit.render(ctx, "invoice-credit-note", {
      title: `Avoir ${creditNote.number}`,
      number: creditNote.number,
      invoiceNumber: creditNote.invoiceNumber,
      invoiceHref: invoicePath(creditNote.invoiceId),
      period: document.period.text,
      issuedOn: creditNote.issuedOn,
      reason: creditNote.reason,
      groups: document.groups.map((g) => ({
        childName: g.childName,
        activityName: g.activityName,
        lines: g.lines.map((l) => ({ date: l.date.date, rule: l.ruleLabel, amount: l.amount.cents })),
        subtotal: g.subtotal.cents
      })),
      total: document.total.cents,
      note: document.note,
      pdfHref: `${creditNotePath(creditNote.id)}/pdf`,
      invoicesHref: portalPaths.invoices
    })
  })

  router.get(portalPaths.creditNotePdf, async (ctx) => {
    const { document } = await loadCreditNote(ctx)
    await sendDocument(ctx, kit, "creditNote", document, "pdf")
  })

  router.get(portalPaths.paymentReceipt, async (ctx) => {
    const householdId = requireHousehold(ctx)
    const paymentId = param(ctx, Schema.is(PaymentId), "paymentId")
    const receipt = await kit.run(loadPaymentReceipt(householdId, paymentId))
    const payment = receipt.payment
    kit.render(ctx, "payment-receipt", {
      title: "Reçu de paiement",
      regieName: kit.settings.regie.name,
      amount: payment.amount,
      receivedAt: payment.receivedAt,
      method: paymentMethodLabel(payment.method),
      reference: payment.reference ?? payment.id,
      paymentId: payment.id,
      lines: receipt.lines.map((line) => ({
        number: line.invoice.number,
        href: invoicePath(line.invoice.id),
        period: formatBillingMonthFr(line.invoice.period),
        amount: line.amount
      })),
      credit: receipt.credit,
      hasCredit: receipt.credit > 0,
      invoicesHref: portalPaths.invoices
    })
  })
}
