import type { MikroORM } from "@mikro-orm/postgresql"
import {
  DocumentNotFound,
  SupportingDocument,
  SupportingDocumentRepository,
  type DocumentId,
  type HouseholdId,
  type SupportingDocumentFilter
} from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(SupportingDocument)
const decode = Schema.decodeUnknownSync(SupportingDocument)

const UPSERT = `
  insert into supporting_document (id, household_id, kind, review, uploaded_at, data)
  values (?, ?, ?, ?, ?, ?)
  on conflict (id) do update
  set household_id = excluded.household_id, kind = excluded.kind, review = excluded.review,
      uploaded_at = excluded.uploaded_at, data = excluded.data`

const PENDING_PAGE = `
  with pending as (select uploaded_at, id, data from supporting_document where review = 'Pending')
  select
    (select count(*)::int from pending) as total,
    coalesce((select jsonb_agg(p.data order by p.uploaded_at, p.id collate "C")
              from (select * from pending order by uploaded_at, id collate "C" limit ? offset ?) p), '[]'::jsonb) as items`

const anyOf = (column: string, values: ReadonlyArray<string> | undefined) =>
  values === undefined ? [] : [{ sql: `${column} in (select jsonb_array_elements_text(?::jsonb))`, param: JSON.stringify(values) }]

/**
 * `SupportingDocumentRepository` on PostgreSQL: one `supporting_document` row per record, the
 * record as JSON; the review queue's page and total come from one statement (also when filtered
 * by kind and review).
 */
export function mikroSupportingDocumentRepository(orm: MikroORM): Layer.Layer<SupportingDocumentRepository> {
  return Layer.succeed(SupportingDocumentRepository, {
    get: (id: DocumentId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>("select data from supporting_document where id = ?", [id])),
        ([row]) => (row === undefined ? Effect.fail(new DocumentNotFound({ documentId: id })) : Effect.succeed(decode(row.data)))
      ),
    save: (document) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            UPSERT,
            [document.id, document.householdId, document.kind, document.review._tag, document.uploadedAt, JSON.stringify(encode(document))],
            "run"
          )
        )
      ),
    remove: (id: DocumentId) => Effect.asVoid(withEntityManager(orm, (em) => em.execute("delete from supporting_document where id = ?", [id], "run"))),
    listByHousehold: (householdId: HouseholdId, filter: SupportingDocumentFilter = {}) => {
      const conditions = [...anyOf("kind", filter.kinds), ...anyOf("review", filter.reviews)]
      const sql = `
        select data from supporting_document
        where household_id = ?${conditions.map((c) => ` and ${c.sql}`).join("")}
        order by uploaded_at desc, id collate "C" desc`
      return Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(sql, [householdId, ...conditions.map((c) => c.param)])),
        (rows) => rows.map((row) => decode(row.data))
      )
    },
    listPendingReview: (page) =>
      Effect.map(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ total: number; items: ReadonlyArray<unknown> }>>(PENDING_PAGE, [Math.max(0, page.limit), Math.max(0, page.offset)])
        ),
        (rows) => ({ items: (rows[0]?.items ?? []).map((data) => decode(data)), total: rows[0]?.total ?? 0 })
      ),
    listForReview: (filter: SupportingDocumentFilter, page) => {
      const conditions = [...anyOf("kind", filter.kinds), ...anyOf("review", filter.reviews)]
      const sql = `
        with found as (select uploaded_at, id, data from supporting_document${conditions.length === 0 ? "" : ` where ${conditions.map((c) => c.sql).join(" and ")}`})
        select
          (select count(*)::int from found) as total,
          coalesce((select jsonb_agg(f.data order by f.uploaded_at, f.id collate "C")
                    from (select * from found order by uploaded_at, id collate "C" limit ? offset ?) f), '[]'::jsonb) as items`
      return Effect.map(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ total: number; items: ReadonlyArray<unknown> }>>(sql, [
            ...conditions.map((c) => c.param),
            Math.max(0, page.limit),
            Math.max(0, page.offset)
          ])
        ),
        (rows) => ({ items: (rows[0]?.items ?? []).map((data) => decode(data)), total: rows[0]?.total ?? 0 })
      )
    }
  })
}
