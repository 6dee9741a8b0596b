import {
  ActivityCatalogue,
  bookSessions,
  BookSessionsCommand,
  cancelReservations,
  CancelReservationsCommand,
  EnrollmentRepository,
  type ReservationId,
  SessionLedgerRepository,
  SessionRepository,
  TownCalendarSource,
  type WaitlistMode
} from "@spe/core"
import { aCanteen, aChild, anAcceptedEnrollment, aSession, inMemoryUnpaidBalances, makeTestClock, plainTownCalendar, sequentialIds } from "@spe/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import { describe, expect, it } from "vitest"
import { mikroActivityCatalogue } from "../activity/MikroActivityCatalogue.js"
import { mikroTownCalendarSource } from "../calendar/MikroTownCalendarSource.js"
import { mikroEnrollmentRepository } from "../enrollment/MikroEnrollmentRepository.js"
import { mikroEventOutbox } from "../integration/MikroEventOutbox.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroSessionLedgerRepository } from "./MikroSessionLedgerRepository.js"
import { mikroSessionRepository } from "./MikroSessionRepository.js"

const FAMILIES = 200
const PLACES = 20
const CANCELLING = 5

const modes: ReadonlyArray<readonly [string, WaitlistMode]> = [
  ["booked at once", { _tag: "BookAtOnce" }],
  ["offered for 24 hours", { _tag: "Offer", validHours: 24 }]
]

/** Samples, on its own connection, how many lock requests wait at once, until stopped; the highest count seen. */
function watchLockWaits(url: string): { readonly stop: () => Promise<number> } {
  const client = new pg.Client({ connectionString: url })
  let highest = 0
  let running = true
  const loop = (async () => {
    await client.connect()
    while (running) {
      const result = await client.query<{ n: string }>("select count(*) as n from pg_locks where not granted")
      highest = Math.max(highest, Number(result.rows[0]?.n ?? 0))
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    await client.end()
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return highest
    }
  }
}

describe.each(testDatabaseKinds())("bookings under concurrency on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)

  it.each(modes)(
    `books ${PLACES} of ${FAMILIES} concurrent families, waitlists the rest in order, and gives freed places to the first in line once (%s)`,
    async (_label, waitlist) => {
      await empty()
      const orm = db().orm
      const canteen = aCanteen({ capacity: PLACES, waitlist })
      const session = aSession(canteen, "2026-03-12")
      const children = Array.from({ length: FAMILIES }, (_, n) => aChild(`enfant${String(n).padStart(3, "0")}`))
      const runtime = ManagedRuntime.make(
        Layer.mergeAll(
          mikroSessionRepository(orm),
          mikroSessionLedgerRepository(orm),
          mikroActivityCatalogue(orm),
          mikroTownCalendarSource(orm),
          mikroEnrollmentRepository(orm),
          inMemoryUnpaidBalances(),
          mikroTransactions(orm),
          mikroEventOutbox(orm),
          makeTestClock("2026-03-01T08:00:00Z").layer,
          sequentialIds()
        )
      )
      await runtime.runPromise(
        Effect.gen(function* () {
          yield* (yield* ActivityCatalogue).save(canteen)
          yield* (yield* TownCalendarSource).save(plainTownCalendar)
          yield* (yield* SessionRepository).saveMany([session])
          const enrollments = yield* EnrollmentRepository
          for (const child of children) yield* enrollments.save(anAcceptedEnrollment(child.childId, "2025-2026", canteen.enrollmentFamily))
        })
      )

      const watcher = kind === "PostgreSQL" ? watchLockWaits(db().url) : undefined
      const booked = await runtime.runPromise(
        Effect.all(
          children.map((child) => bookSessions(new BookSessionsCommand({ child, sessionIds: [session.id] }))),
          { concurrency: "unbounded" }
        )
      )
      const lockWaits = (await watcher?.stop()) ?? 0
      const results = booked.map((batch) => batch.outcomes[0]?.result)
      const positionOf = new Map<ReservationId, number>()
      for (const result of results) if (result?._tag === "Waitlisted") positionOf.set(result.reservationId, result.position)
      expect(results.filter((r) => r?._tag === "Booked")).toHaveLength(PLACES)
      expect([...positionOf.values()].sort((a, b) => a - b)).toEqual(Array.from({ length: FAMILIES - PLACES }, (_, i) => i + 1))
      if (kind === "PostgreSQL") expect(lockWaits).toBeGreaterThan(0)

      const afterBooking = await runtime.runPromise(Effect.flatMap(SessionLedgerRepository, (r) => r.get(session.id)))
      expect(afterBooking.reservations.filter((r) => r.isActive)).toHaveLength(PLACES)
      expect(afterBooking.waitlist.map((e) => positionOf.get(e.reservationId))).toEqual(Array.from({ length: FAMILIES - PLACES }, (_, i) => i + 1))

      const leaving = afterBooking.reservations.slice(0, CANCELLING)
      const cancelled = await runtime.runPromise(
        Effect.all(
          leaving.map((r) => cancelReservations(new CancelReservationsCommand({ childId: r.childId, householdId: r.householdId, sessionIds: [session.id] }))),
          { concurrency: "unbounded" }
        )
      )
      const ledger = await runtime.runPromise(Effect.flatMap(SessionLedgerRepository, (r) => r.get(session.id)))
      await runtime.dispose()

      expect(cancelled.map((batch) => batch.outcomes[0]?.result._tag)).toEqual(Array.from({ length: CANCELLING }, () => "Cancelled"))
      const firstInLine = afterBooking.waitlist.slice(0, CANCELLING).map((e) => e.reservationId)
      const stillWaiting = afterBooking.waitlist.slice(CANCELLING).map((e) => e.reservationId)
      const active = ledger.reservations.filter((r) => r.isActive)
      expect(ledger.reservations.filter((r) => !r.isActive).map((r) => r.id).sort()).toEqual(leaving.map((r) => r.id).sort())
      expect(new Set(ledger.reservations.map((r) => r.id)).size).toBe(ledger.reservations.length)
      if (waitlist._tag === "BookAtOnce") {
        expect(active).toHaveLength(PLACES)
        expect(active.filter((r) => r.via === "waitlist").map((r) => r.id).sort()).toEqual([...firstInLine].sort())
        expect(ledger.waitlist.map((e) => e.reservationId)).toEqual(stillWaiting)
      } else {
        expect(active).toHaveLength(PLACES - CANCELLING)
        expect(ledger.waitlist.filter((e) => e.offer !== undefined).map((e) => e.reservationId)).toEqual(firstInLine)
        expect(ledger.waitlist.map((e) => e.reservationId)).toEqual([...firstInLine, ...stillWaiting])
      }

      const [stored] = await orm.em.fork().getConnection().execute<Array<{ active: number; waiting: number; first: number; last: number }>>(
        `select (select count(*)::int from reservation where session_id = ? and active) as active,
                count(*)::int as waiting, min(position) as first, max(position) as last
         from waitlist_entry where session_id = ?`,
        [session.id, session.id]
      )
      const waiting = waitlist._tag === "BookAtOnce" ? FAMILIES - PLACES - CANCELLING : FAMILIES - PLACES
      expect(stored).toEqual({ active: active.length, waiting, first: 1, last: waiting })
    },
    120_000
  )
})
