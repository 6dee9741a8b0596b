import type { MikroORM } from "@mikro-orm/postgresql"
import {
  claimedUntil,
  EventOutbox,
  type Instant,
  IntegrationEvent,
  type IntegrationEventId,
  OutboxEvent,
  type OutboxEventFilter,
  OutboxEventNotFound,
  type WebhookSubscriptionId
} from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encodeEvent = Schema.encodeSync(IntegrationEvent)
const decode = Schema.decodeUnknownSync(OutboxEvent)

interface EventColumns {
  readonly id: string
  readonly occurred_at: string
  readonly status: string
  readonly attempts: number
  readonly next_attempt_at: string
  readonly delivered_to: unknown
  readonly last_error: string | null
  readonly delivered_at: string | null
  readonly event: unknown
}

const toEntry = (row: EventColumns): OutboxEvent =>
  decode({
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    deliveredTo: row.delivered_to,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.delivered_at === null ? {} : { deliveredAt: row.delivered_at })
  })

const APPEND = `
  insert into integration_event
    (id, type, occurred_at, status, attempts, next_attempt_at, delivered_to, last_error, delivered_at, event)
  values (?, ?, ?, 'pending', 0, ?, '[]'::jsonb, null, null, ?::jsonb)
  on conflict (id) do nothing`

const CLAIM = `
  with due as (
    select id, next_attempt_at as due_at from integration_event
    where status = 'pending' and next_attempt_at <= ?
    order by next_attempt_at, occurred_at, id collate "C"
    limit ?
    for update skip locked
  )
  update integration_event e set attempts = e.attempts + 1, next_attempt_at = ?
  from due where e.id = due.id
  returning e.*, due.due_at`

const MARK_DELIVERED = `
  update integration_event set status = 'delivered', delivered_at = ?, delivered_to = ?::jsonb
  where id = ? and status <> 'delivered'`

const MARK_FAILED = `
  update integration_event
  set status = case when ?::text is null then 'failed' else 'pending' end,
      last_error = ?,
      next_attempt_at = coalesce(?::text, next_attempt_at),
      delivered_to = ?::jsonb
  where id = ? and status <> 'delivered'`

const byDue = (a: EventColumns & { due_at: string }, b: EventColumns & { due_at: string }): number =>
  a.due_at !== b.due_at
    ? a.due_at < b.due_at ? -1 : 1
    : a.occurred_at !== b.occurred_at
      ? a.occurred_at < b.occurred_at ? -1 : 1
      : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * `EventOutbox` on PostgreSQL: the `integration_event` table, written in the caller's
 * transaction. `claimDue` is one statement that picks the due events with `for update skip
 * locked` and counts the attempt: two workers claiming at once lock different rows, so never claim
 * the same event, and neither waits for the other. `markDelivered` and `markFailed` are
 * conditional updates that leave a delivered event unchanged.
 */
export function mikroEventOutbox(orm: MikroORM): Layer.Layer<EventOutbox> {
  const exists = (id: IntegrationEventId) =>
    withEntityManager(orm, async (em) => (await em.execute<Array<{ id: string }>>("select id from integration_event where id = ?", [id])).length > 0)
  const update = (sql: string, params: ReadonlyArray<unknown>, id: IntegrationEventId) =>
    Effect.flatMap(
      withEntityManager(orm, (em) => em.execute<{ affectedRows: number }>(sql, [...params], "run")),
      (result) =>
        result.affectedRows > 0
          ? Effect.void
          : Effect.flatMap(exists(id), (found) => (found ? Effect.void : Effect.fail(new OutboxEventNotFound({ eventId: id }))))
    )
  const served = (deliveredTo: ReadonlyArray<WebhookSubscriptionId>) => JSON.stringify(deliveredTo)
  return Layer.succeed(EventOutbox, {
    append: (event) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(APPEND, [event.id, event.type, event.occurredAt, event.occurredAt, JSON.stringify(encodeEvent(event))], "run")
        )
      ),
    claimDue: (now: Instant.Instant, limit: number) =>
      limit <= 0
        ? Effect.succeed([])
        : Effect.map(
            withEntityManager(orm, (em) => em.execute<Array<EventColumns & { due_at: string }>>(CLAIM, [now, limit, claimedUntil(now)])),
            (rows) => [...rows].sort(byDue).map(toEntry)
          ),
    markDelivered: (id, at, deliveredTo) => update(MARK_DELIVERED, [at, served(deliveredTo), id], id),
    markFailed: (id, error, nextAttemptAt, deliveredTo) =>
      update(MARK_FAILED, [nextAttemptAt, error, nextAttemptAt, served(deliveredTo), id], id),
    list: (filter: OutboxEventFilter) => {
      const conditions = [
        ...(filter.status === undefined ? [] : [["status = ?", filter.status] as const]),
        ...(filter.type === undefined ? [] : [["type = ?", filter.type] as const])
      ]
      const where = conditions.length === 0 ? "true" : conditions.map(([sql]) => sql).join(" and ")
      const limit = filter.limit === undefined ? "" : " limit ?"
      const sql = `select * from integration_event where ${where} order by occurred_at desc, id collate "C" desc${limit}`
      const params: Array<string | number> = conditions.map(([, value]) => value)
      if (filter.limit !== undefined) params.push(Math.max(0, filter.limit))
      return Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<EventColumns>>(sql, params)),
        (rows) => rows.map(toEntry)
      )
    }
  })
}
