import type { MikroORM } from "@mikro-orm/postgresql"
import { Payment, PaymentNotFound, PaymentRepository, type HouseholdId, type PaymentId } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { PaymentEntity, type PaymentRow } from "./PaymentEntities.js"

const encode = Schema.encodeSync(Payment)
const decode = Schema.decodeUnknownSync(Payment)

const toPayment = (row: PaymentRow): Payment => decode(row.data)

const INSERT = `
  insert into payment (id, household_id, idempotency_key, data)
  values (?, ?, ?, ?)
  on conflict (idempotency_key) do nothing
  returning id`

/**
 * `PaymentRepository` on PostgreSQL: one row per payment, the payment as JSON, its idempotency key
 * unique. `recordOnce` inserts unless the key exists (a concurrent insert of the same key is waited
 * for), then reads back the payment kept for the key.
 */
export function mikroPaymentRepository(orm: MikroORM): Layer.Layer<PaymentRepository> {
  return Layer.succeed(PaymentRepository, {
    recordOnce: (payment) =>
      Effect.flatMap(
        withEntityManager(orm, async (em) => {
          const inserted = await em.execute<Array<{ id: string }>>(INSERT, [
            payment.id,
            payment.householdId,
            payment.idempotencyKey,
            JSON.stringify(encode(payment))
          ])
          if (inserted.length === 1) return { payment, created: true }
          const kept = await em.findOne(PaymentEntity, { idempotencyKey: payment.idempotencyKey }, { disableIdentityMap: true })
          return kept === null ? undefined : { payment: toPayment(kept), created: false }
        }),
        (recorded) =>
          recorded === undefined ? Effect.dieMessage(`No payment kept for the key ${payment.idempotencyKey}`) : Effect.succeed(recorded)
      ),
    get: (id: PaymentId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.findOne(PaymentEntity, { id }, { disableIdentityMap: true })),
        (row) => (row === null ? Effect.fail(new PaymentNotFound({ paymentId: id })) : Effect.succeed(toPayment(row)))
      ),
    byHousehold: (householdId: HouseholdId) =>
      Effect.map(
        withEntityManager(orm, (em) => em.find(PaymentEntity, { householdId }, { orderBy: { id: "asc" }, disableIdentityMap: true })),
        (rows) => rows.map(toPayment)
      ),
    byIdempotencyKey: (key) =>
      Effect.map(
        withEntityManager(orm, (em) => em.findOne(PaymentEntity, { idempotencyKey: key }, { disableIdentityMap: true })),
        (row) => Option.map(Option.fromNullable(row), toPayment)
      ),
    receivedBetween: (from, until) =>
      Effect.map(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ data: unknown }>>(
            "select data from payment where data->>'receivedAt' >= ? and data->>'receivedAt' < ? order by id",
            [from, until]
          )
        ),
        (rows) => rows.map((row) => decode(row.data))
      )
  })
}
