import {
  ActivityCatalogue,
  ActivityId,
  AuditLog,
  bookSessions,
  BookSessionsCommand,
  changeActivityCapacity,
  changeSessionCapacity,
  LocalDate,
  previewActivitySessions,
  publishActivitySessions,
  SessionId,
  SessionLedgerRepository,
  SessionRepository,
  townCalendarFromOfficialData
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aCanteen, aChild } from "./BookingFixtures.js"
import { inMemoryBookingServices } from "./InMemoryBookingServices.js"

const admin = anAgent("admin", "Alice ADMIN")
const agent = anAgent("agent", "Claire DUBOIS")
const children = ["ana", "bob", "chloe"]
const cantine = ActivityId.make("cantine")
const d = LocalDate.unsafe

function world(capacity = 2) {
  const booking = inMemoryBookingServices({
    now: "2025-11-20T08:00:00Z",
    activities: [aCanteen({ capacity })],
    sessions: [],
    calendar: townCalendarFromOfficialData("B"),
    enrollments: children.map((c) => anAcceptedEnrollment(c, "2025-2026", "restauration"))
  })
  const layer = Layer.merge(booking.layer, inMemoryAuditLog())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.flip(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  const sessions = (from: string, to: string) => run(Effect.flatMap(SessionRepository, (s) => s.listByActivity(cantine, d(from), d(to))))
  const book = (child: string, sessionId: string) => run(bookSessions(new BookSessionsCommand({ child: aChild(child), sessionIds: [SessionId.make(sessionId)] })))
  return { run, attempt, audit, sessions, book }
}

describe("agents' sessions", () => {
  it("previews then publishes the sessions of a period from the town's calendar, once; audited sessions.publish", async () => {
    const w = world()
    const period = { activityId: cantine, from: "2025-12-01", to: "2025-12-31" }
    const preview = await w.run(previewActivitySessions(period))
    expect(preview.generated.map((s) => s.date)).toEqual(["2025-12-01", "2025-12-02", "2025-12-04", "2025-12-05", "2025-12-08", "2025-12-09", "2025-12-11", "2025-12-12", "2025-12-15", "2025-12-16", "2025-12-18", "2025-12-19"])
    expect(preview.toAdd).toHaveLength(12)
    expect(await w.sessions("2025-12-01", "2025-12-31")).toEqual([])
    const published = await w.run(publishActivitySessions(admin, period))
    expect(published.toAdd).toHaveLength(12)
    expect((await w.sessions("2025-12-01", "2025-12-31")).map((s) => s.id)).toEqual(preview.generated.map((s) => s.id))
    const again = await w.run(publishActivitySessions(admin, period))
    expect(again.toAdd).toEqual([])
    const [second, first] = await w.audit()
    expect(first).toMatchObject({ action: "sessions.publish", outcome: "done", target: { kind: "activity", id: "cantine" }, after: { added: 12, firstDate: "2025-12-01", lastDate: "2025-12-19" } })
    expect(second?.after).toMatchObject({ added: 0 })
    const wrong = await w.attempt(publishActivitySessions(admin, { activityId: cantine, from: "2025-12-31", to: "2025-12-01" }))
    expect(wrong._tag === "InvalidInput" && wrong.problems).toEqual([{ path: "to", message: "Le dernier jour de la période doit suivre le premier." }])
  })

  it("never sets a session's capacity below the places booked, and gives freed places to the waiting list", async () => {
    const w = world()
    await w.run(publishActivitySessions(admin, { activityId: cantine, from: "2025-12-01", to: "2025-12-05" }))
    for (const child of children) await w.book(child, "cantine:2025-12-04")
    const refused = await w.attempt(changeSessionCapacity(admin, { sessionId: SessionId.make("cantine:2025-12-04"), capacity: 1 }))
    expect(refused._tag).toBe("CapacityBelowBookedPlaces")
    expect(refused.message).toBe(
      "La capacité de « Restauration scolaire » ne peut pas descendre à 1 place(s) : des places sont déjà réservées (2 le jeudi 4 décembre 2025). Une place réservée n'est jamais reprise à une famille : choisissez au moins 2 place(s), ou faites d'abord annuler des réservations."
    )
    const changed = await w.run(changeSessionCapacity(admin, { sessionId: SessionId.make("cantine:2025-12-04"), capacity: 3 }))
    expect(changed.events.map((e) => [e._tag, e.childId])).toEqual([["ReservationBooked", "chloe"]])
    const ledger = await w.run(Effect.flatMap(SessionLedgerRepository, (l) => l.get(SessionId.make("cantine:2025-12-04"))))
    expect([ledger.session.capacity, ledger.reservations.filter((r) => r.isActive).length, ledger.waitlist.length]).toEqual([3, 3, 0])
    await w.run(publishActivitySessions(admin, { activityId: cantine, from: "2025-12-01", to: "2025-12-05" }))
    expect((await w.sessions("2025-12-04", "2025-12-04"))[0]?.capacity).toBe(3)
    const denied = await w.attempt(changeSessionCapacity(agent, { sessionId: SessionId.make("cantine:2025-12-04"), capacity: 10 }))
    expect(denied._tag).toBe("PermissionDenied")
    const records = await w.audit()
    expect(records.slice(0, 4).map((r) => [r.action, r.outcome])).toEqual([
      ["sessions.capacity", "denied"],
      ["sessions.publish", "done"],
      ["sessions.capacity", "done"],
      ["sessions.capacity", "refused"]
    ])
    const done = records.find((r) => r.action === "sessions.capacity" && r.outcome === "done")
    expect(done).toMatchObject({ target: { kind: "session", id: "cantine:2025-12-04" }, before: { capacity: 2, booked: 2, waiting: 1 }, after: { capacity: 3, booked: 3, waiting: 0 } })
  })

  it("changes an activity's capacity and its sessions to come, unless a session has more places booked", async () => {
    const w = world(3)
    await w.run(publishActivitySessions(admin, { activityId: cantine, from: "2025-12-01", to: "2025-12-05" }))
    for (const child of children) await w.book(child, "cantine:2025-12-04")
    const refused = await w.attempt(changeActivityCapacity(admin, { activityId: cantine, capacity: 2 }))
    expect(refused._tag === "CapacityBelowBookedPlaces" && refused.sessions).toEqual([{ sessionId: "cantine:2025-12-04", date: "2025-12-04", booked: 3 }])
    expect((await w.sessions("2025-12-01", "2025-12-05")).map((s) => s.capacity)).toEqual([3, 3, 3, 3])
    const notANumber = await w.attempt(changeActivityCapacity(admin, { activityId: cantine, capacity: "dix" }))
    expect(notANumber._tag === "InvalidInput" && notANumber.problems).toEqual([{ path: "capacity", message: "Le nombre de places doit être un nombre." }])
    const changed = await w.run(changeActivityCapacity(admin, { activityId: cantine, capacity: 30 }))
    expect(changed.sessionsChanged).toBe(4)
    expect((await w.sessions("2025-12-01", "2025-12-05")).map((s) => s.capacity)).toEqual([30, 30, 30, 30])
    expect((await w.run(Effect.flatMap(ActivityCatalogue, (c) => c.byId(cantine)))).capacity).toBe(30)
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "sessions.capacity", outcome: "done", target: { kind: "activity", id: "cantine" }, before: { capacity: 3 }, after: { capacity: 30, sessionsChanged: 4 } })
  })
})
