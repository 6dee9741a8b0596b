import { type QuotientRecord, QuotientRecordNotFound, QuotientRepository } from "@spe/core"
import { Effect, Layer } from "effect"

const historyOrder = (a: QuotientRecord, b: QuotientRecord) =>
  a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** QF records kept in a map; a fresh, empty store per layer unless `initial` is given. */
export function inMemoryQuotientRepository(initial: ReadonlyArray<QuotientRecord> = []): Layer.Layer<QuotientRepository> {
  return Layer.sync(QuotientRepository, () => {
    const records = new Map(initial.map((r) => [r.id, r]))
    return {
      get: (id) =>
        Effect.suspend(() => {
          const found = records.get(id)
          return found === undefined ? Effect.fail(new QuotientRecordNotFound({ recordId: id })) : Effect.succeed(found)
        }),
      save: (record) => Effect.sync(() => void records.set(record.id, record)),
      listByHousehold: (householdId) =>
        Effect.sync(() => [...records.values()].filter((r) => r.householdId === householdId).sort(historyOrder))
    }
  })
}
