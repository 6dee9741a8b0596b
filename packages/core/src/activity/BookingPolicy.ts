import { Schema } from "effect"
import { LocalDate } from "../shared/LocalDate.js"
import { Instant } from "../shared/Instant.js"
import { TimeOfDay } from "../shared/ParisTime.js"

/**
 * "Until N days before the session at HH:MM", Paris time, counting calendar days or working days
 * (weekends and public holidays skipped). The seed's town: 2 calendar days at the session's hour,
 * written here as 2 days before at the time the session starts.
 */
export class Deadline extends Schema.Class<Deadline>("Deadline")({
  daysBefore: Schema.Int.pipe(Schema.nonNegative()),
  counting: Schema.Literal("calendar", "working"),
  at: TimeOfDay
}) {}

/** A phase of a holiday booking window: from `opensAt`, open to residents only or to everyone. */
export class WindowPhase extends Schema.Class<WindowPhase>("WindowPhase")({
  opensAt: Instant,
  audience: Schema.Literal("residents", "everyone")
}) {}

/** When holiday sessions from `periodStart` to `periodEnd` can be booked, in phases. */
export class BookingWindow extends Schema.Class<BookingWindow>("BookingWindow")({
  label: Schema.NonEmptyTrimmedString,
  periodStart: LocalDate,
  periodEnd: LocalDate,
  phases: Schema.NonEmptyArray(WindowPhase),
  closesAt: Instant
}) {}

/** What happens to the first in line when a place frees up. */
export const WaitlistMode = Schema.Union(
  Schema.TaggedStruct("BookAtOnce", {}),
  Schema.TaggedStruct("Offer", { validHours: Schema.Int.pipe(Schema.positive()) })
).annotations({ identifier: "WaitlistMode" })
export type WaitlistMode = typeof WaitlistMode.Type

/** How an activity is booked and cancelled: each field a town setting. */
export class BookingPolicy extends Schema.Class<BookingPolicy>("BookingPolicy")({
  bookingDeadline: Deadline,
  cancellationDeadline: Deadline,
  /** Holiday activities: the booking calendar; empty for school-day activities. */
  windows: Schema.Array(BookingWindow),
  wholeWeekOnly: Schema.Boolean,
  waitlist: WaitlistMode,
  /** Refuse bookings of a household whose unpaid invoices past due exceed this amount (cents). */
  unpaidBlockThresholdCents: Schema.optional(Schema.Int.pipe(Schema.nonNegative()))
}) {}
