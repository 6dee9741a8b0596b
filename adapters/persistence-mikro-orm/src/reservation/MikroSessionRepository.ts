import type { MikroORM } from "@mikro-orm/postgresql"
import { Session, SessionNotFound, SessionRepository, type ActivityId, type LocalDate, type SessionId } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(Session)
const decode = Schema.decodeUnknownSync(Session)

const UPSERT = `
  insert into activity_session (id, activity_id, date, starts_at, data)
  select s.id, s.activity_id, s.date, s.starts_at, s.data
  from jsonb_to_recordset(?::jsonb) as s(id text, activity_id text, date date, starts_at text, data jsonb)
  on conflict (id) do update
  set activity_id = excluded.activity_id, date = excluded.date, starts_at = excluded.starts_at, data = excluded.data
  where activity_session.data is distinct from excluded.data`

const REMOVE = `
  with
    ids as (select jsonb_array_elements_text(?::jsonb) as id),
    dropped_reservation as (delete from reservation where session_id in (select id from ids)),
    dropped_entry as (delete from waitlist_entry where session_id in (select id from ids))
  delete from activity_session where id in (select id from ids)`

const BY_ACTIVITY = `
  select data from activity_session
  where activity_id = ? and date between ? and ?
  order by date, starts_at, id collate "C"`

/**
 * `SessionRepository` on PostgreSQL: one `activity_session` row per session (the session as
 * JSON, its activity, date and start time as columns), saved by upsert in one statement, in id
 * order so that concurrent saves lock shared rows in the same order. Removing a session deletes
 * its reservations and waiting-list entries in the same statement.
 */
export function mikroSessionRepository(orm: MikroORM): Layer.Layer<SessionRepository> {
  return Layer.succeed(SessionRepository, {
    saveMany: (sessions) => {
      const byId = new Map(sessions.map((s) => [s.id, s]))
      if (byId.size === 0) return Effect.void
      const rows = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => ({ id: s.id, activity_id: s.activityId, date: s.date, starts_at: s.startsAt, data: encode(s) }))
      return Effect.asVoid(withEntityManager(orm, (em) => em.execute(UPSERT, [JSON.stringify(rows)], "run")))
    },
    get: (sessionId: SessionId) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>("select data from activity_session where id = ?", [sessionId])),
        (rows) => {
          const row = rows[0]
          return row === undefined ? Effect.fail(new SessionNotFound({ sessionId })) : Effect.succeed(decode(row.data))
        }
      ),
    removeMany: (sessionIds) =>
      sessionIds.length === 0
        ? Effect.void
        : Effect.asVoid(withEntityManager(orm, (em) => em.execute(REMOVE, [JSON.stringify([...new Set(sessionIds)].sort())], "run"))),
    listByActivity: (activityId: ActivityId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ data: unknown }>>(BY_ACTIVITY, [activityId, start, end])),
        (rows) => rows.map((row) => decode(row.data))
      )
  })
}
