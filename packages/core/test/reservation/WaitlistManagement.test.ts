import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Activity, AgeGroupCapacity, Eligibility } from "../../src/activity/Activity.js"
import { BookingPolicy, Deadline, type WaitlistMode } from "../../src/activity/BookingPolicy.js"
import { Session } from "../../src/activity/Session.js"
import { ActivityId, HouseholdId, MemberId, ReservationId, SessionId, TariffGridId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"
import { Reservation } from "../../src/reservation/Reservation.js"
import { occupancy, SessionLedger } from "../../src/reservation/SessionLedger.js"
import { WaitlistEntry, WaitlistOffer } from "../../src/reservation/WaitlistEntry.js"
import { decideWaitlistMove, decideWaitlistOffer, waitlistStandings } from "../../src/reservation/WaitlistManagement.js"

function activityWith(waitlist: WaitlistMode = { _tag: "BookAtOnce" }, ageGroups: ReadonlyArray<AgeGroupCapacity> = []) {
  const deadline = new Deadline({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("11:45") })
  return new Activity({
    id: ActivityId.make("alsh"),
    kind: "holiday",
    name: "Accueil de loisirs",
    enrollmentFamily: "extrascolaire",
    eligibility: new Eligibility({}),
    capacity: 3,
    ageGroups: [...ageGroups],
    slots: [],
    tariffGridId: TariffGridId.make("grille-alsh"),
    bookingPolicy: new BookingPolicy({ bookingDeadline: deadline, cancellationDeadline: deadline, windows: [], wholeWeekOnly: false, waitlist })
  })
}

const session = (capacity: number) =>
  new Session({ id: SessionId.make("alsh:2026-04-08"), activityId: ActivityId.make("alsh"), date: LocalDate.unsafe("2026-04-08"), startsAt: ParisTime.timeOfDay("08:30"), capacity })

const NOW = Instant.unsafe("2026-04-01T08:00:00Z")

const booked = (child: string, ageGroup?: string) =>
  new Reservation({
    id: ReservationId.make(`res-${child}`),
    sessionId: SessionId.make("alsh:2026-04-08"),
    childId: MemberId.make(child),
    householdId: HouseholdId.make(`hh-${child}`),
    ...(ageGroup === undefined ? {} : { ageGroup }),
    requestedAt: Instant.unsafe("2026-03-01T08:00:00Z"),
    bookedAt: Instant.unsafe("2026-03-01T08:00:00Z"),
    via: "request"
  })

const waiting = (child: string, options: { ageGroup?: string; offer?: boolean } = {}) =>
  new WaitlistEntry({
    reservationId: ReservationId.make(`res-${child}`),
    childId: MemberId.make(child),
    householdId: HouseholdId.make(`hh-${child}`),
    ...(options.ageGroup === undefined ? {} : { ageGroup: options.ageGroup }),
    requestedAt: Instant.unsafe("2026-03-02T08:00:00Z"),
    ...(options.offer === true ? { offer: new WaitlistOffer({ offeredAt: Instant.unsafe("2026-03-31T08:00:00Z"), expiresAt: Instant.unsafe("2026-04-02T08:00:00Z") }) } : {})
  })

const ledgerOf = (capacity: number, reservations: ReadonlyArray<Reservation>, list: ReadonlyArray<WaitlistEntry>) =>
  new SessionLedger({ session: session(capacity), reservations: [...reservations], waitlist: [...list] })

const id = (child: string) => ReservationId.make(`res-${child}`)

const tagOf = <A, E extends { readonly _tag: string }>(result: Either.Either<A, E>) => (Either.isLeft(result) ? result.left._tag : "Right")

describe("an agent's offer from a waiting list", () => {
  it("books the first in line at once when the activity books at once, and says nobody was passed over", () => {
    const ledger = ledgerOf(2, [booked("ana")], [waiting("bob"), waiting("chloe")])
    expect(waitlistStandings(ledger, activityWith()).map((s) => [s.position, s.placeFree, s.passedOver])).toEqual([[1, true, 0], [2, true, 1]])
    const decision = Either.getOrThrow(decideWaitlistOffer(ledger, activityWith(), { reservationId: id("bob") }, NOW))
    expect(decision.outcome._tag).toBe("Booked")
    expect(decision.ledger.reservations.map((r) => [r.childId, r.via])).toEqual([["ana", "request"], ["bob", "waitlist"]])
    expect(decision.ledger.waitlist.map((e) => e.childId)).toEqual(["chloe"])
    expect(decision.events).toEqual([{ _tag: "ReservationBooked", reservationId: "res-bob", sessionId: "alsh:2026-04-08", childId: "bob", via: "waitlist" }])
  })

  it("holds the place for the family as long as the activity sets, never beyond the session's start", () => {
    const ledger = ledgerOf(2, [booked("ana")], [waiting("bob")])
    const offered = Either.getOrThrow(decideWaitlistOffer(ledger, activityWith({ _tag: "Offer", validHours: 48 }), { reservationId: id("bob") }, NOW))
    expect(offered.outcome).toEqual({ _tag: "Offered", reservationId: "res-bob", expiresAt: "2026-04-03T08:00:00.000Z" })
    expect(offered.ledger.waitlist[0]?.offer?.expiresAt).toBe("2026-04-03T08:00:00.000Z")
    const late = Either.getOrThrow(decideWaitlistOffer(ledger, activityWith({ _tag: "Offer", validHours: 48 }), { reservationId: id("bob") }, Instant.unsafe("2026-04-07T08:00:00Z")))
    expect(late.outcome._tag === "Offered" && late.outcome.expiresAt).toBe(ParisTime.toInstant(LocalDate.unsafe("2026-04-08"), ParisTime.timeOfDay("08:30")))
  })

  it("asks for a reason to pass over earlier children a free place would suit", () => {
    const ledger = ledgerOf(3, [booked("ana")], [waiting("bob"), waiting("chloe")])
    const refused = decideWaitlistOffer(ledger, activityWith(), { reservationId: id("chloe"), reason: "  " }, NOW)
    expect(Either.isLeft(refused) && refused.left.message).toContain("Un enfant attend avant celui-ci")
    const given = decideWaitlistOffer(ledger, activityWith(), { reservationId: id("chloe"), reason: "Fratrie déjà inscrite cette semaine." }, NOW)
    expect(tagOf(given)).toBe("Right")
  })

  it("refuses when the session or the child's age group is full, when an offer is pending, when the entry is gone, and once the session has started", () => {
    const full = ledgerOf(1, [booked("ana")], [waiting("bob")])
    expect(tagOf(decideWaitlistOffer(full, activityWith(), { reservationId: id("bob") }, NOW))).toBe("NoPlaceForWaitlistEntry")
    const groups = activityWith({ _tag: "BookAtOnce" }, [new AgeGroupCapacity({ label: "Moins de 6 ans", minAge: 3, maxAge: 5, capacity: 1 })])
    const groupFull = decideWaitlistOffer(ledgerOf(3, [booked("ana", "Moins de 6 ans")], [waiting("bob", { ageGroup: "Moins de 6 ans" })]), groups, { reservationId: id("bob") }, NOW)
    expect(Either.isLeft(groupFull) && groupFull.left.message).toContain("le groupe « Moins de 6 ans » est complet")
    const pending = ledgerOf(2, [booked("ana")], [waiting("bob", { offer: true })])
    expect(tagOf(decideWaitlistOffer(pending, activityWith(), { reservationId: id("bob") }, NOW))).toBe("WaitlistOfferPending")
    expect(tagOf(decideWaitlistOffer(pending, activityWith(), { reservationId: id("zoe") }, NOW))).toBe("WaitlistEntryNotFound")
    const started = decideWaitlistOffer(ledgerOf(2, [], [waiting("bob")]), activityWith(), { reservationId: id("bob") }, Instant.unsafe("2026-04-08T07:00:00Z"))
    expect(Either.isLeft(started) && started.left.message).toContain("a commencé")
  })

  test.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), fc.nat(5)])(
    "never holds more places than the session has",
    (capacity, bookedCount, offers, pick) => {
      const reservations = Array.from({ length: Math.min(bookedCount, capacity) }, (_, i) => booked(`r${i}`))
      let held = reservations.length
      const list = offers.map((offer, i) => {
        const holds = offer && held < capacity
        if (holds) held++
        return waiting(`w${i}`, { offer: holds })
      })
      const ledger = ledgerOf(capacity, reservations, list)
      const target = list[pick % list.length]
      if (target === undefined) return
      const decision = decideWaitlistOffer(ledger, activityWith({ _tag: "Offer", validHours: 24 }), { reservationId: target.reservationId, reason: "motif" }, NOW)
      if (Either.isRight(decision)) expect(occupancy(decision.right.ledger).total).toBeLessThanOrEqual(capacity)
      else expect(["NoPlaceForWaitlistEntry", "WaitlistOfferPending"]).toContain(decision.left._tag)
    }
  )
})

