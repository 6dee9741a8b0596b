import { type AuditFilter, AuditLog, type AuditRecord } from "@spe/core"
import { Effect, Layer } from "effect"

const matches = (record: AuditRecord, filter: AuditFilter): boolean =>
  (filter.actorAccountId === undefined || record.actorAccountId === filter.actorAccountId) &&
  (filter.action === undefined || record.action === filter.action) &&
  (filter.targetKind === undefined || record.target.kind === filter.targetKind) &&
  (filter.targetId === undefined || record.target.id === filter.targetId) &&
  (filter.outcome === undefined || record.outcome === filter.outcome) &&
  (filter.from === undefined || record.at >= filter.from) &&
  (filter.until === undefined || record.at < filter.until)

/** An audit journal in a list; each call gives a fresh journal. */
export function inMemoryAuditLog(): Layer.Layer<AuditLog> {
  const records: Array<AuditRecord> = []
  return Layer.succeed(AuditLog, {
    append: (record) => Effect.sync(() => void records.push(record)),
    list: (filter) =>
      Effect.sync(() => {
        const newestFirst = records
          .map((record, order) => ({ record, order }))
          .filter(({ record }) => matches(record, filter))
          .sort((a, b) => (a.record.at < b.record.at ? 1 : a.record.at > b.record.at ? -1 : b.order - a.order))
          .map(({ record }) => record)
        return filter.limit === undefined ? newestFirst : newestFirst.slice(0, filter.limit)
      })
  })
}
