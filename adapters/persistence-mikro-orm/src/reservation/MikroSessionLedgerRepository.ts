import type { EntityManager, MikroORM } from "@mikro-orm/postgresql"
import {
  Reservation,
  SessionLedger,
  SessionLedgerRepository,
  SessionNotFound,
  WaitlistEntry,
  type HouseholdId,
  type Instant,
  type LocalDate,
  type MemberId,
  type SessionId
} from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const decodeLedger = Schema.decodeUnknownSync(SessionLedger)
const encodeReservation = Schema.encodeSync(Reservation)
const encodeEntry = Schema.encodeSync(WaitlistEntry)

const PARTS = `
  coalesce((select jsonb_agg(r.data order by r.ordinal) from reservation r where r.session_id = s.id), '[]'::jsonb) as reservations,
  coalesce((select jsonb_agg(w.data order by w.position) from waitlist_entry w where w.session_id = s.id), '[]'::jsonb) as waitlist`

const LEDGERS = `select s.data as session, ${PARTS} from activity_session s`

const IN_ORDER = `order by s.date, s.starts_at, s.id collate "C"`

const LOCK_SESSION = `select data from activity_session where id = ? for update`

const PARTS_OF = `select ${PARTS} from activity_session s where s.id = ?`

const SAVE = `
  with
    kept_reservation as (
      select * from jsonb_to_recordset(?::jsonb)
        as r(id text, session_id text, session_date date, child_id text, household_id text, ordinal integer, active boolean, data jsonb)
    ),
    kept_entry as (
      select * from jsonb_to_recordset(?::jsonb)
        as w(reservation_id text, session_id text, session_date date, child_id text, household_id text, position integer, offer_expires_at text, data jsonb)
    ),
    dropped_reservation as (
      delete from reservation where session_id = ? and id not in (select id from kept_reservation)
    ),
    dropped_entry as (
      delete from waitlist_entry where session_id = ? and reservation_id not in (select reservation_id from kept_entry)
    ),
    saved_reservation as (
      insert into reservation (id, session_id, session_date, child_id, household_id, ordinal, active, data)
      select id, session_id, session_date, child_id, household_id, ordinal, active, data from kept_reservation
      order by active, ordinal
      on conflict (id) do update
      set session_id = excluded.session_id, session_date = excluded.session_date, child_id = excluded.child_id,
          household_id = excluded.household_id, ordinal = excluded.ordinal, active = excluded.active, data = excluded.data
      where reservation.data is distinct from excluded.data or reservation.ordinal <> excluded.ordinal
         or reservation.session_id <> excluded.session_id
    ),
    saved_entry as (
      insert into waitlist_entry (reservation_id, session_id, session_date, child_id, household_id, position, offer_expires_at, data)
      select reservation_id, session_id, session_date, child_id, household_id, position, offer_expires_at, data from kept_entry
      on conflict (reservation_id) do update
      set session_id = excluded.session_id, session_date = excluded.session_date, child_id = excluded.child_id,
          household_id = excluded.household_id, position = excluded.position, offer_expires_at = excluded.offer_expires_at,
          data = excluded.data
      where waitlist_entry.data is distinct from excluded.data or waitlist_entry.position <> excluded.position
         or waitlist_entry.session_id <> excluded.session_id
    )
  select 1`

const holding = (column: "child_id" | "household_id") => `
  ${LEDGERS}
  where s.id in (
    select session_id from reservation where ${column} = ? and session_date between ? and ?
    union
    select session_id from waitlist_entry where ${column} = ? and session_date between ? and ?)
  ${IN_ORDER}`

const FOR_CHILD = holding("child_id")
const FOR_HOUSEHOLD = holding("household_id")

const BETWEEN = `
  ${LEDGERS}
  where s.date between ? and ?
    and (exists (select 1 from reservation r where r.session_id = s.id) or exists (select 1 from waitlist_entry w where w.session_id = s.id))
  ${IN_ORDER}`

const OFFERS_EXPIRING = `
  select s.id from activity_session s
  where s.id in (select session_id from waitlist_entry where offer_expires_at <= ?)
  ${IN_ORDER}`

