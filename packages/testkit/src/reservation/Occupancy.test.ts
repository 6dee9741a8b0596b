import { HouseholdId, Instant, loadOccupancy, LocalDate, MemberId, ReservationId, SessionLedger, SessionLedgerRepository, WaitlistEntry } from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { aBookedReservation, aCanteen, aHolidayCentre, aSession } from "./BookingFixtures.js"
import { inMemoryBookingStore } from "./InMemoryBookingStore.js"

const canteen = aCanteen({ id: "canteen", capacity: 2 })
const centre = aHolidayCentre({ id: "centre", capacity: 4 })
const monday = aSession(canteen, "2026-03-02")
const tuesday = aSession(canteen, "2026-03-03")
const nextWeek = aSession(canteen, "2026-03-09")
const camp = aSession(centre, "2026-03-02", { startsAt: "08:30" })
const household = HouseholdId.make("hh-1")
const child = (n: number) => MemberId.make(`child-${n}`)
const waiting = (n: number) =>
  WaitlistEntry.make({ reservationId: ReservationId.make(`wait-${n}`), childId: child(n), householdId: household, requestedAt: Instant.unsafe("2026-02-21T10:00:00Z") })

describe("occupancy of a period's sessions", () => {
  it("counts places taken out of the capacity, the waiting list and percent full, per session and per activity", async () => {
    const layer = Layer.mergeAll(inMemoryBookingStore([monday, tuesday, nextWeek, camp]), inMemoryActivityCatalogue([canteen, centre]))
    const report = await Effect.runPromise(Effect.provide(Effect.gen(function* () {
      const ledgers = yield* SessionLedgerRepository
      yield* ledgers.save(SessionLedger.make({ session: monday, reservations: [aBookedReservation(monday, child(1), household), aBookedReservation(monday, child(2), household)], waitlist: [waiting(3), waiting(4)] }))
      yield* ledgers.save(SessionLedger.make({ session: camp, reservations: [aBookedReservation(camp, child(1), household)], waitlist: [] }))
      yield* ledgers.save(SessionLedger.make({ session: nextWeek, reservations: [aBookedReservation(nextWeek, child(1), household)], waitlist: [] }))
      return yield* loadOccupancy(LocalDate.unsafe("2026-03-02"), LocalDate.unsafe("2026-03-08"))
    }), layer))
    expect(report.sessions.map((s) => [s.session.date, s.activityName, s.booked, s.capacity, s.waiting, s.percentFull])).toEqual([
      ["2026-03-02", centre.name, 1, 4, 0, 25],
      ["2026-03-02", canteen.name, 2, 2, 2, 100],
      ["2026-03-03", canteen.name, 0, 2, 0, 0]
    ])
    expect(report.activities.map((a) => [a.activityName, a.sessions, a.booked, a.capacity, a.waiting, a.percentFull, a.fullSessions])).toEqual(
      [
        [centre.name, 1, 1, 4, 0, 25, 0],
        [canteen.name, 2, 2, 4, 2, 50, 1]
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), "fr"))
    )
  })
})
