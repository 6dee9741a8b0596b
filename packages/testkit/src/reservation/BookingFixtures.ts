import {
  Activity,
  ActivityId,
  BookingPolicy,
  BookingWindow,
  ChildForBooking,
  Deadline,
  Eligibility,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  ParisTime,
  Reservation,
  type ReservationAbsence,
  ReservationId,
  Session,
  SessionId,
  TariffGridId,
  TownCalendar,
  type WaitlistMode,
  WindowPhase
} from "@spe/core"
import { fc } from "@fast-check/vitest"

/** Zone B, Monday, Tuesday, Thursday, Friday at school, no holidays entered: enough for deadlines. */
export const plainTownCalendar = new TownCalendar({
  zone: "B",
  alsaceMoselle: false,
  schoolWeekdays: [1, 2, 4, 5],
  knownSchoolYears: [],
  schoolHolidays: [],
  closures: []
})

/** The seed's canteen: booking and cancelling until 2 calendar days before at 11:45, 2 places unless set. */
export function aCanteen(options: { id?: string; capacity?: number; waitlist?: WaitlistMode; unpaidBlockThresholdCents?: number } = {}): Activity {
  const deadline = new Deadline({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("11:45") })
  return new Activity({
    id: ActivityId.make(options.id ?? "cantine"),
    kind: "canteen",
    name: "Restauration scolaire",
    enrollmentFamily: "restauration",
    eligibility: new Eligibility({}),
    capacity: options.capacity ?? 2,
    ageGroups: [],
    slots: [],
    tariffGridId: TariffGridId.make("grille-cantine"),
    bookingPolicy: new BookingPolicy({
      bookingDeadline: deadline,
      cancellationDeadline: deadline,
      windows: [],
      wholeWeekOnly: false,
      waitlist: options.waitlist ?? { _tag: "BookAtOnce" },
      ...(options.unpaidBlockThresholdCents === undefined ? {} : { unpaidBlockThresholdCents: options.unpaidBlockThresholdCents })
    })
  })
}

/** A holiday centre booked by whole weeks, spring 2026: residents from 2 March 08:00, everyone from 9 March, closed 27 March 18:00. */
export function aHolidayCentre(options: { id?: string; capacity?: number } = {}): Activity {
  const deadline = new Deadline({ daysBefore: 3, counting: "working", at: ParisTime.timeOfDay("12:00") })
  return new Activity({
    id: ActivityId.make(options.id ?? "alsh"),
    kind: "holiday",
    name: "Accueil de loisirs",
    enrollmentFamily: "extrascolaire",
    eligibility: new Eligibility({ minAge: 3, maxAge: 11 }),
    capacity: options.capacity ?? 24,
    ageGroups: [],
    slots: [],
    tariffGridId: TariffGridId.make("grille-alsh"),
    bookingPolicy: new BookingPolicy({
      bookingDeadline: deadline,
      cancellationDeadline: deadline,
      windows: [
        new BookingWindow({
          label: "Vacances de printemps 2026",
          periodStart: LocalDate.unsafe("2026-04-04"),
          periodEnd: LocalDate.unsafe("2026-04-19"),
          phases: [
            new WindowPhase({ opensAt: Instant.unsafe("2026-03-02T07:00:00Z"), audience: "residents" }),
            new WindowPhase({ opensAt: Instant.unsafe("2026-03-09T07:00:00Z"), audience: "everyone" })
          ],
          closesAt: Instant.unsafe("2026-03-27T17:00:00Z")
        })
      ],
      wholeWeekOnly: true,
      waitlist: { _tag: "BookAtOnce" }
    })
  })
}

/** A session of an activity on a date (id `${activityId}:${date}`), starting at 11:45 unless set. */
export function aSession(activity: Activity | string, date: string, options: { capacity?: number; startsAt?: string } = {}): Session {
  const activityId = typeof activity === "string" ? activity : activity.id
  return new Session({
    id: SessionId.make(`${activityId}:${date}`),
    activityId: ActivityId.make(activityId),
    date: LocalDate.unsafe(date),
    startsAt: ParisTime.timeOfDay(options.startsAt ?? "11:45"),
    capacity: options.capacity ?? (typeof activity === "string" ? 2 : activity.capacity)
  })
}

/** A child's reservation booked on a session on 20 February 2026 (id `res-<child>-<session>`), with an absence when given. */
export function aBookedReservation(session: Session, childId: MemberId, householdId: HouseholdId, absence?: ReservationAbsence): Reservation {
  return Reservation.make({
    id: ReservationId.make(`res-${childId}-${session.id}`),
    sessionId: session.id,
    childId,
    householdId,
    requestedAt: Instant.unsafe("2026-02-20T10:00:00Z"),
    bookedAt: Instant.unsafe("2026-02-20T10:00:00Z"),
    via: "request",
    ...(absence === undefined ? {} : { absence })
  })
}

/** A child for booking, of household `hh-<name>` unless set, born 10 June 2019, resident. */
export function aChild(name: string, options: { householdId?: string; birthDate?: string; resident?: boolean } = {}): ChildForBooking {
  return new ChildForBooking({
    childId: MemberId.make(name),
    householdId: HouseholdId.make(options.householdId ?? `hh-${name}`),
    birthDate: LocalDate.unsafe(options.birthDate ?? "2019-06-10"),
    resident: options.resident ?? true
  })
}

/** Any child for booking: 2 to 15 years old in 2026, resident or not. */
export const childForBookingArbitrary: fc.Arbitrary<ChildForBooking> = fc
  .record({
    name: fc.stringMatching(/^[a-z]{2,12}$/),
    birth: fc.integer({ min: LocalDate.toEpochDay(LocalDate.unsafe("2011-01-01")), max: LocalDate.toEpochDay(LocalDate.unsafe("2024-01-01")) }),
    resident: fc.boolean()
  })
  .map(({ name, birth, resident }) => aChild(name, { birthDate: LocalDate.fromEpochDay(birth), resident }))
