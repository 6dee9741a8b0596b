import { Schema } from "effect"
import type { Activity } from "../../activity/Activity.js"
import type { BookingWindow, Deadline, WindowPhase } from "../../activity/BookingPolicy.js"
import * as LocalDate from "../../shared/LocalDate.js"
import { DateText, dateText, InstantText, instantText } from "./DocumentText.js"
import { type GeneratedDocumentSettings, IssuerView, issuerView } from "./DocumentSettings.js"

/** A phase of a booking window as printed: who may book, from when. */
export const BookingPhaseView = Schema.Struct({
  audience: Schema.Literal("residents", "everyone"),
  audienceLabel: Schema.String,
  opensAt: InstantText,
  text: Schema.String
}).annotations({ identifier: "BookingPhaseView" })
export type BookingPhaseView = typeof BookingPhaseView.Type

/** One activity's booking window for a holiday period. */
export const BookingWindowView = Schema.Struct({
  activityName: Schema.String,
  phases: Schema.Array(BookingPhaseView),
  closesAt: InstantText,
  wholeWeekOnly: Schema.Boolean
}).annotations({ identifier: "BookingWindowView" })
export type BookingWindowView = typeof BookingWindowView.Type

/** A holiday period of the school year and the windows in which its sessions are booked. */
export const HolidayPeriodView = Schema.Struct({
  label: Schema.String,
  from: DateText,
  to: DateText,
  windows: Schema.Array(BookingWindowView)
}).annotations({ identifier: "HolidayPeriodView" })
export type HolidayPeriodView = typeof HolidayPeriodView.Type

/** The deadline of a school-day activity, as printed under the calendar. */
export const DeadlineView = Schema.Struct({
  activityName: Schema.String,
  text: Schema.String
}).annotations({ identifier: "DeadlineView" })
export type DeadlineView = typeof DeadlineView.Type

/** The data of the holiday booking calendar (calendrier de réservation) as its template prints it. */
export const HolidayBookingCalendarDocument = Schema.Struct({
  kind: Schema.Literal("holidayBookingCalendar"),
  title: Schema.String,
  fileName: Schema.String,
  issuer: IssuerView,
  schoolYear: Schema.String,
  periods: Schema.Array(HolidayPeriodView),
  deadlines: Schema.Array(DeadlineView),
  issuedOn: DateText
}).annotations({ identifier: "HolidayBookingCalendarDocument" })
export type HolidayBookingCalendarDocument = typeof HolidayBookingCalendarDocument.Type

/** What the calendar is drawn from: the school year and the town's activities. */
export interface HolidayBookingCalendarInput {
  /** e.g. "2025-2026". */
  readonly schoolYear: string
  readonly activities: ReadonlyArray<Activity>
  readonly issuedOn: LocalDate.LocalDate
  readonly settings: GeneratedDocumentSettings
}

function phaseView(phase: WindowPhase, townName: string): BookingPhaseView {
  const opensAt = instantText(phase.opensAt)
  const audienceLabel = phase.audience === "residents" ? `Familles habitant ${townName}` : "Toutes les familles"
  return { audience: phase.audience, audienceLabel, opensAt, text: `${audienceLabel} : à partir du ${opensAt.text}` }
}

/** A deadline in French, e.g. "jusqu'à 2 jours avant la séance, à 18:00". */
export function describeDeadline(deadline: Deadline): string {
  if (deadline.daysBefore === 0) return `jusqu'au jour de la séance, à ${deadline.at}`
  const s = deadline.daysBefore > 1 ? "s" : ""
  const unit = deadline.counting === "working" ? `jour${s} ouvré${s}` : `jour${s}`
  return `jusqu'à ${deadline.daysBefore} ${unit} avant la séance, à ${deadline.at}`
}

function deadlineText(activity: Activity): string {
  const booking = describeDeadline(activity.bookingPolicy.bookingDeadline)
  const cancellation = describeDeadline(activity.bookingPolicy.cancellationDeadline)
  return booking === cancellation
    ? `Réservation et annulation ${booking}.`
    : `Réservation ${booking} ; annulation ${cancellation}.`
}

/**
 * The data of the holiday booking calendar of a school year: per holiday period (in date order),
 * each activity's window with its phases (residents from…, everyone from…) and its closing date,
 * from the activities' booking policies; then the deadlines of the other activities.
 */
export function holidayBookingCalendarDocument(input: HolidayBookingCalendarInput): HolidayBookingCalendarDocument {
  const { start, end } = LocalDate.schoolYearBounds(input.schoolYear)
  const townName = input.settings.town.townName
  const periods = new Map<string, { label: string; from: LocalDate.LocalDate; to: LocalDate.LocalDate; windows: Array<BookingWindowView> }>()
  const windows: Array<{ activity: Activity; window: BookingWindow }> = input.activities.flatMap((activity) =>
    activity.bookingPolicy.windows.filter((w) => w.periodStart >= start && w.periodStart <= end).map((window) => ({ activity, window }))
  )
  windows.sort((a, b) => LocalDate.compare(a.window.periodStart, b.window.periodStart) || LocalDate.compare(a.window.periodEnd, b.window.periodEnd))
  for (const { activity, window } of windows) {
    const key = `${window.periodStart}/${window.periodEnd}`
    const period = periods.get(key) ?? { label: window.label, from: window.periodStart, to: window.periodEnd, windows: [] }
    period.windows.push({
      activityName: activity.name,
      phases: [...window.phases].sort((a, b) => (a.opensAt < b.opensAt ? -1 : a.opensAt > b.opensAt ? 1 : 0)).map((p) => phaseView(p, townName)),
      closesAt: instantText(window.closesAt),
      wholeWeekOnly: activity.bookingPolicy.wholeWeekOnly
    })
    periods.set(key, period)
  }
  return {
    kind: "holidayBookingCalendar",
    title: `Calendrier des réservations des vacances ${input.schoolYear}`,
    fileName: `calendrier-reservations-${input.schoolYear}`,
    issuer: issuerView(input.settings),
    schoolYear: input.schoolYear,
    periods: [...periods.values()].map((p) => ({ label: p.label, from: dateText(p.from), to: dateText(p.to), windows: p.windows })),
    deadlines: input.activities
      .filter((a) => a.bookingPolicy.windows.length === 0)
      .map((a) => ({ activityName: a.name, text: deadlineText(a) })),
    issuedOn: dateText(input.issuedOn)
  }
}
