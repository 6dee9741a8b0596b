import type { MikroORM } from "@mikro-orm/postgresql"
import {
  Request,
  RequestNotFound,
  RequestRepository,
  type AccountId,
  type DocumentId,
  type FamilyRequestFilter,
  type HouseholdId,
  type RequestId,
  type RequestInboxFilter
} from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(Request)
const decode = Schema.decodeUnknownSync(Request)

const SAVE = `
  with
    saved as (
      insert into request (id, household_id, account_id, kind, status, submitted_at, data)
      values (?, ?, ?, ?, ?, ?, ?)
      on conflict (id) do update
      set household_id = excluded.household_id, account_id = excluded.account_id, kind = excluded.kind,
          status = excluded.status, submitted_at = excluded.submitted_at, data = excluded.data
    ),
    attached as (select distinct jsonb_array_elements_text(?::jsonb) as document_id),
    detached as (
      delete from request_attachment where request_id = ? and document_id not in (select document_id from attached)
    ),
    added as (
      insert into request_attachment (document_id, request_id) select document_id, ? from attached on conflict do nothing
    )
  select 1`

/** The account of the agent of the request's last status change by an agent (`requestAssignee`), or 'nobody'. */
const TAKEN_BY = `coalesce((
  select h.entry->'author'->>'accountId' from jsonb_array_elements(data->'history') with ordinality as h(entry, n)
  where h.entry->'author'->>'_tag' = 'Agent' order by h.n desc limit 1), 'nobody')`

const NEWEST_FIRST = `order by submitted_at desc, id collate "C" desc`
const OLDEST_FIRST = `order by submitted_at, id collate "C"`

interface Condition {
  readonly sql: string
  readonly params: ReadonlyArray<string>
}

const anyOf = (column: string, values: ReadonlyArray<string> | undefined): ReadonlyArray<Condition> =>
  values === undefined ? [] : [{ sql: `${column} in (select jsonb_array_elements_text(?::jsonb))`, params: [JSON.stringify(values)] }]

const familyConditions = (filter: FamilyRequestFilter = {}): ReadonlyArray<Condition> => [...anyOf("status", filter.statuses), ...anyOf("kind", filter.kinds)]

const inboxConditions = (filter: RequestInboxFilter): ReadonlyArray<Condition> => [
  ...familyConditions(filter),
  ...(filter.submittedBefore === undefined ? [] : [{ sql: "submitted_at < ?", params: [filter.submittedBefore] }]),
  ...(filter.submittedFrom === undefined ? [] : [{ sql: "submitted_at >= ?", params: [filter.submittedFrom] }]),
  ...(filter.takenBy === undefined ? [] : [{ sql: `${TAKEN_BY} = ?`, params: [filter.takenBy] }])
]

const whereOf = (conditions: ReadonlyArray<Condition>): Condition => ({
  sql: conditions.length === 0 ? "true" : conditions.map((c) => c.sql).join(" and "),
  params: conditions.flatMap((c) => c.params)
})

/**
 * `RequestRepository` on PostgreSQL: one `request` row per request (the request as JSON) and one
 * `request_attachment` row per attached document, both written by one statement. The inbox's page
 * and total come from one statement, so they agree.
 */
export function mikroRequestRepository(orm: MikroORM): Layer.Layer<RequestRepository> {
  const select = (conditions: ReadonlyArray<Condition>, order: string) => {
    const where = whereOf(conditions)
    return Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(`select data from request where ${where.sql} ${order}`, [...where.params])),
      (rows) => rows.map((row) => decode(row.data))
    )
  }
  return Layer.succeed(RequestRepository, {
    get: (id: RequestId) =>
      Effect.flatMap(select([{ sql: "id = ?", params: [id] }], ""), ([found]) =>
        found === undefined ? Effect.fail(new RequestNotFound({ requestId: id })) : Effect.succeed(found)
      ),
    save: (request) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            SAVE,
            [
              request.id,
              request.householdId ?? null,
              request.accountId,
              request.payload._tag,
              request.status,
              request.submittedAt,
              JSON.stringify(encode(request)),
              JSON.stringify(request.attachments),
              request.id,
              request.id
            ],
            "run"
          )
        )
      ),
    listByHousehold: (householdId: HouseholdId, filter?: FamilyRequestFilter) =>
      select([{ sql: "household_id = ?", params: [householdId] }, ...familyConditions(filter)], NEWEST_FIRST),
    listByAccount: (accountId: AccountId, filter?: FamilyRequestFilter) =>
      select([{ sql: "account_id = ?", params: [accountId] }, ...familyConditions(filter)], NEWEST_FIRST),
    listByDocument: (documentId: DocumentId) =>
      select([{ sql: "id in (select request_id from request_attachment where document_id = ?)", params: [documentId] }], NEWEST_FIRST),
    inbox: (filter, page) => {
      const where = whereOf(inboxConditions(filter))
      const sql = `
        with matching as (select submitted_at, id, data from request where ${where.sql})
        select
          (select count(*)::int from matching) as total,
          coalesce((select jsonb_agg(p.data order by p.submitted_at, p.id collate "C")
                    from (select * from matching ${OLDEST_FIRST} limit ? offset ?) p), '[]'::jsonb) as items`
      return Effect.map(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ total: number; items: ReadonlyArray<unknown> }>>(sql, [...where.params, Math.max(0, page.limit), Math.max(0, page.offset)])
        ),
        (rows) => ({ items: (rows[0]?.items ?? []).map((data) => decode(data)), total: rows[0]?.total ?? 0 })
      )
    }
  })
}
