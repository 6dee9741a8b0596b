import type { MikroORM } from "@mikro-orm/postgresql"
import { AuditLog, AuditRecord, type AuditFilter } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(AuditRecord)
const decode = Schema.decodeUnknownSync(AuditRecord)

const APPEND = `
  insert into audit_record (id, at, actor_account_id, action, target_kind, target_id, outcome, data)
  values (?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (id) do nothing`

const conditionsOf = (filter: AuditFilter): { readonly where: string; readonly params: ReadonlyArray<string | number> } => {
  const clauses: Array<readonly [string, string | number | undefined]> = [
    ["actor_account_id = ?", filter.actorAccountId],
    ["action = ?", filter.action],
    ["target_kind = ?", filter.targetKind],
    ["target_id = ?", filter.targetId],
    ["outcome = ?", filter.outcome],
    ["at >= ?", filter.from],
    ["at < ?", filter.until]
  ]
  const used = clauses.flatMap(([sql, value]) => (value === undefined ? [] : [[sql, value] as const]))
  return { where: used.length === 0 ? "true" : used.map(([sql]) => sql).join(" and "), params: used.map(([, value]) => value) }
}

/**
 * `AuditLog` on PostgreSQL: an append-only `audit_record` table (appending an id already recorded
 * changes nothing), indexed for each filter and for the newest-first order.
 */
export function mikroAuditLog(orm: MikroORM): Layer.Layer<AuditLog> {
  return Layer.succeed(AuditLog, {
    append: (record) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            APPEND,
            [
              record.id,
              record.at,
              record.actorAccountId,
              record.action,
              record.target.kind,
              record.target.id,
              record.outcome,
              JSON.stringify(encode(record))
            ],
            "run"
          )
        )
      ),
    list: (filter) => {
      const { where, params } = conditionsOf(filter)
      const limit = filter.limit === undefined ? "" : " limit ?"
      const sql = `select data from audit_record where ${where} order by at desc, id collate "C" desc${limit}`
      return Effect.map(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ data: unknown }>>(sql, filter.limit === undefined ? [...params] : [...params, Math.max(0, filter.limit)])
        ),
        (rows) => rows.map((row) => decode(row.data))
      )
    }
  })
}