describe("an agent's move on a waiting list", () => {
  const ledger = ledgerOf(1, [booked("ana")], [waiting("bob"), waiting("chloe"), waiting("dan")])

  it("swaps the entry with its neighbour and records the move with its reason", () => {
    const moved = Either.getOrThrow(decideWaitlistMove(ledger, { reservationId: id("dan"), direction: "up", reason: " Erreur de saisie au guichet. " }, NOW))
    expect(moved.ledger.waitlist.map((e) => e.childId)).toEqual(["bob", "dan", "chloe"])
    expect(moved.outcome).toEqual({ from: 3, to: 2 })
    expect(moved.events).toEqual([{ _tag: "WaitlistMoved", reservationId: "res-dan", sessionId: "alsh:2026-04-08", childId: "dan", from: 3, to: 2, reason: "Erreur de saisie au guichet." }])
  })

  it("requires a reason, and refuses beyond the head or the end of the list", () => {
    const blank = decideWaitlistMove(ledger, { reservationId: id("chloe"), direction: "up", reason: "" }, NOW)
    expect(Either.isLeft(blank) && blank.left._tag === "InvalidInput" && blank.left.problems[0]?.path).toBe("reason")
    const head = decideWaitlistMove(ledger, { reservationId: id("bob"), direction: "up", reason: "motif" }, NOW)
    expect(Either.isLeft(head) && head.left.message).toContain("déjà en tête")
    const tail = decideWaitlistMove(ledger, { reservationId: id("dan"), direction: "down", reason: "motif" }, NOW)
    expect(Either.isLeft(tail) && tail.left.message).toContain("position 3 sur 3")
  })

  test.prop([fc.array(fc.tuple(fc.nat(2), fc.boolean()), { maxLength: 12 })])("keeps the same entries, each once", (moves) => {
    let current = ledger
    for (const [index, up] of moves) {
      const entry = current.waitlist[index]
      if (entry === undefined) continue
      const result = decideWaitlistMove(current, { reservationId: entry.reservationId, direction: up ? "up" : "down", reason: "motif" }, NOW)
      if (Either.isRight(result)) current = result.right.ledger
    }
    expect([...current.waitlist.map((e) => e.childId as string)].sort()).toEqual(["bob", "chloe", "dan"])
  })
})
