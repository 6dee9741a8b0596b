import { Schema } from "effect"
import { LocalDate } from "../shared/LocalDate.js"

/** The national school-holiday zones (Normandy is zone B). */
export const SchoolZone = Schema.Literal("A", "B", "C").annotations({ identifier: "SchoolZone" })
export type SchoolZone = typeof SchoolZone.Type

/**
 * One school-holiday period of a zone: `start` is the first day without school, `end` the last
 * (both included), e.g. Toussaint 2025 zone B: 2025-10-18 → 2025-11-02.
 */
export class SchoolHolidayPeriod extends Schema.Class<SchoolHolidayPeriod>("SchoolHolidayPeriod")({
  name: Schema.NonEmptyTrimmedString,
  schoolYear: Schema.String,
  start: LocalDate,
  end: LocalDate
}) {}

/** A day the town closes its services (a bridge day, a strike, works). */
export class Closure extends Schema.Class<Closure>("Closure")({
  date: LocalDate,
  reason: Schema.String,
  activityKinds: Schema.optional(Schema.Array(Schema.String))
}) {}

/**
 * Everything the rules need to know about a town's calendar: its zone, the school-holiday periods
 * of that zone, the school years those periods are known for (official data or entered by the
 * town; `placeholder` years are the town's estimate, flagged as such), its own closures, the
 * weekdays with school, and whether the Alsace-Moselle public holidays apply.
 */
export class TownCalendar extends Schema.Class<TownCalendar>("TownCalendar")({
  zone: SchoolZone,
  alsaceMoselle: Schema.Boolean,
  /** ISO weekdays with school (most towns: Monday, Tuesday, Thursday, Friday). */
  schoolWeekdays: Schema.Array(Schema.Literal(1, 2, 3, 4, 5, 6)),
  knownSchoolYears: Schema.Array(Schema.Struct({ schoolYear: Schema.String, placeholder: Schema.Boolean })),
  schoolHolidays: Schema.Array(SchoolHolidayPeriod),
  closures: Schema.Array(Closure)
}) {}
