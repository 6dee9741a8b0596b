import { Context, type Effect } from "effect"
import type { PaymentGatewayUnavailable, PaymentRequestRefused } from "./PaymentErrors.js"
import type { GatewayOutcome, PaymentIntent } from "./PaymentIntent.js"

/** The gateway's answer to a new operation: where to send the family, and the operation's number. */
export interface GatewayInitiation {
  readonly redirectUrl: string
  readonly operationId: string
}

/**
 * The online payment service (PayFiP in production, a sandbox in demos). The portal never trusts
 * a notification's content: it asks the gateway what happened to the operation.
 */
export class PaymentGateway extends Context.Tag("@spe/core/PaymentGateway")<
  PaymentGateway,
  {
    /** Opens an operation for the intent (PayFiP `creerPaiementSecurise`); `PaymentRequestRefused` when the service will not take its content. */
    readonly initiate: (intent: PaymentIntent) => Effect.Effect<GatewayInitiation, PaymentGatewayUnavailable | PaymentRequestRefused>
    /** What happened to an operation (PayFiP `recupererDetailPaiementSecurise`); `Unknown` for an operation it does not know or that is not finished. */
    readonly confirm: (operationId: string) => Effect.Effect<GatewayOutcome, PaymentGatewayUnavailable>
  }
>() {}
