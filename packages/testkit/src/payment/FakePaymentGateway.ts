import { type GatewayOutcome, PaymentGateway, PaymentGatewayUnavailable, type PaymentIntent } from "@spe/core"
import { Effect, Layer } from "effect"

/**
 * A payment gateway the test drives: it opens operations `op-1`, `op-2`… and answers what the test
 * says; `confirm` yields first, so concurrent confirmations really interleave.
 */
export interface FakePaymentGateway {
  readonly layer: Layer.Layer<PaymentGateway>
  /** What the gateway will answer for an operation from now on (`Unknown` until told). */
  readonly settle: (operationId: string, outcome: GatewayOutcome) => void
  /** Intents sent to the gateway, in order. */
  readonly initiated: () => ReadonlyArray<PaymentIntent>
  /** How many times the gateway was asked about operations. */
  readonly confirmations: () => number
  /** Makes the gateway unreachable (or reachable again). */
  readonly setUnavailable: (unavailable: boolean) => void
}

export function makeFakePaymentGateway(baseUrl = "https://paiement.test/payfip"): FakePaymentGateway {
  const outcomes = new Map<string, GatewayOutcome>()
  const initiated: Array<PaymentIntent> = []
  let confirmations = 0
  let unavailable = false
  const down = () => Effect.fail(new PaymentGatewayUnavailable({ reason: "service indisponible" }))
  return {
    layer: Layer.succeed(PaymentGateway, {
      initiate: (intent) =>
        Effect.suspend(() => {
          if (unavailable) return down()
          initiated.push(intent)
          const operationId = `op-${initiated.length}`
          return Effect.succeed({ operationId, redirectUrl: `${baseUrl}?idop=${operationId}` })
        }),
      confirm: (operationId) =>
        Effect.zipRight(
          Effect.yieldNow(),
          Effect.suspend(() => {
            if (unavailable) return down()
            confirmations++
            return Effect.succeed(outcomes.get(operationId) ?? { _tag: "Unknown" as const })
          })
        )
    }),
    settle: (operationId, outcome) => void outcomes.set(operationId, outcome),
    initiated: () => [...initiated],
    confirmations: () => confirmations,
    setUnavailable: (value) => {
      unavailable = value
    }
  }
}
