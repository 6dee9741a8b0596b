import {
  AbsenceJustificationRules,
  AbsenceReport,
  agendaOfChild,
  AuditLog,
  BillingRules,
  bookSessions,
  BookSessionsCommand,
  Child,
  decideBilling,
  findChildrenForRollCall,
  gatherBillableFacts,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  recordRollCall,
  reportAbsence,
  rollCallSessions,
  rollCallSheet,
  unsafeBillingMonth
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { aCanteen, aChild, aSession } from "../reservation/BookingFixtures.js"
import { inMemoryBookingServices } from "../reservation/InMemoryBookingServices.js"

const martin = aHousehold({
  id: HouseholdId.make("hh-martin"),
  reference: "FAM-000201",
  familyName: "MARTIN",
  children: [
    Child.make({ id: MemberId.make("lucie"), firstName: "Lucie", lastName: "MARTIN", birthDate: LocalDate.unsafe("2019-06-10"), schoolLevel: "CP", aeeh: false, allergies: "Arachide" }),
    Child.make({ id: MemberId.make("tom"), firstName: "Tom", lastName: "MARTIN", birthDate: LocalDate.unsafe("2017-02-01"), schoolLevel: "CE2", aeeh: false })
  ]
})
const petit = aHousehold({
  id: HouseholdId.make("hh-petit"),
  reference: "FAM-000202",
  familyName: "PETIT",
  children: [Child.make({ id: MemberId.make("noah"), firstName: "Noah", lastName: "PETIT", birthDate: LocalDate.unsafe("2021-07-12"), schoolLevel: "PS", aeeh: false, notes: "Récupéré par sa grand-mère le jeudi." })]
})

const agent = anAgent("agent", "Claire DUBOIS")
const reader = anAgent("reader", "Lise LECTURE")

function world() {
  const canteen = aCanteen({ capacity: 10 })
  const monday = aSession(canteen, "2026-03-09")
  const thursday = aSession(canteen, "2026-03-12")
  const booking = inMemoryBookingServices({
    now: "2026-03-01T08:00:00Z",
    activities: [canteen],
    sessions: [monday, thursday],
    enrollments: ["lucie", "tom"].map((c) => anAcceptedEnrollment(c, "2025-2026", "restauration", "hh-martin"))
  })
  const layer = Layer.mergeAll(booking.layer, inMemoryAuditLog(), inMemoryHouseholdRepository([martin, petit]), inMemoryEventOutbox())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { monday, thursday, run, attempt, audit, clock: booking.clock }
}

const book = (child: string, sessions: ReadonlyArray<{ readonly id: ReturnType<typeof aSession>["id"] }>) =>
  bookSessions(new BookSessionsCommand({ child: aChild(child, { householdId: "hh-martin" }), sessionIds: sessions.map((s) => s.id) }))

const entry = (childId: string, householdId: string, status: "present" | "absent") => ({ childId: MemberId.make(childId), householdId: HouseholdId.make(householdId), status })

describe("the agents' roll-call", () => {
  it("lists the day's sessions with the children booked, and the sheet with each child's age, file notes and reported absences", async () => {
    const w = world()
    await w.run(book("lucie", [w.monday, w.thursday]))
    await w.run(book("tom", [w.monday]))
    await w.run(reportAbsence(new AbsenceReport({ childId: MemberId.make("tom"), householdId: martin.id, start: LocalDate.unsafe("2026-03-09"), end: LocalDate.unsafe("2026-03-09"), reason: "family" }), new AbsenceJustificationRules({})))
    w.clock.set(Instant.unsafe("2026-03-09T09:00:00Z"))
    const sessions = await w.run(rollCallSessions(agent, LocalDate.unsafe("2026-03-09")))
    expect(sessions.map((s) => [s.session.id, s.booked, s.recordedPresent])).toEqual([["cantine:2026-03-09", 1, 0]])
    const sheet = await w.run(rollCallSheet(agent, w.monday.id))
    expect(sheet.open).toBe(true)
    expect(sheet.lines.map((l) => [l.child.firstName, l.age, l.child.schoolLevel, l.child.allergies, l.booked])).toEqual([["Lucie", 6, "CP", "Arachide", true]])
    expect(sheet.cancelledForAbsence.map((l) => l.child.firstName)).toEqual(["Tom"])
    const denied = await w.attempt(rollCallSheet(reader, w.monday.id))
    expect(denied._tag === "Left" && denied.left._tag).toBe("PermissionDenied")
  })

  it("finds a child by name, accents and case ignored, with its household", async () => {
    const w = world()
    const found = await w.run(findChildrenForRollCall(agent, "noah petit"))
    expect(found.map((m) => [m.child.firstName, m.household.reference, m.child.notes])).toEqual([["Noah", "FAM-000202", "Récupéré par sa grand-mère le jeudi."]])
    expect((await w.run(findChildrenForRollCall(agent, "MARTIN"))).map((m) => m.child.firstName)).toEqual(["Lucie", "Tom"])
    expect(await w.run(findChildrenForRollCall(agent, "   "))).toEqual([])
  })

  it("records the sheet in the agent's name, audited: the agenda shows attended and absent, an unreserved presence is billed as such", async () => {
    const w = world()
    await w.run(book("lucie", [w.monday]))
    await w.run(book("tom", [w.monday]))
    w.clock.set(Instant.unsafe("2026-03-09T12:30:00Z"))
    const saved = await w.run(recordRollCall(agent, { sessionId: w.monday.id, entries: [entry("lucie", "hh-martin", "present"), entry("tom", "hh-martin", "absent"), entry("noah", "hh-petit", "present")] }))
    expect([saved.present, saved.absent, saved.presentWithoutReservation]).toEqual([2, 1, 1])
    expect(saved.records.every((r) => r.recordedBy === "Claire DUBOIS")).toBe(true)
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "attendance.record", permission: "attendance.record", outcome: "done", target: { kind: "session", id: "cantine:2026-03-09" }, before: [] })
    expect(record?.after).toHaveLength(3)
    const march = [LocalDate.unsafe("2026-03-01"), LocalDate.unsafe("2026-03-31")] as const
    expect((await w.run(agendaOfChild(MemberId.make("lucie"), ...march))).map((e) => e.status)).toEqual(["attended"])
    expect((await w.run(agendaOfChild(MemberId.make("tom"), ...march))).map((e) => e.status)).toEqual(["absent"])
    expect((await w.run(agendaOfChild(MemberId.make("noah"), ...march))).map((e) => [e.status, e.booking._tag])).toEqual([["attended", "NotBooked"]])
    const { facts } = await w.run(gatherBillableFacts(unsafeBillingMonth("2026-03")))
    const noah = facts.find((f) => f.childId === "noah")
    expect(noah === undefined ? undefined : decideBilling(noah, new BillingRules({})).code).toBe("unreserved-presence")
    const sheet = await w.run(rollCallSheet(agent, w.monday.id))
    expect(sheet.lines.map((l) => [l.child.firstName, l.booked, l.recorded])).toEqual([["Lucie", true, "present"], ["Tom", true, "absent"], ["Noah", false, "present"]])
    const again = await w.run(recordRollCall(agent, { sessionId: w.monday.id, entries: [entry("tom", "hh-martin", "present")] }))
    expect(again.present).toBe(1)
    expect((await w.audit())[0]?.before).toMatchObject([{ childId: "tom", status: "absent" }])
  })

  it("refuses a role without attendance.record (denied), a future session, an empty sheet and a child of another household (refused)", async () => {
    const w = world()
    await w.run(book("lucie", [w.thursday]))
    w.clock.set(Instant.unsafe("2026-03-09T12:30:00Z"))
    const denied = await w.attempt(recordRollCall(reader, { sessionId: w.monday.id, entries: [entry("lucie", "hh-martin", "present")] }))
    expect(denied._tag === "Left" && denied.left._tag).toBe("PermissionDenied")
    const early = await w.attempt(recordRollCall(agent, { sessionId: w.thursday.id, entries: [entry("lucie", "hh-martin", "present")] }))
    expect(early._tag === "Left" && early.left.message).toBe("La séance du jeudi 12 mars 2026 n'a pas encore eu lieu : son pointage se fait le jour même, quand les enfants sont là.")
    const empty = await w.attempt(recordRollCall(agent, { sessionId: w.monday.id, entries: [] }))
    expect(empty._tag === "Left" && empty.left._tag).toBe("InvalidInput")
    const foreign = await w.attempt(recordRollCall(agent, { sessionId: w.monday.id, entries: [entry("noah", "hh-martin", "present")] }))
    expect(foreign._tag === "Left" && foreign.left._tag === "InvalidInput" && foreign.left.problems[0]?.path).toBe("entries.0")
    expect((await w.audit()).map((r) => r.outcome)).toEqual(["refused", "refused", "refused", "denied"])
    expect((await w.run(rollCallSheet(agent, w.monday.id))).lines).toEqual([])
  })
})
