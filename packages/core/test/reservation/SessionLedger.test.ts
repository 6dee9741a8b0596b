import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Activity, AgeGroupCapacity, Eligibility } from "../../src/activity/Activity.js"
import { BookingPolicy, Deadline, type WaitlistMode } from "../../src/activity/BookingPolicy.js"
import { Session } from "../../src/activity/Session.js"
import { TownCalendar } from "../../src/calendar/TownCalendar.js"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, HouseholdId, MemberId, ReservationId, SessionId, TariffGridId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import * as ParisTime from "../../src/shared/ParisTime.js"
import { deadlineInstant } from "../../src/reservation/BookingDeadlines.js"
import { type BookingContext, ChildForBooking } from "../../src/reservation/BookingRules.js"
import {
  activeReservationOf,
  decideBooking,
  decideCancellation,
  decideOfferAcceptance,
  decideOfferDecline,
  decideOfferExpiry,
  emptyLedger,
  occupancy,
  type SessionLedger
} from "../../src/reservation/SessionLedger.js"

const calendar = new TownCalendar({ zone: "B", alsaceMoselle: false, schoolWeekdays: [1, 2, 4, 5], knownSchoolYears: [], schoolHolidays: [], closures: [] })

function activityWith(options: { waitlist?: WaitlistMode; ageGroups?: ReadonlyArray<AgeGroupCapacity>; capacity?: number; daysBefore?: number; at?: string }) {
  const deadline = new Deadline({ daysBefore: options.daysBefore ?? 2, counting: "calendar", at: ParisTime.timeOfDay(options.at ?? "11:45") })
  return new Activity({
    id: ActivityId.make("cantine"),
    kind: "canteen",
    name: "Restauration scolaire",
    enrollmentFamily: "restauration",
    eligibility: new Eligibility({}),
    capacity: options.capacity ?? 2,
    ageGroups: [...(options.ageGroups ?? [])],
    slots: [],
    tariffGridId: TariffGridId.make("grille-cantine"),
    bookingPolicy: new BookingPolicy({
      bookingDeadline: deadline,
      cancellationDeadline: deadline,
      windows: [],
      wholeWeekOnly: false,
      waitlist: options.waitlist ?? { _tag: "BookAtOnce" }
    })
  })
}

const sessionOn = (date: string, capacity: number) =>
  new Session({ id: SessionId.make(`cantine:${date}`), activityId: ActivityId.make("cantine"), date: LocalDate.unsafe(date), startsAt: ParisTime.timeOfDay("11:45"), capacity })

const child = (name: string, birthDate = "2018-05-01") =>
  new ChildForBooking({ childId: MemberId.make(name), householdId: HouseholdId.make(`hh-${name}`), birthDate: LocalDate.unsafe(birthDate), resident: true })

const contextFor = (activity: Activity): BookingContext => ({ activity, calendar, enrolled: true, pastDueUnpaid: Cents.zero })

const BASE = Instant.unsafe("2026-01-05T08:00:00Z")
const at = (hour: number) => Instant.plusHours(BASE, hour)

interface Model {
  readonly capacity: number
  readonly mode: WaitlistMode
  booked: Array<string>
  queue: Array<{ child: string; offeredUntil?: number }>
  hour: number
}
interface Real {
  readonly activity: Activity
  ledger: SessionLedger
  hour: number
  requests: number
}

function promote(model: Model): void {
  for (const entry of [...model.queue]) {
    if (entry.offeredUntil !== undefined) continue
    const taken = model.booked.length + model.queue.filter((e) => e.offeredUntil !== undefined).length
    if (taken >= model.capacity) break
    if (model.mode._tag === "BookAtOnce") {
      model.queue.splice(model.queue.indexOf(entry), 1)
      model.booked.push(entry.child)
    } else entry.offeredUntil = model.hour + model.mode.validHours
  }
}

