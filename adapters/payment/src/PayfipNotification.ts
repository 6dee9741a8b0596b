import { Cents, confirmOnlinePayment, type OnlinePaymentConfirmation, type PaymentIntent } from "@spe/core"
import { Effect, Option } from "effect"

/** What the HTTP layer answers to PayFiP's notification. */
export interface PayfipNotificationAnswer {
  readonly status: 200 | 400 | 404 | 500 | 503
  readonly contentType: "text/plain; charset=utf-8"
  readonly body: string
  /** The intent after confirmation, when the operation is ours. */
  readonly confirmation: Option.Option<OnlinePaymentConfirmation>
}

/** How the family's return from PayFiP ends, for the page the portal shows. */
export type PayfipReturnKind = "paid" | "refused" | "cancelled" | "expired" | "pending" | "unknown" | "unavailable"

/** What the portal shows the family back from PayFiP. */
export interface PayfipReturnAnswer {
  readonly kind: PayfipReturnKind
  readonly intent: Option.Option<PaymentIntent>
  /** A French sentence for the family. */
  readonly message: string
}

/**
 * The `idOp` of a notification body or a return query (`idOp=…`, form-encoded; `idop` accepted
 * too), or `undefined` when there is none.
 */
export function idOpOf(form: string | URLSearchParams): string | undefined {
  const params = typeof form === "string" ? new URLSearchParams(form.startsWith("?") ? form.slice(1) : form) : form
  for (const [name, value] of params) {
    if (name.toLowerCase() === "idop" && value.trim() !== "") return value.trim()
  }
  return undefined
}

const text = (status: PayfipNotificationAnswer["status"], body: string, confirmation = Option.none<OnlinePaymentConfirmation>()): PayfipNotificationAnswer => ({
  status,
  contentType: "text/plain; charset=utf-8",
  body,
  confirmation
})

/**
 * Handles PayFiP's notification (a form-encoded POST with `idOp`) through the core's
 * `confirmOnlinePayment`: the portal asks PayFiP what happened, never trusting the notification.
 * A repeated notification records nothing more; a forged one changes nothing (404); while PayFiP is
 * unreachable the answer is 503, so that the notification may be sent again.
 */
export const handlePayfipNotification = (body: string) =>
  Effect.gen(function* () {
    const idOp = idOpOf(body)
    if (idOp === undefined) return text(400, "Notification PayFiP sans idOp : rien n'a été enregistré.")
    return yield* confirmOnlinePayment(idOp).pipe(
      Effect.map((confirmation) => text(200, `OK : paiement ${confirmation.intent.id} ${confirmation.intent.status}.`, Option.some(confirmation))),
      Effect.catchTags({
        PaymentOperationUnknown: (error) => Effect.succeed(text(404, error.message)),
        PaymentGatewayUnavailable: (error) => Effect.succeed(text(503, error.message))
      }),
      Effect.catchAll((error) =>
        Effect.as(Effect.logError("Notification PayFiP non traitée", error), text(500, "La notification n'a pas pu être traitée ; elle peut être renvoyée."))
      )
    )
  })

function returnOf(intent: PaymentIntent): PayfipReturnAnswer {
  const some = Option.some(intent)
  switch (intent.status) {
    case "paid":
      return { kind: "paid", intent: some, message: `Votre paiement de ${Cents.formatEuros(intent.amount)} est enregistré. Merci !` }
    case "refused":
      return {
        kind: "refused",
        intent: some,
        message: "Le paiement a été refusé ; rien n'a été débité. Vous pouvez réessayer depuis « Mes factures » ou régler au guichet de la régie."
      }
    case "cancelled":
      return { kind: "cancelled", intent: some, message: "Vous avez annulé le paiement ; rien n'a été débité. La facture reste à payer." }
    case "expired":
      return {
        kind: "expired",
        intent: some,
        message: "Le délai de 15 minutes pour payer est dépassé ; rien n'a été débité. Relancez le paiement depuis « Mes factures »."
      }
    case "created":
    case "pending":
      return {
        kind: "pending",
        intent: some,
        message: "Votre paiement est en cours de traitement : la facture sera marquée payée dès que PayFiP l'aura confirmé."
      }
  }
}

/**
 * Handles the family's return from PayFiP (the query of `urlredirect`, with `idOp`): the same
 * confirmation as the notification, so a payment whose notification never came is recorded all the
 * same, once.
 */
export const handlePayfipReturn = (query: string | URLSearchParams) =>
  Effect.gen(function* () {
    const idOp = idOpOf(query)
    if (idOp === undefined) {
      return { kind: "unknown", intent: Option.none(), message: "Le retour de PayFiP ne dit pas de quelle opération il s'agit ; rien n'a été enregistré." } satisfies PayfipReturnAnswer
    }
    return yield* confirmOnlinePayment(idOp).pipe(
      Effect.map((confirmation): PayfipReturnAnswer => returnOf(confirmation.intent)),
      Effect.catchTags({
        PaymentOperationUnknown: (error) => Effect.succeed<PayfipReturnAnswer>({ kind: "unknown", intent: Option.none(), message: error.message }),
        PaymentGatewayUnavailable: (error) => Effect.succeed<PayfipReturnAnswer>({ kind: "unavailable", intent: Option.none(), message: error.message })
      })
    )
  })
