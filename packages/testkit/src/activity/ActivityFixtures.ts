import {
  Activity,
  ActivityId,
  type ActivityKind,
  type ActivitySchedule,
  AgeGroupCapacity,
  BookingPolicy,
  Deadline,
  Eligibility,
  ParisTime,
  Slot,
  TariffGridId
} from "@spe/core"
import { fc } from "@fast-check/vitest"

/** The seed town's policy for school-day activities: booking and cancelling until 2 days before at 18:00. */
export const twoDaysBeforePolicy = new BookingPolicy({
  bookingDeadline: new Deadline({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("18:00") }),
  cancellationDeadline: new Deadline({ daysBefore: 2, counting: "calendar", at: ParisTime.timeOfDay("18:00") }),
  windows: [],
  wholeWeekOnly: false,
  waitlist: { _tag: "BookAtOnce" }
})

/** An activity of a kind (default canteen), every field overridable. */
export function anActivity(
  overrides: Partial<{
    id: string
    kind: ActivityKind
    name: string
    capacity: number
    slots: ReadonlyArray<Slot>
    ageGroups: ReadonlyArray<AgeGroupCapacity>
    schedule: ActivitySchedule
    startsAt: string
    bookingPolicy: BookingPolicy
  }> = {}
): Activity {
  const kind = overrides.kind ?? "canteen"
  return new Activity({
    id: ActivityId.make(overrides.id ?? `act-${kind.replace(":", "-")}`),
    kind,
    name: overrides.name ?? `Activité ${kind}`,
    enrollmentFamily: kind === "holiday" ? "extrascolaire" : kind === "canteen" ? "restauration" : "periscolaire",
    eligibility: new Eligibility({}),
    capacity: overrides.capacity ?? 40,
    ageGroups: [...(overrides.ageGroups ?? [])],
    slots: [...(overrides.slots ?? [])],
    tariffGridId: TariffGridId.make(`grid-${kind.replace(":", "-")}`),
    bookingPolicy: overrides.bookingPolicy ?? twoDaysBeforePolicy,
    ...(overrides.schedule === undefined ? {} : { schedule: overrides.schedule }),
    ...(overrides.startsAt === undefined ? {} : { startsAt: ParisTime.timeOfDay(overrides.startsAt) })
  })
}

const slotArbitrary = fc.constantFrom(
  new Slot({ code: "matin", label: "Matin" }),
  new Slot({ code: "apres-midi", label: "Après-midi", capacity: 12 }),
  new Slot({ code: "journee", label: "Journée", startsAt: ParisTime.timeOfDay("09:00") })
)

/** Any activity: built-in kinds or a town's own (with a schedule), 0–3 slots, any capacity. */
export const activityArbitrary: fc.Arbitrary<Activity> = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/),
    kind: fc.constantFrom<ActivityKind>("morning", "evening", "canteen", "wednesday", "holiday", "custom:stage"),
    schedule: fc.constantFrom<ActivitySchedule>("school-days", "wednesdays", "holiday-weekdays", "every-weekday"),
    capacity: fc.integer({ min: 1, max: 200 }),
    slots: fc.uniqueArray(slotArbitrary, { maxLength: 3, selector: (s) => s.code })
  })
  .map(({ id, kind, schedule, capacity, slots }) =>
    anActivity({ id, kind, capacity, slots, ...(kind.startsWith("custom:") ? { schedule } : {}) })
  )
