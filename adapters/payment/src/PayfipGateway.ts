import { type GatewayOutcome, LocalDate, ParisTime, PaymentGateway, PaymentGatewayUnavailable, type PaymentIntent, PaymentRequestRefused } from "@spe/core"
import { type Context, Effect, type Either, Layer } from "effect"
import { makePayfipClient, type PayfipClient } from "./PayfipClient.js"
import type { PayfipRequestInvalid } from "./PayfipErrors.js"
import {
  type CreerPaiementSecurise,
  type CreerPaiementSecuriseInput,
  creerPaiementSecuriseFields,
  normalizeObjet,
  outcomeOfDetail,
  refdetOf,
  truncateObjet
} from "./PayfipFields.js"
import type { PayfipSettings } from "./PayfipSettings.js"

/** PayFiP's functional error codes that mean "no result for this operation": P1 unknown `idOp`, P5 result not known yet. */
export const PAYFIP_NO_RESULT_CODES: ReadonlyArray<string> = ["P1", "P5"]

/**
 * The debt reference of an intent: its invoice number (letters and digits only); for several
 * invoices, their numbers joined when that fits in 30 characters, the intent's id otherwise.
 */
export function refdetOfIntent(intent: Pick<PaymentIntent, "id" | "invoiceNumbers">): string {
  const numbers = intent.invoiceNumbers.map(refdetOf)
  const joined = numbers.join("")
  if (numbers.length === 1 || joined.length <= 30) return joined
  return refdetOf(intent.id).slice(0, 30)
}

/** What the portal sends to `creerPaiementSecurise` for an intent, before checking. */
export function payfipInputOfIntent(intent: PaymentIntent, settings: PayfipSettings): CreerPaiementSecuriseInput {
  return {
    numcli: settings.numcli,
    exer: LocalDate.year(ParisTime.dateAt(intent.createdAt)),
    refdet: refdetOfIntent(intent),
    montant: intent.amount,
    mel: intent.payerEmail,
    objet: truncateObjet(normalizeObjet(`${settings.objectPrefix} ${intent.invoiceNumbers.join(" ")}`)),
    saisie: settings.saisie,
    urlnotif: settings.notificationUrl,
    urlredirect: settings.returnUrl
  }
}

/** The checked fields of `creerPaiementSecurise` for an intent, or the French reasons they are refused. */
export function payfipFieldsOfIntent(intent: PaymentIntent, settings: PayfipSettings): Either.Either<CreerPaiementSecurise, PayfipRequestInvalid> {
  return creerPaiementSecuriseFields(payfipInputOfIntent(intent, settings))
}

/** The payment page of an operation: `<serviceUrl>?idop=<idOp>`. */
export function payfipPaymentPageUrl(serviceUrl: string, idOp: string): string {
  return `${serviceUrl}${serviceUrl.includes("?") ? "&" : "?"}idop=${encodeURIComponent(idOp)}`
}

/** Options of the PayFiP gateway: another `fetch`, or a ready client. */
export interface PayfipGatewayOptions {
  readonly fetch?: typeof fetch
  readonly client?: PayfipClient
}

/**
 * The core's `PaymentGateway` on PayFiP. `initiate` checks every field before calling
 * `creerPaiementSecurise` (a refused field is `PaymentRequestRefused`, with the French reason, and
 * nothing is sent); `confirm` asks `recupererDetailPaiementSecurise` and maps
 * `resultrans`. An operation PayFiP does not know or has no result for yet (P1, P5) is `Unknown`;
 * any other fault and any network failure is `PaymentGatewayUnavailable`.
 */
export function makePayfipGateway(settings: PayfipSettings, options: PayfipGatewayOptions = {}): Context.Tag.Service<typeof PaymentGateway> {
  const client =
    options.client ??
    makePayfipClient({ soapUrl: settings.soapUrl, timeoutMillis: settings.timeoutMillis, ...(options.fetch ? { fetch: options.fetch } : {}) })
  return {
    initiate: (intent) =>
      client.creerPaiementSecurise(payfipInputOfIntent(intent, settings)).pipe(
        Effect.map(({ idOp }) => ({ operationId: idOp, redirectUrl: payfipPaymentPageUrl(settings.serviceUrl, idOp) })),
        Effect.catchTags({
          PayfipRequestInvalid: (error) => Effect.fail(new PaymentRequestRefused({ reason: error.message })),
          PayfipFaultReturned: (error) => Effect.fail(new PaymentGatewayUnavailable({ reason: error.message }))
        })
      ),
    confirm: (operationId) =>
      client.recupererDetailPaiementSecurise(operationId).pipe(
        Effect.map((detail): GatewayOutcome => (detail.idOp === "" || detail.idOp === operationId ? outcomeOfDetail(detail) : { _tag: "Unknown" })),
        Effect.catchTags({
          PayfipRequestInvalid: () => Effect.succeed<GatewayOutcome>({ _tag: "Unknown" }),
          PayfipFaultReturned: (error) =>
            PAYFIP_NO_RESULT_CODES.includes(error.code)
              ? Effect.succeed<GatewayOutcome>({ _tag: "Unknown" })
              : Effect.fail(new PaymentGatewayUnavailable({ reason: error.message }))
        })
      )
  }
}

/** The PayFiP gateway as a layer of the core's `PaymentGateway`. */
export function payfipGatewayLayer(settings: PayfipSettings, options: PayfipGatewayOptions = {}): Layer.Layer<PaymentGateway> {
  return Layer.succeed(PaymentGateway, makePayfipGateway(settings, options))
}
