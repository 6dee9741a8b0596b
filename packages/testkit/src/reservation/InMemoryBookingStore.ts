import {
  type HouseholdId,
  type LocalDate,
  type MemberId,
  type Session,
  type SessionId,
  SessionLedger,
  SessionLedgerRepository,
  SessionNotFound,
  SessionRepository
} from "@spe/core"
import { Effect, Layer } from "effect"

const byDateAndStart = (a: Session, b: Session): number =>
  a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.startsAt !== b.startsAt ? (a.startsAt < b.startsAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * Sessions and their ledgers in memory, sharing one store: `SessionRepository` and
 * `SessionLedgerRepository`. `loadForUpdate` takes no lock itself: run decisions inside
 * `inMemoryTransactions()`, which runs one transaction at a time.
 */
export function inMemoryBookingStore(initialSessions: ReadonlyArray<Session> = []): Layer.Layer<SessionRepository | SessionLedgerRepository> {
  const sessions = new Map<SessionId, Session>(initialSessions.map((s) => [s.id, s]))
  const ledgers = new Map<SessionId, SessionLedger>()

  const ledgerOf = (session: Session): SessionLedger => {
    const stored = ledgers.get(session.id)
    return new SessionLedger({ session, reservations: stored?.reservations ?? [], waitlist: stored?.waitlist ?? [] })
  }
  const find = (sessionId: SessionId) =>
    Effect.suspend(() => {
      const session = sessions.get(sessionId)
      return session === undefined ? Effect.fail(new SessionNotFound({ sessionId })) : Effect.succeed(session)
    })
  const select = (start: LocalDate.LocalDate, end: LocalDate.LocalDate, keep: (ledger: SessionLedger) => boolean) =>
    Effect.sync(() =>
      [...sessions.values()]
        .filter((s) => s.date >= start && s.date <= end)
        .sort(byDateAndStart)
        .map(ledgerOf)
        .filter(keep)
    )
  const holds = (ledger: SessionLedger, who: (x: { readonly childId: MemberId; readonly householdId: HouseholdId }) => boolean) =>
    ledger.reservations.some(who) || ledger.waitlist.some(who)

  const sessionRepository = Layer.succeed(SessionRepository, {
    saveMany: (list) =>
      Effect.sync(() => {
        for (const s of list) sessions.set(s.id, s)
      }),
    get: find,
    removeMany: (ids) =>
      Effect.sync(() => {
        for (const id of ids) {
          sessions.delete(id)
          ledgers.delete(id)
        }
      }),
    listByActivity: (activityId, start, end) =>
      Effect.sync(() => [...sessions.values()].filter((s) => s.activityId === activityId && s.date >= start && s.date <= end).sort(byDateAndStart))
  })

  const ledgerRepository = Layer.succeed(SessionLedgerRepository, {
    loadForUpdate: (sessionId) => Effect.map(find(sessionId), ledgerOf),
    get: (sessionId) => Effect.map(find(sessionId), ledgerOf),
    save: (ledger) =>
      Effect.sync(() => {
        ledgers.set(ledger.session.id, ledger)
      }),
    forChild: (childId, start, end) => select(start, end, (l) => holds(l, (x) => x.childId === childId)),
    forHousehold: (householdId, start, end) => select(start, end, (l) => holds(l, (x) => x.householdId === householdId)),
    between: (start, end) => select(start, end, (l) => l.reservations.length > 0 || l.waitlist.length > 0),
    withOffersExpiringBy: (instant) =>
      Effect.sync(() =>
        [...ledgers.values()]
          .filter((l) => l.waitlist.some((e) => e.offer !== undefined && e.offer.expiresAt <= instant))
          .map((l) => l.session)
          .sort(byDateAndStart)
          .map((s) => s.id)
      )
  })

  return Layer.merge(sessionRepository, ledgerRepository)
}
