import {
  agendaOfChild,
  AuditLog,
  bookSessions,
  BookSessionsCommand,
  Child,
  HouseholdId,
  LocalDate,
  MemberId,
  listWaitlists,
  moveWaitlistEntry,
  offerWaitlistPlace,
  ReservationId,
  SessionLedgerRepository,
  SessionRepository,
  viewWaitlist
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { aCanteen, aChild, aSession } from "./BookingFixtures.js"
import { inMemoryBookingServices } from "./InMemoryBookingServices.js"

const children = ["ana", "bob", "chloe"]
const householdOf = (name: string) =>
  aHousehold({
    id: HouseholdId.make(`hh-${name}`),
    reference: `FAM-${name.toUpperCase()}`,
    familyName: name.toUpperCase(),
    children: [Child.make({ id: MemberId.make(name), firstName: name[0]?.toUpperCase() + name.slice(1), lastName: name.toUpperCase(), birthDate: LocalDate.unsafe("2019-06-10"), aeeh: false })]
  })

function world(waitlist: { readonly _tag: "BookAtOnce" } | { readonly _tag: "Offer"; readonly validHours: number }) {
  const canteen = aCanteen({ capacity: 1, waitlist })
  const session = aSession(canteen, "2026-03-12")
  const booking = inMemoryBookingServices({
    now: "2026-03-01T08:00:00Z",
    activities: [canteen],
    sessions: [session],
    enrollments: children.map((c) => anAcceptedEnrollment(c, "2025-2026", "restauration"))
  })
  const layer = Layer.mergeAll(booking.layer, inMemoryAuditLog(), inMemoryHouseholdRepository(children.map(householdOf)), inMemoryEventOutbox())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  const order = () => run(Effect.map(Effect.flatMap(SessionLedgerRepository, (l) => l.get(session.id)), (l) => l.waitlist.map((e) => e.childId as string)))
  return { canteen, session, run, attempt, audit, order, clock: booking.clock }
}

const agent = anAgent("agent", "Claire DUBOIS")
const reader = anAgent("reader", "Lise LECTURE")
const bookAll = (run: ReturnType<typeof world>["run"], sessionId: ReturnType<typeof world>["session"]["id"]) =>
  run(Effect.forEach(children, (c) => bookSessions(new BookSessionsCommand({ child: aChild(c), sessionIds: [sessionId] }))))

describe("agents' waiting lists", () => {
  it("lists the sessions with a waiting list, and shows each entry with its child, family and position", async () => {
    const w = world({ _tag: "BookAtOnce" })
    await bookAll(w.run, w.session.id)
    const listed = await w.run(listWaitlists(reader, { from: LocalDate.unsafe("2026-03-01"), to: LocalDate.unsafe("2026-03-31") }))
    expect(listed.map((s) => [s.session.id, s.placesLeft, s.waiting, s.offersHeld])).toEqual([["cantine:2026-03-12", 0, 2, 0]])
    expect(await w.run(listWaitlists(reader, { from: LocalDate.unsafe("2026-03-13"), to: LocalDate.unsafe("2026-03-31") }))).toEqual([])
    const tooLong = await w.attempt(listWaitlists(reader, { from: LocalDate.unsafe("2026-03-01"), to: LocalDate.unsafe("2027-06-01") }))
    expect(tooLong._tag === "Left" && tooLong.left.message).toContain("366 jours")
    const view = await w.run(viewWaitlist(reader, w.session.id))
    expect(view.lines.map((l) => [l.position, l.child?.firstName, l.household?.reference, l.placeFree])).toEqual([
      [1, "Bob", "FAM-BOB", false],
      [2, "Chloe", "FAM-CHLOE", false]
    ])
  })

  it("moves an entry for a reason: the family's position changes, the move is audited with the reason", async () => {
    const w = world({ _tag: "BookAtOnce" })
    await bookAll(w.run, w.session.id)
    const moved = await w.run(moveWaitlistEntry(agent, { sessionId: w.session.id, reservationId: ReservationId.make("res-3"), direction: "up", reason: "Demande déposée au guichet avant celle en ligne." }))
    expect(moved).toMatchObject({ from: 2, to: 1, events: [{ _tag: "WaitlistMoved", childId: "chloe", reason: "Demande déposée au guichet avant celle en ligne." }] })
    expect(await w.order()).toEqual(["chloe", "bob"])
    const agenda = await w.run(agendaOfChild(MemberId.make("chloe"), LocalDate.unsafe("2026-03-01"), LocalDate.unsafe("2026-03-31")))
    expect(agenda.map((e) => e.booking)).toEqual([{ _tag: "Waitlisted", reservationId: "res-3", position: 1 }])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "waitlists.move", permission: "reservations.manage", outcome: "done", actorName: "Claire DUBOIS", target: { kind: "session", id: "cantine:2026-03-12" } })
    expect(record?.before).toMatchObject({ waitlist: [{ position: 1, entry: { childId: "bob" } }, { position: 2, entry: { childId: "chloe" } }] })
    expect(record?.after).toMatchObject({
      waitlist: [{ position: 1, entry: { childId: "chloe" } }, { position: 2, entry: { childId: "bob" } }],
      move: { reservationId: "res-3", from: 2, to: 1, reason: "Demande déposée au guichet avant celle en ligne." }
    })
  })

  it("refuses a role without reservations.manage (audited as denied) and a move without a reason (audited as refused), changing nothing", async () => {
    const w = world({ _tag: "BookAtOnce" })
    await bookAll(w.run, w.session.id)
    const denied = await w.attempt(moveWaitlistEntry(reader, { sessionId: w.session.id, reservationId: ReservationId.make("res-3"), direction: "up", reason: "motif" }))
    expect(denied._tag === "Left" && denied.left._tag).toBe("PermissionDenied")
    const blank = await w.attempt(moveWaitlistEntry(agent, { sessionId: w.session.id, reservationId: ReservationId.make("res-3"), direction: "up", reason: " " }))
    expect(blank._tag === "Left" && blank.left._tag).toBe("InvalidInput")
    expect(await w.order()).toEqual(["bob", "chloe"])
    expect((await w.audit()).map((r) => [r.action, r.outcome, r.actorRole])).toEqual([
      ["waitlists.move", "refused", "agent"],
      ["waitlists.move", "denied", "reader"]
    ])
  })

  it("gives a place freed by a larger capacity to the first in line, booked at once, audited", async () => {
    const w = world({ _tag: "BookAtOnce" })
    await bookAll(w.run, w.session.id)
    const full = await w.attempt(offerWaitlistPlace(agent, { sessionId: w.session.id, reservationId: ReservationId.make("res-2") }))
    expect(full._tag === "Left" && full.left._tag).toBe("NoPlaceForWaitlistEntry")
    await w.run(Effect.flatMap(SessionRepository, (s) => s.saveMany([aSession(w.canteen, "2026-03-12", { capacity: 2 })])))
    const passing = await w.attempt(offerWaitlistPlace(agent, { sessionId: w.session.id, reservationId: ReservationId.make("res-3") }))
    expect(passing._tag === "Left" && passing.left._tag).toBe("InvalidInput")
    const given = await w.run(offerWaitlistPlace(agent, { sessionId: w.session.id, reservationId: ReservationId.make("res-2") }))
    expect(given.outcome._tag).toBe("Booked")
    expect(await w.order()).toEqual(["chloe"])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "waitlists.offer", outcome: "done", after: { placesLeft: 0, offer: { reservationId: "res-2", outcome: "Booked" } } })
  })

  it("offers the place to the family for the activity's delay when the activity offers places", async () => {
    const w = world({ _tag: "Offer", validHours: 24 })
    await bookAll(w.run, w.session.id)
    await w.run(Effect.flatMap(SessionRepository, (s) => s.saveMany([aSession(w.canteen, "2026-03-12", { capacity: 2 })])))
    const given = await w.run(offerWaitlistPlace(agent, { sessionId: w.session.id, reservationId: ReservationId.make("res-3"), reason: "Sœur déjà inscrite ce jour-là." }))
    expect(given.outcome).toEqual({ _tag: "Offered", reservationId: "res-3", expiresAt: "2026-03-02T08:00:00.000Z" })
    const view = await w.run(viewWaitlist(agent, w.session.id))
    expect(view.lines.map((l) => [l.child?.firstName, l.entry.offer?.expiresAt, l.placeFree])).toEqual([
      ["Bob", undefined, false],
      ["Chloe", "2026-03-02T08:00:00.000Z", false]
    ])
    const [record] = await w.audit()
    expect(record?.after).toMatchObject({ offer: { outcome: "Offered", reason: "Sœur déjà inscrite ce jour-là.", expiresAt: "2026-03-02T08:00:00.000Z" } })
  })
})
