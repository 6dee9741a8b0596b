import { HouseholdId, Instant, MemberId, Reservation, ReservationId, SessionLedger, SessionLedgerRepository, SessionRepository } from "@spe/core"
import { aSession, sessionLedgerRepositoryContract, transactionsContract } from "@spe/testkit"
import { Effect, Exit, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroSessionLedgerRepository } from "./MikroSessionLedgerRepository.js"
import { mikroSessionRepository } from "./MikroSessionRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  sessionLedgerRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    const orm = db().orm
    return Layer.mergeAll(mikroSessionRepository(orm), mikroSessionLedgerRepository(orm), mikroTransactions(orm))
  })
  transactionsContract(`MikroORM on ${kind}`, () => mikroTransactions(db().orm))

  it("refuses, by its unique index, a second active reservation of a child on a session", async () => {
    await empty()
    const orm = db().orm
    const session = aSession("cantine", "2026-03-12", { capacity: 5 })
    const booked = (id: string) =>
      new Reservation({
        id: ReservationId.make(id),
        sessionId: session.id,
        childId: MemberId.make("lucie"),
        householdId: HouseholdId.make("martin"),
        requestedAt: Instant.unsafe("2026-03-01T08:00:00Z"),
        bookedAt: Instant.unsafe("2026-03-01T08:00:00Z"),
        via: "request"
      })
    const exit = await Effect.runPromiseExit(
      Effect.gen(function* () {
        yield* (yield* SessionRepository).saveMany([session])
        yield* (yield* SessionLedgerRepository).save(new SessionLedger({ session, reservations: [booked("r1"), booked("r2")], waitlist: [] }))
      }).pipe(Effect.provide(Layer.merge(mikroSessionRepository(orm), mikroSessionLedgerRepository(orm))))
    )
    expect(Exit.isFailure(exit) && String(exit.cause)).toContain("reservation_active_child_unique")
  })
})