function checkAgainstModel(model: Model, real: Real): void {
  expect(occupancy(real.ledger).total).toBeLessThanOrEqual(model.capacity)
  expect(real.ledger.reservations.filter((r) => r.isActive).map((r) => r.childId)).toEqual(model.booked)
  expect(real.ledger.waitlist.map((e) => e.childId)).toEqual(model.queue.map((e) => e.child))
  expect(real.ledger.waitlist.map((e) => e.offer !== undefined)).toEqual(model.queue.map((e) => e.offeredUntil !== undefined))
}

type Cmd = fc.Command<Model, Real>
const hh = (name: string) => HouseholdId.make(`hh-${name}`)
const waitingId = (real: Real, name: string) =>
  real.ledger.waitlist.find((e) => e.childId === name)?.reservationId ?? ReservationId.make(`none-${name}`)
const apply = <A>(real: Real, decision: Either.Either<{ readonly ledger: SessionLedger; readonly outcome: A }, unknown>) => {
  if (Either.isRight(decision)) real.ledger = decision.right.ledger
}

const book = (name: string): Cmd => ({
  check: () => true,
  run: (model, real) => {
    const reservationId = ReservationId.make(`r${++real.requests}`)
    const decision = decideBooking(real.ledger, { reservationId, child: child(name) }, contextFor(real.activity), at(real.hour))
    if (model.booked.includes(name)) expect(Either.isLeft(decision) && decision.left._tag).toBe("AlreadyBooked")
    else if (model.queue.some((e) => e.child === name)) expect(Either.isLeft(decision) && decision.left._tag).toBe("AlreadyOnWaitlist")
    else if (model.booked.length + model.queue.filter((e) => e.offeredUntil !== undefined).length < model.capacity) {
      model.booked.push(name)
      expect(Either.isRight(decision) && decision.right.outcome._tag).toBe("Booked")
    } else {
      model.queue.push({ child: name })
      expect(Either.isRight(decision) && decision.right.outcome).toMatchObject({ _tag: "Waitlisted", position: model.queue.length })
    }
    apply(real, decision)
    checkAgainstModel(model, real)
  },
  toString: () => `book(${name})`
})

const cancel = (name: string): Cmd => ({
  check: () => true,
  run: (model, real) => {
    const decision = decideCancellation(real.ledger, { childId: MemberId.make(name), householdId: hh(name) }, { activity: real.activity, calendar }, at(real.hour))
    const inQueue = model.queue.findIndex((e) => e.child === name)
    if (model.booked.includes(name)) {
      model.booked.splice(model.booked.indexOf(name), 1)
      expect(Either.isRight(decision) && decision.right.outcome._tag).toBe("Cancelled")
    } else if (inQueue >= 0) {
      model.queue.splice(inQueue, 1)
      expect(Either.isRight(decision) && decision.right.outcome._tag).toBe("LeftWaitlist")
    } else expect(Either.isLeft(decision) && decision.left._tag).toBe("NothingToCancel")
    promote(model)
    apply(real, decision)
    checkAgainstModel(model, real)
  },
  toString: () => `cancel(${name})`
})

const accept = (name: string): Cmd => ({
  check: () => true,
  run: (model, real) => {
    const decision = decideOfferAcceptance(real.ledger, { reservationId: waitingId(real, name), householdId: hh(name) }, at(real.hour))
    const entry = model.queue.find((e) => e.child === name)
    if (entry?.offeredUntil === undefined) expect(Either.isLeft(decision) && decision.left._tag).toBe("NoPendingOffer")
    else if (model.hour >= entry.offeredUntil) expect(Either.isLeft(decision) && decision.left._tag).toBe("WaitlistOfferExpired")
    else {
      model.queue.splice(model.queue.indexOf(entry), 1)
      model.booked.push(name)
      expect(Either.isRight(decision)).toBe(true)
    }
    apply(real, decision)
    checkAgainstModel(model, real)
  },
  toString: () => `accept(${name})`
})

