import type Router from "@koa/router"
import type { PaymentIntent } from "@spe/core"
import { type Effect, Option } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { PageNotFound, refuse, UnreadableForm } from "../PortalErrors.js"
import type { PortalKit, PortalServices } from "../PortalKit.js"
import { invoicePath, paymentReceiptPath, portalPaths } from "../PortalPaths.js"

/** What the family chooses on the sandbox's page. */
export type SandboxChoiceName = "card" | "directDebit" | "refused" | "cancelled"

const sandboxChoices: ReadonlyArray<SandboxChoiceName> = ["card", "directDebit", "refused", "cancelled"]

/** An operation of the payment sandbox as its page shows it (the `SandboxOperation` of @spe/payment fits). */
export interface PortalSandboxOperation {
  readonly operationId: string
  /** In cents. */
  readonly amount: number
  readonly invoiceNumbers: ReadonlyArray<string>
  readonly choice: Option.Option<SandboxChoiceName>
}

/** The demo's payment sandbox (the `SandboxGateway` of @spe/payment fits). */
export interface PortalSandbox {
  readonly operation: (operationId: string) => Option.Option<PortalSandboxOperation>
  /** Records the family's choice; `false` for an unknown operation or one already decided. */
  readonly choose: (operationId: string, choice: SandboxChoiceName) => boolean
}

/** What the portal answers to the payment service's notification (`PayfipNotificationAnswer` of @spe/payment fits). */
export interface PaymentNotificationAnswer {
  readonly status: number
  readonly body: string
}

/** What the family is shown back from the payment service (`PayfipReturnAnswer` of @spe/payment fits). */
export interface PaymentReturnAnswer {
  /** `paid`, `refused`, `cancelled`, `expired`, `pending`, `unknown` or `unavailable`. */
  readonly kind: string
  /** A French sentence for the family. */
  readonly message: string
  readonly intent: Option.Option<PaymentIntent>
}

/**
 * How the portal takes online payments, given by the application that composes it (the server
 * fills it from its payment setup), so that the portal itself depends on no payment service:
 * the handlers of the notification and of the family's return (`handlePayfipNotification` and
 * `handlePayfipReturn` of @spe/payment), and the sandbox of the demo, whose page the portal serves.
 * Without it, the portal offers no "Payer en ligne".
 */
export interface PortalOnlinePayment {
  /** The server-to-server notification (`POST /paiement/payfip/notification`): the form-encoded body, the plain-text answer. */
  readonly handleNotification: (body: string) => Effect.Effect<PaymentNotificationAnswer, unknown, PortalServices>
  /** The family's return (`GET /paiement/payfip/retour`): the address's query, what to show. */
  readonly handleReturn: (query: URLSearchParams) => Effect.Effect<PaymentReturnAnswer, unknown, PortalServices>
  /** The demo's sandbox: its page `/paiement/bac-a-sable` and the labels of its buttons (`SANDBOX_CHOICE_LABELS`). */
  readonly sandbox?: { readonly gateway: PortalSandbox; readonly choiceLabels: Readonly<Record<SandboxChoiceName, string>> }
  /**
   * The origins "Payer en ligne" sends the family to (PayFiP's payment page, e.g.
   * `https://www.payfip.gouv.fr`): the invoice page allows its form to be redirected there.
   */
  readonly gatewayOrigins?: ReadonlyArray<string>
}

const returnTitles: Readonly<Record<string, string>> = {
  paid: "Paiement enregistré",
  refused: "Paiement refusé",
  cancelled: "Paiement annulé",
  expired: "Paiement expiré",
  pending: "Paiement en cours",
  unknown: "Paiement introuvable",
  unavailable: "Service de paiement indisponible"
}

const returnStatus = (kind: string): number => (kind === "unknown" ? 404 : kind === "unavailable" ? 503 : 200)

const choiceOf = (value: string): SandboxChoiceName | undefined => sandboxChoices.find((choice) => choice === value)

