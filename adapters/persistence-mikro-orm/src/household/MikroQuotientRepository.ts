import type { MikroORM } from "@mikro-orm/postgresql"
import { QuotientRecord, QuotientRecordNotFound, QuotientRepository, type HouseholdId, type QuotientRecordId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"
import { QuotientRecordEntity, type QuotientRecordRow } from "./QuotientRecordEntity.js"

const encode = Schema.encodeSync(QuotientRecord)
const decode = Schema.decodeUnknownSync(QuotientRecord)

/** `QuotientRepository` on PostgreSQL: one row per QF record, the record as JSON, indexed by household and submission. */
export function mikroQuotientRepository(orm: MikroORM): Layer.Layer<QuotientRepository> {
  const toRecord = (row: QuotientRecordRow): QuotientRecord => decode(row.data)
  return Layer.succeed(QuotientRepository, {
    get: (id: QuotientRecordId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.findOne(QuotientRecordEntity, { id }, { disableIdentityMap: true })),
        (row) => (row === null ? Effect.fail(new QuotientRecordNotFound({ recordId: id })) : Effect.succeed(toRecord(row)))
      ),
    save: (record) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.upsert(
            QuotientRecordEntity,
            { id: record.id, householdId: record.householdId, submittedAt: record.submittedAt, data: encode(record) },
            { onConflictFields: ["id"], onConflictAction: "merge", disableIdentityMap: true }
          )
        )
      ),
    listByHousehold: (householdId: HouseholdId) =>
      Effect.map(
        withEntityManager(orm, (em) =>
          em.find(QuotientRecordEntity, { householdId }, { orderBy: { submittedAt: "asc", id: "asc" }, disableIdentityMap: true })
        ),
        (rows) => rows.map(toRecord)
      )
  })
}
