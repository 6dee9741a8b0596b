import type { EntityManager, MikroORM } from "@mikro-orm/postgresql"
import { Transactions } from "@spe/core"
import { Effect, Exit, FiberRef, Layer, Runtime } from "effect"

/**
 * The EntityManager of the transaction the current fiber runs in, if any. Repositories read it so
 * that every query of a use case's transaction goes through that transaction's connection: with the
 * embedded database's single connection, a query on another connection would wait forever.
 */
export const CurrentEntityManager = FiberRef.unsafeMake<EntityManager | undefined>(undefined)

/**
 * Runs a database operation with the current transaction's EntityManager, or a fresh one. A
 * failure of the database is a defect: repositories turn the expected ones (a unique constraint)
 * into the core's typed errors themselves.
 */
export function withEntityManager<A>(orm: MikroORM, operation: (em: EntityManager) => Promise<A>): Effect.Effect<A> {
  return Effect.flatMap(FiberRef.get(CurrentEntityManager), (current) => Effect.promise(() => operation(current ?? orm.em.fork())))
}

class Rollback {
  constructor(readonly exit: Exit.Exit<unknown, unknown>) {}
}

/**
 * The core's `Transactions` port on PostgreSQL: the effect runs inside one database transaction,
 * committed when it succeeds and rolled back when it fails (with a typed error or a defect). A
 * transaction started inside another joins it.
 */
export function mikroTransactions(orm: MikroORM): Layer.Layer<Transactions> {
  return Layer.succeed(Transactions, {
    withTransaction: <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.flatMap(FiberRef.get(CurrentEntityManager), (current) => {
        if (current !== undefined) return effect
        return Effect.flatMap(Effect.runtime<R>(), (runtime) =>
          Effect.flatten(
            Effect.promise(async (): Promise<Exit.Exit<A, E>> => {
              try {
                return await orm.em.fork().transactional(async (em) => {
                  const exit = await Runtime.runPromiseExit(runtime)(Effect.locally(effect, CurrentEntityManager, em))
                  if (Exit.isFailure(exit)) throw new Rollback(exit)
                  return exit
                })
              } catch (error) {
                if (error instanceof Rollback) return error.exit as Exit.Exit<A, E>
                throw error
              }
            })
          )
        )
      })
  })
}
