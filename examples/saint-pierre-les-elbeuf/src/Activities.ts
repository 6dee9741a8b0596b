/**
 * The four services of the guide as activities: accueils du matin et du soir, accueil du
 * mercredi, restauration scolaire, activités des vacances scolaires (accueil de loisirs). The
 * guide's rule "les réservations doivent être faites 48h avant" for Wednesdays and the canteen is
 * read as 2 calendar days before, at the time the session starts; holidays are booked "selon le
 * calendrier établi": one booking window per holiday period, residents first, everyone a week later.
 */
import {
  Activity,
  ActivityId,
  AgeGroupCapacity,
  BookingPolicy,
  BookingWindow,
  Deadline,
  Eligibility,
  type Instant,
  LocalDate,
  ParisTime,
  SchoolLevel,
  Slot,
  TariffGridId,
  WindowPhase
} from "@spe/core"
import { placeholderPeriods } from "./Calendar.js"

const t = ParisTime.timeOfDay

/** The families of activities a yearly enrollment (dossier unique) covers. */
export const enrollmentFamilies = {
  /** Accueils du matin, du soir et du mercredi. */
  periscolaire: "periscolaire",
  /** Restauration scolaire. */
  restauration: "restauration",
  /** Activités des vacances scolaires. */
  extrascolaire: "extrascolaire"
} as const
export type EnrollmentFamily = (typeof enrollmentFamilies)[keyof typeof enrollmentFamilies]

/** The identifiers of the town's activities. */
export const activityIds = {
  morning: ActivityId.make("accueil-matin"),
  evening: ActivityId.make("accueil-soir"),
  wednesday: ActivityId.make("accueil-mercredi"),
  canteen: ActivityId.make("restauration-scolaire"),
  holiday: ActivityId.make("accueil-loisirs-vacances")
} as const
export type ActivityKey = keyof typeof activityIds

/** The tariff grid of each activity for a school year (`grille-<activity>-<first year>`). */
export const tariffGridIdFor = (activity: ActivityKey, schoolYear: string): TariffGridId =>
  TariffGridId.make(`grille-${activityIds[activity]}-${schoolYear.slice(0, 4)}`)

/** The year the activities' default grids are those of. */
export const currentSchoolYear = "2026-2027"

/** Maternelle and élémentaire, the levels the town's school-day services take. */
const primaryLevels: ReadonlyArray<SchoolLevel.SchoolLevel> = SchoolLevel.schoolLevels.slice(0, 8)

/** Booking or cancelling a Wednesday or a meal: 2 calendar days before, at the time the session starts. */
export const fortyEightHoursBefore = (startsAt: string): Deadline =>
  Deadline.make({ daysBefore: 2, counting: "calendar", at: t(startsAt) })

/** Morning and evening care: until the working day before, at 18:00. */
export const dayBeforeAt18 = Deadline.make({ daysBefore: 1, counting: "working", at: t("18:00") })

/** Holidays: cancelled free of charge until 7 days before, at noon. */
export const weekBeforeAtNoon = Deadline.make({ daysBefore: 7, counting: "calendar", at: t("12:00") })

/** Households whose invoices past due exceed 50 € cannot book Wednesdays or holidays until they pay. */
export const unpaidBlockThresholdCents = 5000

/**
 * The booking window of a holiday period: residents from the Monday 33 days before the first day
 * of holidays at 08:30, every family a week later, closed on the Friday 8 days before at 18:00
 * (Paris time). The label says when the dates are an estimate.
 */
export function holidayBookingWindow(period: {
  readonly shortName: string
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
  readonly estimated: boolean
}): BookingWindow {
  const residents = LocalDate.addDays(period.start, -33)
  const everyone = LocalDate.addDays(residents, 7)
  const closes = LocalDate.addDays(period.start, -8)
  const at = (date: LocalDate.LocalDate, time: string): Instant.Instant => ParisTime.toInstant(date, t(time))
  return BookingWindow.make({
    label: `${period.shortName} ${LocalDate.year(period.start)}${period.estimated ? " (dates à confirmer)" : ""}`,
    periodStart: period.start,
    periodEnd: period.end,
    phases: [
      WindowPhase.make({ opensAt: at(residents, "08:30"), audience: "residents" }),
      WindowPhase.make({ opensAt: at(everyone, "08:30"), audience: "everyone" })
    ],
    closesAt: at(closes, "18:00")
  })
}

/** The booking calendar ("calendrier de réservation") of the 2026-2027 holidays. */
export const holidayBookingWindows: ReadonlyArray<BookingWindow> = placeholderPeriods.map((p) =>
  holidayBookingWindow({ shortName: p.shortName, start: p.start, end: p.end, estimated: true })
)

/** Accueil du matin: school days from 07:30, 60 places, booked until the working day before at 18:00. */
export const morningCare: Activity = Activity.make({
  id: activityIds.morning,
  kind: "morning",
  name: "Accueil du matin",
  enrollmentFamily: enrollmentFamilies.periscolaire,
  eligibility: Eligibility.make({ schoolLevels: primaryLevels }),
  capacity: 60,
  ageGroups: [],
  slots: [],
  tariffGridId: tariffGridIdFor("morning", currentSchoolYear),
  startsAt: t("07:30"),
  bookingPolicy: BookingPolicy.make({
    bookingDeadline: dayBeforeAt18,
    cancellationDeadline: dayBeforeAt18,
    windows: [],
    wholeWeekOnly: false,
    waitlist: { _tag: "BookAtOnce" }
  })
})

