import { Context, type Effect, type Option } from "effect"
import type { PaymentIntentId } from "../shared/Ids.js"
import type { PaymentIntent } from "./PaymentIntent.js"

/** Where online payment intents are kept. */
export class PaymentIntentRepository extends Context.Tag("@spe/core/PaymentIntentRepository")<
  PaymentIntentRepository,
  {
    /** Inserts or replaces the intent with this id. */
    readonly save: (intent: PaymentIntent) => Effect.Effect<void>
    readonly get: (id: PaymentIntentId) => Effect.Effect<Option.Option<PaymentIntent>>
    readonly byOperationId: (operationId: string) => Effect.Effect<Option.Option<PaymentIntent>>
    /** Intents still `created` or `pending`, in no particular order. */
    readonly open: Effect.Effect<ReadonlyArray<PaymentIntent>>
  }
>() {}
