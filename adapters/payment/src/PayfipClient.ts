import { PaymentGatewayUnavailable } from "@spe/core"
import { Effect, Either } from "effect"
import { PayfipFaultReturned, type PayfipRequestInvalid } from "./PayfipErrors.js"
import {
  CREER_FIELDS,
  checkIdOp,
  type CreerPaiementSecurise,
  type CreerPaiementSecuriseInput,
  creerPaiementSecuriseFields,
  DETAIL_FIELDS,
  type DetailPaiementSecurise
} from "./PayfipFields.js"
import { type PayfipOperation, parseSoapResponse, soapRequest } from "./PayfipSoap.js"

/** Where and how the client reaches the PayFiP web service. */
export interface PayfipClientOptions {
  /** The SOAP endpoint (`PaiementSecuriseService`). */
  readonly soapUrl: string
  /** How long a call may take before the service is deemed unavailable. */
  readonly timeoutMillis: number
  /** The `fetch` to use (the global one by default). */
  readonly fetch?: typeof fetch
}

/** What can go wrong with a PayFiP call: refused before sending, a SOAP fault, or the service unreachable. */
export type PayfipCallError = PayfipRequestInvalid | PayfipFaultReturned | PaymentGatewayUnavailable

/** The PayFiP web service's two operations, over SOAP 1.1. */
export interface PayfipClient {
  /** Opens an operation; the fields are checked (and the object transliterated) before any network call. */
  readonly creerPaiementSecurise: (
    input: CreerPaiementSecuriseInput
  ) => Effect.Effect<{ readonly idOp: string; readonly sent: CreerPaiementSecurise }, PayfipCallError>
  /** What PayFiP says of an operation. */
  readonly recupererDetailPaiementSecurise: (idOp: string) => Effect.Effect<DetailPaiementSecurise, PayfipCallError>
}

const unavailable = (reason: string) => new PaymentGatewayUnavailable({ reason })

/** A PayFiP client on `fetch`: `text/xml` POSTs with a `SOAPAction` header, answers and faults read from the envelope. */
export function makePayfipClient(options: PayfipClientOptions): PayfipClient {
  const doFetch = options.fetch ?? globalThis.fetch

  const call = (operation: PayfipOperation, fields: ReadonlyArray<readonly [string, string]>) =>
    Effect.gen(function* () {
      const response = yield* Effect.tryPromise({
        try: async (signal) => {
          const answer = await doFetch(options.soapUrl, {
            method: "POST",
            headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""', accept: "text/xml" },
            body: soapRequest(operation, fields),
            signal: AbortSignal.any([signal, AbortSignal.timeout(options.timeoutMillis)])
          })
          return { status: answer.status, text: await answer.text() }
        },
        catch: (error) =>
          error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
            ? unavailable(`PayFiP n'a pas répondu en ${Math.ceil(options.timeoutMillis / 1000)} s`)
            : unavailable("PayFiP est injoignable")
      })
      const parsed = parseSoapResponse(response.text)
      if (Either.isLeft(parsed)) {
        return yield* unavailable(response.status >= 400 ? `PayFiP a répondu HTTP ${response.status}` : `réponse PayFiP illisible : ${parsed.left}`)
      }
      const answer = parsed.right
      if (answer._tag === "Fault") {
        return yield* new PayfipFaultReturned({ operation, code: answer.fault.code, description: answer.fault.description })
      }
      if (answer.call.operation !== operation) return yield* unavailable(`réponse PayFiP inattendue : ${answer.call.operation}`)
      return answer.call.fields
    })

  return {
    creerPaiementSecurise: (input) =>
      Effect.gen(function* () {
        const sent = yield* creerPaiementSecuriseFields(input)
        const returned = yield* call("creerPaiementSecurise", CREER_FIELDS.map((name) => [name, sent[name]] as const))
        const idOp = checkIdOp(returned["idOp"])
        if (Either.isLeft(idOp)) return yield* unavailable("PayFiP n'a pas donné de numéro d'opération valable")
        return { idOp: idOp.right, sent }
      }),
    recupererDetailPaiementSecurise: (idOp) =>
      Effect.gen(function* () {
        const checked = yield* checkIdOp(idOp)
        const returned = yield* call("recupererDetailPaiementSecurise", [["idOp", checked]])
        if (returned["resultrans"] === undefined) return yield* unavailable("PayFiP n'a pas donné le résultat de l'opération")
        const detail = Object.fromEntries(DETAIL_FIELDS.map((name) => [name, returned[name] ?? ""])) as Record<string, string>
        return detail as DetailPaiementSecurise
      })
  }
}
