import { Context, type Effect, type Option } from "effect"
import type { HouseholdId, PaymentId } from "../shared/Ids.js"
import type { Instant } from "../shared/Instant.js"
import type { Payment } from "./Payment.js"
import type { PaymentNotFound } from "./PaymentErrors.js"

/** The payment actually kept for an idempotency key, and whether this call created it. */
export interface RecordedPayment {
  readonly payment: Payment
  readonly created: boolean
}

/** Where payments are kept: one per idempotency key, never changed. Lists come in no particular order. */
export class PaymentRepository extends Context.Tag("@spe/core/PaymentRepository")<
  PaymentRepository,
  {
    /**
     * Records a payment unless one with the same idempotency key exists, atomically: concurrent
     * calls with one key keep exactly one payment, and each returns that one.
     */
    readonly recordOnce: (payment: Payment) => Effect.Effect<RecordedPayment>
    readonly get: (id: PaymentId) => Effect.Effect<Payment, PaymentNotFound>
    readonly byHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<Payment>>
    readonly byIdempotencyKey: (key: string) => Effect.Effect<Option.Option<Payment>>
    /** Payments received from `from` (included) to `until` (excluded), all households. */
    readonly receivedBetween: (from: Instant, until: Instant) => Effect.Effect<ReadonlyArray<Payment>>
  }
>() {}
