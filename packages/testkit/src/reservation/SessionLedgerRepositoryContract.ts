import {
  AbsenceId,
  Cents,
  decideBooking,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  Reservation,
  ReservationAbsence,
  ReservationCancellation,
  ReservationId,
  SessionId,
  SessionLedger,
  SessionLedgerRepository,
  SessionRepository,
  Transactions,
  WaitlistEntry,
  WaitlistOffer
} from "@spe/core"
import { Effect, Either, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aCanteen, aChild, aSession, plainTownCalendar } from "./BookingFixtures.js"

type Ports = SessionLedgerRepository | SessionRepository | Transactions
type MakeLayer = () => Promise<Layer.Layer<Ports>> | Layer.Layer<Ports>

const i = Instant.unsafe
const d = LocalDate.unsafe

/**
 * The behaviour every `SessionLedgerRepository` adapter must have (with the `SessionRepository`
 * and `Transactions` it works with), starting empty: a session nobody booked has an empty ledger;
 * a saved ledger reads back equal (cancellations, absence marks, offers included) and saving again
 * replaces it; removing a session removes its ledger; the agenda and billing queries select by child, household and date range; offers
 * expiring by an instant are found; and concurrent booking decisions, each in a transaction, never
 * give more places than the session has.
 */
export function sessionLedgerRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, Ports>): Promise<A> => Effect.runPromise(Effect.provide(effect, await makeLayer()))

  const monday = aSession("cantine", "2026-03-09")
  const tuesday = aSession("cantine", "2026-03-10")
  const thursday = aSession("cantine", "2026-03-12")
  const evening = aSession("soir", "2026-03-09", { startsAt: "16:30" })
  const reservation = (sessionId: SessionId, child: string, id: string, household = `hh-${child}`) =>
    new Reservation({
      id: ReservationId.make(id),
      sessionId,
      childId: MemberId.make(child),
      householdId: HouseholdId.make(household),
      requestedAt: i("2026-03-01T08:00:00Z"),
      bookedAt: i("2026-03-01T08:00:00Z"),
      via: "request"
    })
  const full = new SessionLedger({
    session: monday,
    reservations: [
      new Reservation({
        ...reservation(monday.id, "lucie", "r1", "martin"),
        ageGroup: "6 ans et plus",
        cancellation: new ReservationCancellation({ at: i("2026-03-08T09:00:00Z"), late: true, absenceId: AbsenceId.make("abs-1") }),
        absence: new ReservationAbsence({ absenceId: AbsenceId.make("abs-1"), justified: true, carence: false })
      }),
      reservation(monday.id, "tom", "r2", "martin")
    ],
    waitlist: [
      new WaitlistEntry({
        reservationId: ReservationId.make("r3"),
        childId: MemberId.make("ines"),
        householdId: HouseholdId.make("durand"),
        requestedAt: i("2026-03-02T08:00:00Z"),
        offer: new WaitlistOffer({ offeredAt: i("2026-03-08T09:00:00Z"), expiresAt: i("2026-03-09T09:00:00Z") })
      }),
      new WaitlistEntry({ reservationId: ReservationId.make("r4"), childId: MemberId.make("jade"), householdId: HouseholdId.make("petit"), requestedAt: i("2026-03-02T09:00:00Z") })
    ]
  })
  const seed = Effect.gen(function* () {
    yield* (yield* SessionRepository).saveMany([monday, tuesday, thursday, evening])
    const ledgers = yield* SessionLedgerRepository
    yield* ledgers.save(full)
    yield* ledgers.save(new SessionLedger({ session: tuesday, reservations: [reservation(tuesday.id, "tom", "r5", "martin")], waitlist: [] }))
    yield* ledgers.save(new SessionLedger({ session: evening, reservations: [reservation(evening.id, "ines", "r6", "durand")], waitlist: [] }))
    return ledgers
  })

  describe(`SessionLedgerRepository contract: ${name}`, () => {
    it("gives an empty ledger for a session nobody booked, and names a missing session", async () => {
      const [ledger, missing] = await run(Effect.gen(function* () {
        yield* (yield* SessionRepository).saveMany([monday])
        const ledgers = yield* SessionLedgerRepository
        const transactions = yield* Transactions
        return [
          yield* transactions.withTransaction(ledgers.loadForUpdate(monday.id)),
          yield* Effect.flip(transactions.withTransaction(ledgers.loadForUpdate(SessionId.make("cantine:2031-01-01"))))
        ] as const
      }))
      expect(ledger).toEqual(new SessionLedger({ session: monday, reservations: [], waitlist: [] }))
      expect(missing._tag).toBe("SessionNotFound")
    })

    it("reads back a saved ledger equal, and replaces it when saved again", async () => {
      const [first, second, snapshot] = await run(Effect.gen(function* () {
        const ledgers = yield* seed
        const transactions = yield* Transactions
        const first = yield* transactions.withTransaction(ledgers.loadForUpdate(monday.id))
        yield* ledgers.save(new SessionLedger({ ...full, waitlist: [] }))
        const second = yield* transactions.withTransaction(ledgers.loadForUpdate(monday.id))
        return [first, second, yield* ledgers.get(monday.id)] as const
      }))
      expect(first).toEqual(full)
      expect(second.reservations).toEqual(full.reservations)
      expect(second.waitlist).toEqual([])
      expect(snapshot).toEqual(second)
    })

    it("finds the ledgers of a child and of a household in a date range, by date then start time", async () => {
      const found = await run(Effect.gen(function* () {
        const ledgers = yield* seed
        const ids = (list: ReadonlyArray<SessionLedger>) => list.map((l) => l.session.id)
        return {
          lucie: ids(yield* ledgers.forChild(MemberId.make("lucie"), d("2026-03-01"), d("2026-03-31"))),
          tom: ids(yield* ledgers.forChild(MemberId.make("tom"), d("2026-03-10"), d("2026-03-10"))),
          jade: ids(yield* ledgers.forChild(MemberId.make("jade"), d("2026-03-01"), d("2026-03-31"))),
          martin: ids(yield* ledgers.forHousehold(HouseholdId.make("martin"), d("2026-03-01"), d("2026-03-31"))),
          durand: ids(yield* ledgers.forHousehold(HouseholdId.make("durand"), d("2026-03-01"), d("2026-03-31"))),
          between: ids(yield* ledgers.between(d("2026-03-09"), d("2026-03-12"))),
          none: ids(yield* ledgers.forHousehold(HouseholdId.make("martin"), d("2026-04-01"), d("2026-04-30")))
        }
      }))
      expect(found).toEqual({
        lucie: ["cantine:2026-03-09"],
        tom: ["cantine:2026-03-10"],
        jade: ["cantine:2026-03-09"],
        martin: ["cantine:2026-03-09", "cantine:2026-03-10"],
        durand: ["cantine:2026-03-09", "soir:2026-03-09"],
        between: ["cantine:2026-03-09", "soir:2026-03-09", "cantine:2026-03-10"],
        none: []
      })
    })

    it("removes a session with its reservations and waiting list, and only it", async () => {
      const found = await run(Effect.gen(function* () {
        const ledgers = yield* seed
        yield* (yield* SessionRepository).removeMany([monday.id, SessionId.make("cantine:2031-01-01")])
        const ids = (list: ReadonlyArray<SessionLedger>) => list.map((l) => l.session.id)
        return {
          missing: (yield* Effect.flip(ledgers.get(monday.id)))._tag,
          martin: ids(yield* ledgers.forHousehold(HouseholdId.make("martin"), d("2026-03-01"), d("2026-03-31"))),
          jade: ids(yield* ledgers.forChild(MemberId.make("jade"), d("2026-03-01"), d("2026-03-31"))),
          offers: yield* ledgers.withOffersExpiringBy(i("2026-03-09T09:00:00Z")),
          tuesday: (yield* ledgers.get(tuesday.id)).reservations.map((r) => r.id)
        }
      }))
      expect(found).toEqual({ missing: "SessionNotFound", martin: ["cantine:2026-03-10"], jade: [], offers: [], tuesday: ["r5"] })
    })

    it("finds the sessions with an offer expiring by an instant", async () => {
      const found = await run(Effect.gen(function* () {
        const ledgers = yield* seed
        return [yield* ledgers.withOffersExpiringBy(i("2026-03-09T08:59:00Z")), yield* ledgers.withOffersExpiringBy(i("2026-03-09T09:00:00Z"))] as const
      }))
      expect(found).toEqual([[], ["cantine:2026-03-09"]])
    })

    it("never gives more places than the session has when decisions run concurrently in transactions", async () => {
      const session = aSession("cantine", "2026-03-12", { capacity: 3 })
      const activity = aCanteen({ capacity: 3 })
      const now = i("2026-03-01T08:00:00Z")
      const ledger = await run(Effect.gen(function* () {
        yield* (yield* SessionRepository).saveMany([session])
        const ledgers = yield* SessionLedgerRepository
        const transactions = yield* Transactions
        const book = (n: number) =>
          transactions.withTransaction(
            Effect.gen(function* () {
              const current = yield* ledgers.loadForUpdate(session.id)
              yield* Effect.yieldNow()
              const decision = decideBooking(
                current,
                { reservationId: ReservationId.make(`c-${n}`), child: aChild(`enfant${n}`) },
                { activity, calendar: plainTownCalendar, enrolled: true, pastDueUnpaid: Cents.zero },
                now
              )
              if (Either.isRight(decision)) yield* ledgers.save(decision.right.ledger)
            })
          )
        yield* Effect.all(Array.from({ length: 12 }, (_, n) => book(n)), { concurrency: "unbounded" })
        return yield* ledgers.get(session.id)
      }))
      expect(ledger.reservations.filter((r) => r.isActive)).toHaveLength(3)
      expect(ledger.waitlist).toHaveLength(9)
      expect(new Set([...ledger.reservations.map((r) => r.childId), ...ledger.waitlist.map((e) => e.childId)]).size).toBe(12)
    })
  })
}