/** Accueil du soir: school days from 16:30, 80 places, booked until the working day before at 18:00. */
export const eveningCare: Activity = Activity.make({
  id: activityIds.evening,
  kind: "evening",
  name: "Accueil du soir",
  enrollmentFamily: enrollmentFamilies.periscolaire,
  eligibility: Eligibility.make({ schoolLevels: primaryLevels }),
  capacity: 80,
  ageGroups: [],
  slots: [],
  tariffGridId: tariffGridIdFor("evening", currentSchoolYear),
  startsAt: t("16:30"),
  bookingPolicy: BookingPolicy.make({
    bookingDeadline: dayBeforeAt18,
    cancellationDeadline: dayBeforeAt18,
    windows: [],
    wholeWeekOnly: false,
    waitlist: { _tag: "BookAtOnce" }
  })
})

/**
 * Accueil du mercredi: Wednesdays in school periods, by the morning, the afternoon or the whole
 * day; 48 children at a time (whole day 32 places, morning 16, afternoon 16, so that mornings and
 * afternoons never exceed 48). Booked and cancelled until 48 hours before (Monday 08:30); a place
 * freed goes to the first in line as an offer valid 24 hours.
 */
export const wednesdayCare: Activity = Activity.make({
  id: activityIds.wednesday,
  kind: "wednesday",
  name: "Accueil du mercredi",
  enrollmentFamily: enrollmentFamilies.periscolaire,
  eligibility: Eligibility.make({ schoolLevels: primaryLevels }),
  capacity: 48,
  ageGroups: [],
  slots: [
    Slot.make({ code: "journee", label: "Journée (8h30 - 17h30)", capacity: 32, startsAt: t("08:30") }),
    Slot.make({ code: "matin", label: "Matin (8h30 - 12h)", capacity: 16, startsAt: t("08:30") }),
    Slot.make({ code: "apres-midi", label: "Après-midi (13h30 - 17h30)", capacity: 16, startsAt: t("13:30") })
  ],
  tariffGridId: tariffGridIdFor("wednesday", currentSchoolYear),
  startsAt: t("08:30"),
  bookingPolicy: BookingPolicy.make({
    bookingDeadline: fortyEightHoursBefore("08:30"),
    cancellationDeadline: fortyEightHoursBefore("08:30"),
    windows: [],
    wholeWeekOnly: false,
    waitlist: { _tag: "Offer", validHours: 24 },
    unpaidBlockThresholdCents
  })
})

/** Restauration scolaire: school days at 11:45, 220 meals, booked and cancelled until 48 hours before. */
export const canteen: Activity = Activity.make({
  id: activityIds.canteen,
  kind: "canteen",
  name: "Restauration scolaire",
  enrollmentFamily: enrollmentFamilies.restauration,
  eligibility: Eligibility.make({ schoolLevels: primaryLevels }),
  capacity: 220,
  ageGroups: [],
  slots: [],
  tariffGridId: tariffGridIdFor("canteen", currentSchoolYear),
  startsAt: t("11:45"),
  bookingPolicy: BookingPolicy.make({
    bookingDeadline: fortyEightHoursBefore("11:45"),
    cancellationDeadline: fortyEightHoursBefore("11:45"),
    windows: [],
    wholeWeekOnly: false,
    waitlist: { _tag: "BookAtOnce" }
  })
})

/**
 * Accueil de loisirs des vacances: weekdays of school holidays from 08:30, children of 3 to 12,
 * 40 places (under 6: 16, 6 and over: 24), booked by whole weeks within the booking calendar;
 * a freed place is offered to the first in line for 48 hours; cancelled free until 7 days before.
 */
export const holidayCentre: Activity = Activity.make({
  id: activityIds.holiday,
  kind: "holiday",
  name: "Accueil de loisirs des vacances",
  enrollmentFamily: enrollmentFamilies.extrascolaire,
  eligibility: Eligibility.make({ minAge: 3, maxAge: 12 }),
  capacity: 40,
  ageGroups: [
    AgeGroupCapacity.make({ label: "Moins de 6 ans", minAge: 3, maxAge: 5, capacity: 16 }),
    AgeGroupCapacity.make({ label: "6 ans et plus", minAge: 6, maxAge: 12, capacity: 24 })
  ],
  slots: [],
  tariffGridId: tariffGridIdFor("holiday", currentSchoolYear),
  startsAt: t("08:30"),
  bookingPolicy: BookingPolicy.make({
    bookingDeadline: weekBeforeAtNoon,
    cancellationDeadline: weekBeforeAtNoon,
    windows: holidayBookingWindows,
    wholeWeekOnly: true,
    waitlist: { _tag: "Offer", validHours: 48 },
    unpaidBlockThresholdCents
  })
})

/** The town's activities, in the order the guide lists its services. */
export const townActivities: ReadonlyArray<Activity> = [morningCare, eveningCare, wednesdayCare, holidayCentre, canteen]

/** The activity of a key. */
export const activityOf = (key: ActivityKey): Activity => {
  const found = townActivities.find((a) => a.id === activityIds[key])
  if (found === undefined) throw new Error(`No activity ${key}`)
  return found
}
