import { randomUUID } from "node:crypto"
import type { MikroORM } from "@mikro-orm/postgresql"
import { LoginFailureLog, type Instant } from "@spe/core"
import { Effect, Layer } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const RECENT = `
  select 'identifier' as scope, at from login_failure where identifier = ? and at >= ?
  union all
  select 'address' as scope, at from login_failure where address = ? and at >= ?
  order by at`

/**
 * `LoginFailureLog` on PostgreSQL: one `login_failure` row per failure, indexed by identifier and
 * by address. Forgetting an identifier blanks it on its rows, which still count for the address.
 */
export function mikroLoginFailureLog(orm: MikroORM): Layer.Layer<LoginFailureLog> {
  return Layer.succeed(LoginFailureLog, {
    record: (failure) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute("insert into login_failure (id, identifier, address, at) values (?, ?, ?, ?)", [randomUUID(), failure.identifier, failure.address, failure.at], "run")
        )
      ),
    recentFailures: (identifier, address, since) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ scope: string; at: Instant.Instant }>>(RECENT, [identifier, since, address, since])),
        (rows) => ({
          forIdentifier: rows.filter((row) => row.scope === "identifier").map((row) => row.at),
          fromAddress: rows.filter((row) => row.scope === "address").map((row) => row.at)
        })
      ),
    clearIdentifier: (identifier) =>
      Effect.asVoid(withEntityManager(orm, (em) => em.execute("update login_failure set identifier = null where identifier = ?", [identifier], "run")))
  })
}
