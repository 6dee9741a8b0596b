import type { MikroORM } from "@mikro-orm/postgresql"
import { claimedUntil, MailOutbox, OutgoingMail, OutgoingMailNotFound, type Instant, type MailFilter, type OutgoingMailId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const decode = Schema.decodeUnknownSync(OutgoingMail)

interface MailColumns {
  readonly id: string
  readonly message_id: string
  readonly recipient: string
  readonly subject: string
  readonly text_body: string
  readonly html_body: string
  readonly kind: string
  readonly created_at: string
  readonly status: string
  readonly attempts: number
  readonly next_attempt_at: string
  readonly last_error: string | null
  readonly sent_at: string | null
}

const toMail = (row: MailColumns): OutgoingMail =>
  decode({
    id: row.id,
    messageId: row.message_id,
    to: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    kind: row.kind,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.sent_at === null ? {} : { sentAt: row.sent_at })
  })

const ENQUEUE = `
  insert into outgoing_mail
    (id, message_id, recipient, subject, text_body, html_body, kind, created_at, status, attempts, next_attempt_at, last_error, sent_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (id) do nothing`

const CLAIM = `
  with due as (
    select id, next_attempt_at as due_at from outgoing_mail
    where status = 'pending' and next_attempt_at <= ?
    order by next_attempt_at, created_at, id collate "C"
    limit ?
    for update skip locked
  )
  update outgoing_mail m set attempts = m.attempts + 1, next_attempt_at = ?
  from due where m.id = due.id
  returning m.*, due.due_at`

const MARK_SENT = `
  update outgoing_mail set status = 'sent', sent_at = ? where id = ? and status <> 'sent'`

const MARK_FAILED = `
  update outgoing_mail
  set status = case when ?::text is null then 'failed' else 'pending' end,
      last_error = ?,
      next_attempt_at = coalesce(?::text, next_attempt_at)
  where id = ? and status <> 'sent'`

/**
 * `MailOutbox` on PostgreSQL: the `outgoing_mail` table, written in the caller's transaction.
 * `claimDue` is one statement that picks the due mails with `for update skip locked` and counts
 * the attempt: two workers claiming at once lock different rows, so never claim the same mail,
 * and neither waits for the other. `markSent` and `markFailed` are conditional updates that
 * leave a sent mail unchanged.
 */
export function mikroMailOutbox(orm: MikroORM): Layer.Layer<MailOutbox> {
  const exists = (id: OutgoingMailId) =>
    withEntityManager(orm, async (em) => (await em.execute<Array<{ id: string }>>("select id from outgoing_mail where id = ?", [id])).length > 0)
  const update = (sql: string, params: ReadonlyArray<unknown>, id: OutgoingMailId) =>
    Effect.flatMap(
      withEntityManager(orm, (em) => em.execute<{ affectedRows: number }>(sql, [...params], "run")),
      (result) =>
        result.affectedRows > 0
          ? Effect.void
          : Effect.flatMap(exists(id), (found) => (found ? Effect.void : Effect.fail(new OutgoingMailNotFound({ mailId: id }))))
    )
  return Layer.succeed(MailOutbox, {
    enqueue: (mail) =>
      Effect.asVoid(
        withEntityManager(orm, (em) =>
          em.execute(
            ENQUEUE,
            [
              mail.id,
              mail.messageId,
              mail.to,
              mail.subject,
              mail.text,
              mail.html,
              mail.kind,
              mail.createdAt,
              mail.status,
              mail.attempts,
              mail.nextAttemptAt,
              mail.lastError ?? null,
              mail.sentAt ?? null
            ],
            "run"
          )
        )
      ),
    claimDue: (now: Instant.Instant, limit: number) =>
      limit <= 0
        ? Effect.succeed([])
        : Effect.map(
            withEntityManager(orm, (em) => em.execute<Array<MailColumns & { due_at: string }>>(CLAIM, [now, limit, claimedUntil(now)])),
            (rows) =>
              [...rows]
                .sort((a, b) => (a.due_at !== b.due_at ? (a.due_at < b.due_at ? -1 : 1) : a.created_at !== b.created_at ? (a.created_at < b.created_at ? -1 : 1) : a.id < b.id ? -1 : 1))
                .map(toMail)
          ),
    markSent: (id, at) => update(MARK_SENT, [at, id], id),
    markFailed: (id, error, nextAttemptAt) => update(MARK_FAILED, [nextAttemptAt, error, nextAttemptAt, id], id),
    list: (filter: MailFilter) => {
      const conditions = [
        ...(filter.status === undefined ? [] : [["status = ?", filter.status] as const]),
        ...(filter.kind === undefined ? [] : [["kind = ?", filter.kind] as const]),
        ...(filter.to === undefined ? [] : [["recipient = ?", filter.to] as const])
      ]
      const where = conditions.length === 0 ? "true" : conditions.map(([sql]) => sql).join(" and ")
      const limit = filter.limit === undefined ? "" : " limit ?"
      const sql = `select * from outgoing_mail where ${where} order by created_at desc, id collate "C" desc${limit}`
      const params: Array<string | number> = conditions.map(([, value]) => value)
      if (filter.limit !== undefined) params.push(Math.max(0, filter.limit))
      return Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<MailColumns>>(sql, params)),
        (rows) => rows.map(toMail)
      )
    }
  })
}
