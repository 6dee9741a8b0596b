import { Schema } from "effect"
import { BookingPolicy } from "./BookingPolicy.js"
import { SchoolLevel } from "../household/SchoolLevel.js"
import { ActivityId, TariffGridId } from "../shared/Ids.js"
import { TimeOfDay } from "../shared/ParisTime.js"

/**
 * Kinds of activity: before/after-school care, Wednesdays, canteen, holidays; a town may add its
 * own (`custom:<name>`), scheduled like `holiday` or like a school-day service as it sets.
 */
export const ActivityKind = Schema.Union(
  Schema.Literal("morning", "evening", "wednesday", "canteen", "holiday"),
  Schema.TemplateLiteral(Schema.Literal("custom:"), Schema.String)
).annotations({ identifier: "ActivityKind" })
export type ActivityKind = typeof ActivityKind.Type

/** Who may attend: an age range on the session day, school levels, or both. */
export class Eligibility extends Schema.Class<Eligibility>("Eligibility")({
  minAge: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  maxAge: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  schoolLevels: Schema.optional(Schema.Array(SchoolLevel))
}) {}

/** A part of the day an activity runs in (Wednesday morning, afternoon, whole day). */
export class Slot extends Schema.Class<Slot>("Slot")({
  code: Schema.NonEmptyTrimmedString,
  label: Schema.NonEmptyTrimmedString,
  /** Capacity of this slot when it differs from the activity's. */
  capacity: Schema.optional(Schema.Int.pipe(Schema.positive())),
  /** When this slot starts, Paris time, when it differs from the activity's. */
  startsAt: Schema.optional(TimeOfDay)
}) {}

/** Capacity reserved to an age group inside a session (e.g. under 6: 24 places). */
export class AgeGroupCapacity extends Schema.Class<AgeGroupCapacity>("AgeGroupCapacity")({
  label: Schema.NonEmptyTrimmedString,
  minAge: Schema.Int.pipe(Schema.nonNegative()),
  maxAge: Schema.Int.pipe(Schema.nonNegative()),
  capacity: Schema.Int.pipe(Schema.positive())
}) {}

/**
 * On which days an activity's sessions are generated: school days; Wednesdays outside school
 * holidays; Monday–Friday of school holidays; every Monday–Friday. Required for `custom:` kinds;
 * built-in kinds default to theirs (morning/evening/canteen: school days, wednesday: Wednesdays,
 * holiday: holiday weekdays).
 */
export const ActivitySchedule = Schema.Literal("school-days", "wednesdays", "holiday-weekdays", "every-weekday").annotations({
  identifier: "ActivitySchedule"
})
export type ActivitySchedule = typeof ActivitySchedule.Type

/** A service the town offers (prestation). */
export class Activity extends Schema.Class<Activity>("Activity")({
  id: ActivityId,
  kind: ActivityKind,
  name: Schema.NonEmptyTrimmedString,
  /** The family of activities an enrollment covers (periscolaire, extrascolaire, restauration). */
  enrollmentFamily: Schema.NonEmptyTrimmedString,
  eligibility: Eligibility,
  capacity: Schema.Int.pipe(Schema.positive()),
  ageGroups: Schema.Array(AgeGroupCapacity),
  slots: Schema.Array(Slot),
  tariffGridId: TariffGridId,
  bookingPolicy: BookingPolicy,
  /** Days the sessions run on; defaults from the kind (see `ActivitySchedule`). */
  schedule: Schema.optional(ActivitySchedule),
  /** When sessions start, Paris time; defaults from the kind (see `defaultSessionStart`). */
  startsAt: Schema.optional(TimeOfDay)
}) {}