const decline = (name: string): Cmd => ({
  check: () => true,
  run: (model, real) => {
    const decision = decideOfferDecline(real.ledger, { reservationId: waitingId(real, name), householdId: hh(name) }, real.activity, at(real.hour))
    const entry = model.queue.find((e) => e.child === name)
    if (entry?.offeredUntil === undefined) expect(Either.isLeft(decision) && decision.left._tag).toBe("NoPendingOffer")
    else {
      model.queue.splice(model.queue.indexOf(entry), 1)
      promote(model)
      expect(Either.isRight(decision)).toBe(true)
    }
    apply(real, decision)
    checkAgainstModel(model, real)
  },
  toString: () => `decline(${name})`
})

const expire: Cmd = {
  check: () => true,
  run: (model, real) => {
    model.queue = model.queue.filter((e) => e.offeredUntil === undefined || model.hour < e.offeredUntil)
    promote(model)
    real.ledger = decideOfferExpiry(real.ledger, real.activity, at(real.hour)).ledger
    checkAgainstModel(model, real)
  },
  toString: () => "expire"
}

const tick = (hours: number): Cmd => ({
  check: () => true,
  run: (model, real) => {
    model.hour += hours
    real.hour += hours
  },
  toString: () => `tick(${hours}h)`
})

const names = fc.constantFrom("ana", "bob", "chloe", "dan", "eve", "farid")
const ledgerCommands = fc.commands(
  [names.map(book), names.map(book), names.map(cancel), names.map(accept), names.map(decline), fc.constant(expire), fc.integer({ min: 1, max: 8 }).map(tick)],
  { maxCommands: 60, size: "max" }
)

const modes: fc.Arbitrary<WaitlistMode> = fc.oneof(
  fc.constant<WaitlistMode>({ _tag: "BookAtOnce" }),
  fc.integer({ min: 1, max: 12 }).map((validHours): WaitlistMode => ({ _tag: "Offer", validHours }))
)

