import { type GatewayOutcome, PaymentGateway } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aPaymentIntent } from "./PaymentFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<PaymentGateway>> | Layer.Layer<PaymentGateway>

/**
 * The behaviour every `PaymentGateway` adapter must have: a distinct operation and a redirect URL
 * per initiation, `Unknown` for operations it did not open or that are not finished. When the
 * adapter's test double can finish an operation (`settle`), the outcome is what `confirm` reports.
 */
export function paymentGatewayContract(
  name: string,
  makeLayer: MakeLayer,
  settle?: (operationId: string, outcome: GatewayOutcome) => Promise<void> | void
): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, PaymentGateway>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`PaymentGateway contract: ${name}`, () => {
    it("opens a distinct operation with a redirect URL for each intent", async () => {
      const [a, b] = await run(Effect.gen(function* () {
        const gateway = yield* PaymentGateway
        return [yield* gateway.initiate(aPaymentIntent({ status: "created" })), yield* gateway.initiate(aPaymentIntent({ status: "created" }))]
      }))
      expect(a?.operationId).toBeTruthy()
      expect(a?.operationId).not.toBe(b?.operationId)
      expect(a?.redirectUrl).toMatch(/^https?:\/\//)
    })

    it("answers Unknown for an operation it never opened, or one not finished", async () => {
      const outcomes = await run(Effect.gen(function* () {
        const gateway = yield* PaymentGateway
        const opened = yield* gateway.initiate(aPaymentIntent({ status: "created" }))
        return [yield* gateway.confirm("op-forged-000"), yield* gateway.confirm(opened.operationId)]
      }))
      expect(outcomes.map((o) => o._tag)).toEqual(["Unknown", "Unknown"])
    })

    if (settle !== undefined) {
      it("reports the outcome of a finished operation", async () => {
        const layer = await makeLayer()
        const opened = await Effect.runPromise(Effect.provide(Effect.flatMap(PaymentGateway, (g) => g.initiate(aPaymentIntent({ status: "created" }))), layer))
        await settle(opened.operationId, { _tag: "Paid", method: "card" })
        const outcome = await Effect.runPromise(Effect.provide(Effect.flatMap(PaymentGateway, (g) => g.confirm(opened.operationId)), layer))
        expect(outcome._tag).toBe("Paid")
      })
    }
  })
}
