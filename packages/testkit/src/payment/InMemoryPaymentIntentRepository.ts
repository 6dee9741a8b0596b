import { type PaymentIntent, PaymentIntentRepository, paymentIntentIsOpen } from "@spe/core"
import { Effect, Layer, Option } from "effect"

/** Payment intents in a map by id. */
export function inMemoryPaymentIntentRepository(): Layer.Layer<PaymentIntentRepository> {
  const byId = new Map<string, PaymentIntent>()
  return Layer.succeed(PaymentIntentRepository, {
    save: (intent) => Effect.sync(() => void byId.set(intent.id, intent)),
    get: (id) => Effect.sync(() => Option.fromNullable(byId.get(id))),
    byOperationId: (operationId) =>
      Effect.sync(() => Option.fromNullable([...byId.values()].find((i) => i.operationId === operationId))),
    open: Effect.sync(() => [...byId.values()].filter(paymentIntentIsOpen))
  })
}