interface LedgerRow {
  readonly session: unknown
  readonly reservations: unknown
  readonly waitlist: unknown
}

function saveLedger(em: EntityManager, ledger: SessionLedger): Promise<unknown> {
  const { session } = ledger
  const reservations = ledger.reservations.map((r, ordinal) => ({
    id: r.id,
    session_id: session.id,
    session_date: session.date,
    child_id: r.childId,
    household_id: r.householdId,
    ordinal,
    active: r.isActive,
    data: encodeReservation(r)
  }))
  const waitlist = ledger.waitlist.map((e, index) => ({
    reservation_id: e.reservationId,
    session_id: session.id,
    session_date: session.date,
    child_id: e.childId,
    household_id: e.householdId,
    position: index + 1,
    offer_expires_at: e.offer?.expiresAt ?? null,
    data: encodeEntry(e)
  }))
  return em.execute(SAVE, [JSON.stringify(reservations), JSON.stringify(waitlist), session.id, session.id], "run")
}

/**
 * `SessionLedgerRepository` on PostgreSQL. A ledger is the session's `activity_session` row, its
 * `reservation` rows (cancelled ones included, in order) and its `waitlist_entry` rows (by
 * position). `loadForUpdate` first locks the session's row (`select … for update`, held until the
 * caller's transaction ends), then reads the reservations and the waiting list in a second
 * statement, so that under `read committed` it sees what the previous holder of the lock
 * committed. `save` is one statement: rows no longer in the ledger are deleted, changed and new
 * ones upserted. The partial unique index `reservation_active_child_unique` refuses a second
 * active reservation of a child on a session; positions and children are unique per session on
 * the waiting list (positions checked at the end of the statement, so a list can move up).
 */
export function mikroSessionLedgerRepository(orm: MikroORM): Layer.Layer<SessionLedgerRepository> {
  const ledgers = (sql: string, params: ReadonlyArray<unknown>) =>
    Effect.map(
      withEntityManager(orm, (em) => em.execute<Array<LedgerRow>>(sql, [...params])),
      (rows) => rows.map((row) => decodeLedger(row))
    )
  return Layer.succeed(SessionLedgerRepository, {
    loadForUpdate: (sessionId: SessionId) =>
      Effect.flatMap(
        withEntityManager(orm, async (em) => {
          const [locked] = await em.execute<Array<{ data: unknown }>>(LOCK_SESSION, [sessionId])
          if (locked === undefined) return undefined
          const [parts] = await em.execute<Array<Omit<LedgerRow, "session">>>(PARTS_OF, [sessionId])
          return { session: locked.data, ...parts }
        }),
        (row) => (row === undefined ? Effect.fail(new SessionNotFound({ sessionId })) : Effect.succeed(decodeLedger(row)))
      ),
    get: (sessionId: SessionId) =>
      Effect.flatMap(ledgers(`${LEDGERS} where s.id = ?`, [sessionId]), ([ledger]) =>
        ledger === undefined ? Effect.fail(new SessionNotFound({ sessionId })) : Effect.succeed(ledger)
      ),
    save: (ledger) => Effect.asVoid(withEntityManager(orm, (em) => saveLedger(em, ledger))),
    forChild: (childId: MemberId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
      ledgers(FOR_CHILD, [childId, start, end, childId, start, end]),
    forHousehold: (householdId: HouseholdId, start: LocalDate.LocalDate, end: LocalDate.LocalDate) =>
      ledgers(FOR_HOUSEHOLD, [householdId, start, end, householdId, start, end]),
    between: (start: LocalDate.LocalDate, end: LocalDate.LocalDate) => ledgers(BETWEEN, [start, end]),
    withOffersExpiringBy: (instant: Instant.Instant) =>
      Effect.map(
        withEntityManager(orm, (em) => em.execute<Array<{ id: SessionId }>>(OFFERS_EXPIRING, [instant])),
        (rows) => rows.map((row) => row.id)
      )
  })
}
