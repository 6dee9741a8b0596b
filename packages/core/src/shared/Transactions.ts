import { Context, type Effect } from "effect"

/**
 * The transaction boundary. A use case wraps what must happen atomically (one session's booking
 * decision, one billing run) in `withTransaction`; the persistence adapter decides how: the
 * PostgreSQL one opens a transaction and rolls it back when the effect fails, the in-memory one
 * (`@spe/testkit`) runs transactions one at a time. Calls nested inside a transaction join it.
 */
export class Transactions extends Context.Tag("@spe/core/Transactions")<
  Transactions,
  {
    readonly withTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  }
>() {}