describe("session ledger", () => {
  test.prop([modes, fc.integer({ min: 1, max: 4 }), ledgerCommands], { numRuns: 100 })(
    "capacity is never exceeded and the waiting list keeps its order under any book / cancel / accept / decline / expire sequence",
    (mode, capacity, commands) => {
      const activity = activityWith({ waitlist: mode, capacity, daysBefore: 0 })
      fc.modelRun(
        () => ({
          model: { capacity, mode, booked: [], queue: [], hour: 0 },
          real: { activity, ledger: emptyLedger(sessionOn("2027-06-15", capacity)), hour: 0, requests: 0 }
        }),
        commands
      )
    }
  )

  const groups = [
    new AgeGroupCapacity({ label: "moins de 6 ans", minAge: 0, maxAge: 5, capacity: 2 }),
    new AgeGroupCapacity({ label: "6 ans et plus", minAge: 6, maxAge: 17, capacity: 3 })
  ]
  const step = fc.record({
    cancel: fc.boolean(),
    child: fc.integer({ min: 0, max: 9 }),
    young: fc.boolean()
  })

  test.prop([fc.array(step, { maxLength: 50 }), fc.integer({ min: 1, max: 6 }), fc.boolean()])(
    "age-group capacities are never exceeded and no waiting child fits a free place",
    (steps, capacity, offers) => {
      const activity = activityWith({ capacity, ageGroups: groups, daysBefore: 0, waitlist: offers ? { _tag: "Offer", validHours: 24 } : { _tag: "BookAtOnce" } })
      let ledger = emptyLedger(sessionOn("2027-06-15", capacity))
      let n = 0
      for (const { cancel, child: index, young } of steps) {
        const name = `c${index}`
        const now = at(n++)
        const decided: Either.Either<{ readonly ledger: SessionLedger }, unknown> = cancel
          ? decideCancellation(ledger, { childId: MemberId.make(name), householdId: hh(name) }, { activity, calendar }, now)
          : decideBooking(ledger, { reservationId: ReservationId.make(`r${n}`), child: child(name, young ? "2023-01-01" : "2017-01-01") }, contextFor(activity), now)
        if (Either.isRight(decided)) ledger = decided.right.ledger
        const taken = occupancy(ledger)
        expect(taken.total).toBeLessThanOrEqual(capacity)
        for (const g of groups) expect(taken.byGroup.get(g.label) ?? 0).toBeLessThanOrEqual(g.capacity)
        for (const waiting of ledger.waitlist.filter((e) => e.offer === undefined)) {
          const group = groups.find((g) => g.label === waiting.ageGroup)
          const full = taken.total >= capacity || (group !== undefined && (taken.byGroup.get(group.label) ?? 0) >= group.capacity)
          expect(full).toBe(true)
        }
      }
    }
  )

  const sessionDates = fc
    .integer({ min: LocalDate.toEpochDay(LocalDate.unsafe("2026-01-05")), max: LocalDate.toEpochDay(LocalDate.unsafe("2027-12-31")) })
    .map(LocalDate.fromEpochDay)

  test.prop([sessionDates, fc.integer({ min: 0, max: 5 }), fc.integer({ min: -3000, max: 3000 })])(
    "a booking after its deadline is always refused, and one before is never refused for the deadline",
    (date, daysBefore, minutesFromDeadline) => {
      const activity = activityWith({ daysBefore, at: "18:00", capacity: 10 })
      const session = sessionOn(date, 10)
      const deadline = deadlineInstant(activity.bookingPolicy.bookingDeadline, session.date, calendar)
      const now = Instant.plusMinutes(deadline, minutesFromDeadline)
      const decision = decideBooking(emptyLedger(session), { reservationId: ReservationId.make("r1"), child: child("ana") }, contextFor(activity), now)
      if (minutesFromDeadline > 0) {
        expect(Either.isLeft(decision) && decision.left._tag).toBe("BookingDeadlinePassed")
      } else {
        expect(Either.isRight(decision)).toBe(true)
      }
    }
  )

  it("books until full, then waitlists in order, and books the first in line when a place frees up", () => {
    const activity = activityWith({ capacity: 2 })
    let ledger = emptyLedger(sessionOn("2026-03-05", 2))
    const now = Instant.unsafe("2026-03-01T09:00:00Z")
    const results = ["ana", "bob", "chloe", "dan"].map((name, i) => {
      const decision = decideBooking(ledger, { reservationId: ReservationId.make(`r${i}`), child: child(name) }, contextFor(activity), now)
      if (Either.isLeft(decision)) throw decision.left
      ledger = decision.right.ledger
      return decision.right.outcome
    })
    expect(results.map((r) => (r._tag === "Waitlisted" ? `attente ${r.position}` : "réservé"))).toEqual(["réservé", "réservé", "attente 1", "attente 2"])
    const cancelled = decideCancellation(ledger, { childId: MemberId.make("ana"), householdId: hh("ana") }, { activity, calendar }, now)
    if (Either.isLeft(cancelled)) throw cancelled.left
    expect(cancelled.right.outcome).toEqual({ _tag: "Cancelled", reservationId: "r0", late: false })
    expect(cancelled.right.events.map((e) => e._tag)).toEqual(["ReservationCancelled", "ReservationBooked"])
    expect(activeReservationOf(cancelled.right.ledger, MemberId.make("chloe"))?.via).toBe("waitlist")
    expect(cancelled.right.ledger.waitlist.map((e) => e.childId)).toEqual(["dan"])
  })

  it("marks a cancellation after the deadline as late, and still frees the place", () => {
    const activity = activityWith({ capacity: 1 })
    const booked = decideBooking(emptyLedger(sessionOn("2026-03-05", 1)), { reservationId: ReservationId.make("r1"), child: child("ana") }, contextFor(activity), Instant.unsafe("2026-03-01T09:00:00Z"))
    if (Either.isLeft(booked)) throw booked.left
    const late = decideCancellation(booked.right.ledger, { childId: MemberId.make("ana"), householdId: hh("ana") }, { activity, calendar }, Instant.unsafe("2026-03-03T10:46:00Z"))
    expect(Either.isRight(late) && late.right.outcome).toEqual({ _tag: "Cancelled", reservationId: "r1", late: true })
    const inTime = decideCancellation(booked.right.ledger, { childId: MemberId.make("ana"), householdId: hh("ana") }, { activity, calendar }, Instant.unsafe("2026-03-03T10:45:00Z"))
    expect(Either.isRight(inTime) && inTime.right.outcome).toEqual({ _tag: "Cancelled", reservationId: "r1", late: false })
  })

  it("offers a freed place for the set time, never beyond the session's start, and passes an expired offer on", () => {
    const activity = activityWith({ capacity: 1, waitlist: { _tag: "Offer", validHours: 24 } })
    let ledger = emptyLedger(sessionOn("2026-03-05", 1))
    const t0 = Instant.unsafe("2026-03-01T09:00:00Z")
    for (const [i, name] of ["ana", "bob", "chloe"].entries()) {
      const decision = decideBooking(ledger, { reservationId: ReservationId.make(`r${i}`), child: child(name) }, contextFor(activity), t0)
      if (Either.isLeft(decision)) throw decision.left
      ledger = decision.right.ledger
    }
    const cancelled = decideCancellation(ledger, { childId: MemberId.make("ana"), householdId: hh("ana") }, { activity, calendar }, t0)
    if (Either.isLeft(cancelled)) throw cancelled.left
    ledger = cancelled.right.ledger
    expect(ledger.waitlist[0]?.offer?.expiresAt).toBe("2026-03-02T09:00:00.000Z")
    const danWaits = decideBooking(ledger, { reservationId: ReservationId.make("r9"), child: child("dan") }, contextFor(activity), t0)
    expect(Either.isRight(danWaits) && danWaits.right.outcome).toMatchObject({ _tag: "Waitlisted", position: 3 })
    const expired = decideOfferExpiry(ledger, activity, Instant.unsafe("2026-03-04T12:00:00Z"))
    expect(expired.events.map((e) => e._tag)).toEqual(["OfferExpired", "PlaceOffered"])
    expect(expired.ledger.waitlist.map((e) => [e.childId, e.offer?.expiresAt])).toEqual([["chloe", "2026-03-05T10:45:00.000Z"]])
    const tooLate = decideOfferAcceptance(ledger, { reservationId: ReservationId.make("r1"), householdId: hh("bob") }, Instant.unsafe("2026-03-02T09:00:00Z"))
    expect(Either.isLeft(tooLate) && tooLate.left.message).toBe(
      "La place proposée le jeudi 5 mars 2026 était à confirmer avant le lundi 2 mars 2026 à 10:00 ; ce délai est passé et la place revient à la famille suivante. Vous pouvez refaire une demande : l'enfant rejoindra la liste d'attente."
    )
  })

  it("refuses a second booking of the same child and says where it stands", () => {
    const activity = activityWith({ capacity: 1 })
    const now = Instant.unsafe("2026-03-01T09:00:00Z")
    const first = decideBooking(emptyLedger(sessionOn("2026-03-05", 1)), { reservationId: ReservationId.make("r1"), child: child("ana") }, contextFor(activity), now)
    if (Either.isLeft(first)) throw first.left
    const again = decideBooking(first.right.ledger, { reservationId: ReservationId.make("r2"), child: child("ana") }, contextFor(activity), now)
    expect(Either.isLeft(again) && again.left.message).toContain("déjà inscrit le jeudi 5 mars 2026")
  })
})