/** The `idOp` of the form PayFiP posts (`idOp`, or `idop`), or undefined when there is none or it is sent twice. */
function notifiedOperation(ctx: PortalContext): string | undefined {
  const form = ctx.state.form
  if (form === undefined) return undefined
  for (const name of ["idOp", "idop", "IDOP"]) {
    if (!form.has(name)) continue
    try {
      const value = form.text(name, { maxLength: 200 }).trim()
      return value === "" ? undefined : value
    } catch {
      return undefined
    }
  }
  return undefined
}

const returnPath = (operationId: string): string => `${portalPaths.payfipReturn}?idOp=${encodeURIComponent(operationId)}`

/**
 * The pages of online payment: the family's return from the payment service (`/paiement/payfip/retour`,
 * a message, and the receipt when paid), the service's notification (`POST /paiement/payfip/notification`,
 * server to server: no session, no CSRF token, a plain-text answer), and, in the demo, the sandbox's
 * page (`/paiement/bac-a-sable`) where the family chooses what happens, then comes back as from PayFiP.
 */
export function onlinePaymentRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const online = kit.settings.onlinePayment
  if (online === undefined) return

  router.post(portalPaths.payfipNotification, async (ctx) => {
    const operationId = notifiedOperation(ctx)
    const answer = await kit.run(online.handleNotification(operationId === undefined ? "" : new URLSearchParams({ idOp: operationId }).toString()))
    ctx.status = answer.status
    ctx.type = "text/plain; charset=utf-8"
    ctx.body = answer.body
  })

  router.get(portalPaths.payfipReturn, async (ctx) => {
    const answer = await kit.run(online.handleReturn(new URLSearchParams(ctx.querystring)))
    const account = ctx.state.account
    const ownHousehold = account?.holder._tag === "Family" ? account.holder.householdId : undefined
    const intent = Option.getOrUndefined(answer.intent)
    const own = intent !== undefined && ownHousehold !== undefined && intent.householdId === ownHousehold
    kit.render(
      ctx,
      "payment-return",
      {
        title: returnTitles[answer.kind] ?? "Paiement en ligne",
        kind: answer.kind,
        paid: answer.kind === "paid",
        message: answer.message,
        invoicesHref: portalPaths.invoices,
        ...(own && intent !== undefined
          ? {
              amount: intent.amount,
              invoices: intent.invoiceIds.map((id, i) => ({ number: intent.invoiceNumbers[i] ?? id, href: invoicePath(id) })),
              ...(intent.paymentId === undefined ? {} : { receiptHref: paymentReceiptPath(intent.paymentId) })
            }
          : {})
      },
      returnStatus(answer.kind)
    )
  })

  const sandbox = online.sandbox
  if (sandbox === undefined) return

  router.get(portalPaths.paymentSandbox, async (ctx) => {
    const id = typeof ctx.query["idop"] === "string" ? ctx.query["idop"] : ""
    const operation = Option.getOrUndefined(sandbox.gateway.operation(id))
    if (operation === undefined) return refuse(new PageNotFound({ path: ctx.path }))
    kit.render(ctx, "payment-sandbox", {
      title: "Paiement en ligne (bac à sable)",
      operationId: operation.operationId,
      amount: operation.amount,
      invoiceNumbers: operation.invoiceNumbers,
      decided: Option.isSome(operation.choice),
      returnHref: returnPath(operation.operationId),
      choices: sandboxChoices.map((value) => ({ value, label: sandbox.choiceLabels[value] }))
    })
  })

  router.post(portalPaths.paymentSandbox, async (ctx) => {
    const form = formOf(ctx)
    const id = form.text("idop", { maxLength: 200 })
    const choice = choiceOf(form.text("choix", { maxLength: 40 }))
    if (choice === undefined) return refuse(new UnreadableForm({ reason: "choisissez l'un des boutons de la page de paiement." }))
    if (Option.isNone(sandbox.gateway.operation(id))) return refuse(new PageNotFound({ path: ctx.path }))
    sandbox.gateway.choose(id, choice)
    seeOther(ctx, returnPath(id))
  })
}
