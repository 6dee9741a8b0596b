import { type Payment, type PaymentId, PaymentNotFound, PaymentRepository } from "@spe/core"
import { Effect, Layer, Option } from "effect"

/** Payments in a map, one per idempotency key; `recordOnce` is one atomic step. */
export function inMemoryPaymentRepository(): Layer.Layer<PaymentRepository> {
  const byKey = new Map<string, Payment>()
  const all = () => [...byKey.values()]
  return Layer.succeed(PaymentRepository, {
    recordOnce: (payment) =>
      Effect.sync(() => {
        const existing = byKey.get(payment.idempotencyKey)
        if (existing !== undefined) return { payment: existing, created: false }
        byKey.set(payment.idempotencyKey, payment)
        return { payment, created: true }
      }),
    get: (id: PaymentId) =>
      Effect.suspend(() => {
        const found = all().find((p) => p.id === id)
        return found === undefined ? Effect.fail(new PaymentNotFound({ paymentId: id })) : Effect.succeed(found)
      }),
    byHousehold: (householdId) => Effect.sync(() => all().filter((p) => p.householdId === householdId)),
    byIdempotencyKey: (key) => Effect.sync(() => Option.fromNullable(byKey.get(key))),
    receivedBetween: (from, until) => Effect.sync(() => all().filter((p) => p.receivedAt >= from && p.receivedAt < until))
  })
}
