import type { MikroORM } from "@mikro-orm/postgresql"
import { PaymentIntent, PaymentIntentRepository, type PaymentIntentId } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { PaymentIntentEntity, type PaymentIntentRow } from "./PaymentEntities.js"

const encode = Schema.encodeSync(PaymentIntent)
const decode = Schema.decodeUnknownSync(PaymentIntent)

const toIntent = (row: PaymentIntentRow): PaymentIntent => decode(row.data)

const OPEN: ReadonlyArray<PaymentIntent["status"]> = ["created", "pending"]

/** `PaymentIntentRepository` on PostgreSQL: one row per intent, the intent as JSON, found by gateway operation and status. */
export function mikroPaymentIntentRepository(orm: MikroORM): Layer.Layer<PaymentIntentRepository> {
  return Layer.succeed(PaymentIntentRepository, {
    save: (intent) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.upsert(
            PaymentIntentEntity,
            { id: intent.id, householdId: intent.householdId, operationId: intent.operationId ?? null, status: intent.status, data: encode(intent) },
            { onConflictFields: ["id"], onConflictAction: "merge", disableIdentityMap: true }
          )
        )
      ),
    get: (id: PaymentIntentId) =>
      Effect.map(
        withEntityManager(orm, (em) => em.findOne(PaymentIntentEntity, { id }, { disableIdentityMap: true })),
        (row) => Option.map(Option.fromNullable(row), toIntent)
      ),
    byOperationId: (operationId) =>
      Effect.map(
        withEntityManager(orm, (em) => em.findOne(PaymentIntentEntity, { operationId }, { disableIdentityMap: true })),
        (row) => Option.map(Option.fromNullable(row), toIntent)
      ),
    open: Effect.map(
      withEntityManager(orm, (em) => em.find(PaymentIntentEntity, { status: { $in: [...OPEN] } }, { orderBy: { id: "asc" }, disableIdentityMap: true })),
      (rows) => rows.map(toIntent)
    )
  })
}
