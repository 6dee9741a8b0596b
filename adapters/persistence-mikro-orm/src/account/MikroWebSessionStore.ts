import type { MikroORM } from "@mikro-orm/postgresql"
import { WebSession, WebSessionStore, type AccountId, type Instant, type Sha256Hex } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(WebSession)
const decode = Schema.decodeUnknownSync(WebSession)

const TOUCH = `
  update web_session
  set expires_at = ?, data = jsonb_set(jsonb_set(data, '{lastSeenAt}', to_jsonb(?::text)), '{expiresAt}', to_jsonb(?::text))
  where id_hash = ?`

/**
 * `WebSessionStore` on PostgreSQL: one row per session, by the SHA-256 of its token, with the
 * account and the expiry as columns so that logging an account out everywhere and purging expired
 * sessions are single statements.
 */
export function mikroWebSessionStore(orm: MikroORM): Layer.Layer<WebSessionStore> {
  const count = (sql: string, params: ReadonlyArray<unknown>) =>
    Effect.map(withEntityManager(orm, (em) => em.execute<Array<{ id_hash: string }>>(`${sql} returning id_hash`, [...params])), (rows) => rows.length)
  return Layer.succeed(WebSessionStore, {
    create: (session) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute("insert into web_session (id_hash, account_id, expires_at, data) values (?, ?, ?, ?)", [
            session.idHash,
            session.accountId,
            session.expiresAt,
            JSON.stringify(encode(session))
          ], "run")
        )
      ),
    get: (idHash: Sha256Hex) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>("select data from web_session where id_hash = ?", [idHash])),
        (rows) => Option.map(Option.fromNullable(rows[0]), (row) => decode(row.data))
      ),
    touch: (idHash: Sha256Hex, lastSeenAt: Instant.Instant, expiresAt: Instant.Instant) =>
      Effect.asVoid(withEntityManager(orm, (em) => em.execute(TOUCH, [expiresAt, lastSeenAt, expiresAt, idHash], "run"))),
    delete: (idHash: Sha256Hex) => Effect.asVoid(count("delete from web_session where id_hash = ?", [idHash])),
    deleteAllForAccount: (accountId: AccountId) => count("delete from web_session where account_id = ?", [accountId]),
    deleteExpired: (now: Instant.Instant) => count("delete from web_session where expires_at <= ?", [now])
  })
}
