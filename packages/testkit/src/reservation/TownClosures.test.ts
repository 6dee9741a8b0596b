import {
  ActivityId,
  AuditLog,
  bookSessions,
  BookSessionsCommand,
  closurePeriods,
  closeTownDays,
  LocalDate,
  publishActivitySessions,
  reopenTownDay,
  SessionId,
  SessionLedgerRepository,
  SessionRepository,
  TownCalendarSource,
  townCalendarFromOfficialData
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { anActivity } from "../activity/ActivityFixtures.js"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aCanteen, aChild } from "./BookingFixtures.js"
import { inMemoryBookingServices } from "./InMemoryBookingServices.js"

const admin = anAgent("admin", "Alice ADMIN")
const cantine = ActivityId.make("cantine")
const soir = ActivityId.make("act-evening")
const d = LocalDate.unsafe

function world() {
  const booking = inMemoryBookingServices({
    now: "2025-11-20T08:00:00Z",
    activities: [aCanteen({ capacity: 1 }), anActivity({ kind: "evening" })],
    sessions: [],
    calendar: townCalendarFromOfficialData("B"),
    enrollments: ["ana", "bob"].map((c) => anAcceptedEnrollment(c, "2025-2026", "restauration"))
  })
  const layer = Layer.merge(booking.layer, inMemoryAuditLog())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.flip(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  const dates = (activityId: ActivityId, from: string, to: string) =>
    run(Effect.map(Effect.flatMap(SessionRepository, (s) => s.listByActivity(activityId, d(from), d(to))), (list) => list.map((s) => s.date as string)))
  return { run, attempt, audit, dates }
}

describe("the town's closures", () => {
  it("closes days: no session then, the reservations of those days cancelled unbilled and counted; audited calendar.close", async () => {
    const w = world()
    for (const activityId of [cantine, soir]) await w.run(publishActivitySessions(admin, { activityId, from: "2025-12-01", to: "2025-12-12" }))
    await w.run(bookSessions(new BookSessionsCommand({ child: aChild("ana"), sessionIds: [SessionId.make("cantine:2025-12-04"), SessionId.make("cantine:2025-12-05")] })))
    await w.run(bookSessions(new BookSessionsCommand({ child: aChild("bob"), sessionIds: [SessionId.make("cantine:2025-12-04")] })))
    const closed = await w.run(closeTownDays(admin, { from: "2025-12-04", to: "2025-12-05", reason: "Grève du personnel de restauration", activityKinds: ["canteen"] }))
    expect(closed.closures.map((c) => c.date)).toEqual(["2025-12-04", "2025-12-05"])
    expect(closed.sessionsRemoved.map((s) => s.id)).toEqual(["cantine:2025-12-04", "cantine:2025-12-05"])
    expect(closed.cancelled.map((c) => [c.session.id, c.reservation.childId])).toEqual([
      ["cantine:2025-12-04", "ana"],
      ["cantine:2025-12-05", "ana"]
    ])
    expect(closed.waitlistRemoved).toBe(1)
    expect(await w.dates(cantine, "2025-12-01", "2025-12-12")).toEqual(["2025-12-01", "2025-12-02", "2025-12-08", "2025-12-09", "2025-12-11", "2025-12-12"])
    expect(await w.dates(soir, "2025-12-04", "2025-12-05")).toEqual(["2025-12-04", "2025-12-05"])
    const agenda = await w.run(Effect.flatMap(SessionLedgerRepository, (l) => l.forChild(aChild("ana").childId, d("2025-12-01"), d("2025-12-31"))))
    expect(agenda).toEqual([])
    const calendar = await w.run(Effect.flatMap(TownCalendarSource, (s) => s.get))
    expect(closurePeriods(calendar.closures)).toEqual([
      { from: "2025-12-04", to: "2025-12-05", reason: "Grève du personnel de restauration", activityKinds: ["canteen"], dates: ["2025-12-04", "2025-12-05"] }
    ])
    await w.run(publishActivitySessions(admin, { activityId: cantine, from: "2025-12-01", to: "2025-12-12" }))
    expect(await w.dates(cantine, "2025-12-04", "2025-12-05")).toEqual([])
    const record = (await w.audit()).find((r) => r.action === "calendar.close")
    expect(record).toMatchObject({ action: "calendar.close", outcome: "done", target: { kind: "calendar", id: "2025-12-04" }, before: { closures: [] } })
    expect(record?.after).toMatchObject({
      sessionsRemoved: ["cantine:2025-12-04", "cantine:2025-12-05"],
      cancelledReservations: [
        { sessionId: "cantine:2025-12-04", childId: "ana", householdId: "hh-ana" },
        { sessionId: "cantine:2025-12-05", childId: "ana", householdId: "hh-ana" }
      ],
      waitlistRemoved: 1
    })
  })

  it("refuses a past day, a day already closed, an unknown kind and a missing reason, each on its field", async () => {
    const w = world()
    const problems = async (input: Parameters<typeof closeTownDays>[1]) => {
      const error = await w.attempt(closeTownDays(admin, input))
      return error._tag === "InvalidInput" ? error.problems : error._tag
    }
    expect(await problems({ from: "2025-11-19", reason: "Travaux" })).toEqual([
      { path: "from", message: "Le mercredi 19 novembre 2025 est passé : une fermeture s'ajoute pour aujourd'hui ou un jour à venir." }
    ])
    expect(await problems({ from: "2025-12-01", reason: "" })).toEqual([{ path: "reason", message: "Indiquez le motif de la fermeture." }])
    expect(await problems({ from: "2025-12-01" })).toEqual([{ path: "reason", message: "Indiquez le motif de la fermeture : les familles le lisent." }])
    expect(await problems({ from: "2025-12-01", to: "2025-11-30", reason: "Travaux" })).toEqual([{ path: "to", message: "Le dernier jour de fermeture doit suivre le premier." }])
    expect(await problems({ from: "2025-12-01", reason: "Travaux", activityKinds: ["piscine"] })).toEqual([
      { path: "activityKinds", message: "Aucune activité de la commune n'est du type « piscine » : choisissez parmi les types proposés." }
    ])
    await w.run(closeTownDays(admin, { from: "2025-12-01", reason: "Travaux" }))
    expect(await problems({ from: "2025-11-28", to: "2025-12-02", reason: "Travaux", activityKinds: ["evening"] })).toEqual([
      { path: "from", message: "Le lundi 1er décembre 2025 est déjà fermé (« Travaux ») : retirez d'abord cette fermeture, ou choisissez d'autres jours." }
    ])
  })

  it("reopens a closed day and publishes its sessions again where the year's sessions are published; audited calendar.reopen", async () => {
    const w = world()
    await w.run(publishActivitySessions(admin, { activityId: cantine, from: "2025-12-01", to: "2025-12-12" }))
    await w.run(closeTownDays(admin, { from: "2025-12-04", reason: "Pont" }))
    expect(await w.dates(cantine, "2025-12-04", "2025-12-04")).toEqual([])
    const reopened = await w.run(reopenTownDay(admin, { date: "2025-12-04" }))
    expect(reopened.sessionsRestored.map((s) => s.id)).toEqual(["cantine:2025-12-04"])
    expect(await w.dates(cantine, "2025-12-04", "2025-12-04")).toEqual(["2025-12-04"])
    expect(await w.dates(soir, "2025-12-04", "2025-12-04")).toEqual([])
    expect((await w.attempt(reopenTownDay(admin, { date: "2025-12-04" })))._tag).toBe("TownClosureNotFound")
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "calendar.reopen", outcome: "refused" })
    expect((await w.audit())[1]).toMatchObject({ action: "calendar.reopen", outcome: "done", before: { closures: [{ date: "2025-12-04", reason: "Pont" }] }, after: { sessionsRestored: ["cantine:2025-12-04"] } })
  })
})
