import { PaymentIntentId, PaymentIntentRepository } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { aPaymentIntent } from "./PaymentFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<PaymentIntentRepository>> | Layer.Layer<PaymentIntentRepository>

/**
 * The behaviour every `PaymentIntentRepository` adapter must have: intents saved (inserted or
 * replaced) and read back by id and by operation; the open ones listed.
 */
export function paymentIntentRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, PaymentIntentRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`PaymentIntentRepository contract: ${name}`, () => {
    it("saves, replaces and finds intents by id and by operation", async () => {
      const pending = aPaymentIntent()
      const paid = aPaymentIntent({ status: "paid", settledAt: pending.expiresAt })
      const result = await run(Effect.gen(function* () {
        const repo = yield* PaymentIntentRepository
        yield* repo.save(pending)
        const before = yield* repo.get(pending.id)
        yield* repo.save(paid)
        return {
          before,
          after: yield* repo.get(pending.id),
          byOperation: yield* repo.byOperationId("op-1"),
          unknownOperation: yield* repo.byOperationId("op-forged"),
          unknownId: yield* repo.get(PaymentIntentId.make("pi-none"))
        }
      }))
      expect(result.before).toEqual(Option.some(pending))
      expect(result.after).toEqual(Option.some(paid))
      expect(result.byOperation).toEqual(Option.some(paid))
      expect(Option.isNone(result.unknownOperation)).toBe(true)
      expect(Option.isNone(result.unknownId)).toBe(true)
    })

    it("lists only created and pending intents as open", async () => {
      const open = await run(Effect.gen(function* () {
        const repo = yield* PaymentIntentRepository
        const statuses = ["created", "pending", "paid", "refused", "cancelled", "expired"] as const
        for (const [i, status] of statuses.entries()) {
          yield* repo.save(aPaymentIntent({ id: PaymentIntentId.make(`pi-${i}`), operationId: `op-${i}`, status }))
        }
        return yield* repo.open
      }))
      expect(open.map((i) => i.status).sort()).toEqual(["created", "pending"])
    })
  })
}
