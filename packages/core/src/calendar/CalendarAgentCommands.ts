import { Effect, Schema } from "effect"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { validate } from "../shared/Validation.js"
import { importSchoolCalendarIcs } from "./SchoolCalendarIcs.js"
import { addSchoolYear, SchoolYearHolidays } from "./SchoolYearEntry.js"
import { SchoolHolidayPeriod, type TownCalendar } from "./TownCalendar.js"
import { TownCalendarSource } from "./TownCalendarSource.js"

/** What the town's calendar knew of a school year before an import. */
export type KnownBefore = "unknown" | "placeholder" | "confirmed"

/** One school year an ICS file would bring: its holidays, and what it replaces. */
export interface SchoolYearImportPreview {
  readonly schoolYear: string
  readonly periods: ReadonlyArray<SchoolHolidayPeriod>
  readonly knownBefore: KnownBefore
  /** The periods the calendar had for that year (replaced). */
  readonly replaced: ReadonlyArray<SchoolHolidayPeriod>
}

/** What importing a school-calendar ICS file would change, before it is applied. */
export interface SchoolCalendarImportPreview {
  readonly zone: TownCalendar["zone"]
  readonly years: ReadonlyArray<SchoolYearImportPreview>
  /** School years of the file left out because they are incomplete (the file's first or last). */
  readonly skipped: ReadonlyArray<string>
}

const knownBefore = (calendar: TownCalendar, schoolYear: string): KnownBefore => {
  const known = calendar.knownSchoolYears.find((k) => k.schoolYear === schoolYear)
  return known === undefined ? "unknown" : known.placeholder ? "placeholder" : "confirmed"
}

/**
 * The dry run of an ICS import: reads the ministry's school-calendar file for the town's zone
 * (`importSchoolCalendarIcs`) and says, per complete school year, which holidays it brings and
 * what the calendar knew of that year; nothing is saved. Refused when the file is unreadable, of
 * another zone, or contradicts the calendar.
 */
export const previewSchoolCalendarImport = (text: string) =>
  Effect.gen(function* () {
    const calendar = yield* (yield* TownCalendarSource).get
    const imported = yield* importSchoolCalendarIcs(calendar, text)
    const years = imported.imported.map((schoolYear) => ({
      schoolYear,
      periods: imported.calendar.schoolHolidays.filter((p) => p.schoolYear === schoolYear),
      knownBefore: knownBefore(calendar, schoolYear),
      replaced: calendar.schoolHolidays.filter((p) => p.schoolYear === schoolYear)
    }))
    return { zone: calendar.zone, years, skipped: imported.skipped } satisfies SchoolCalendarImportPreview
  })

const validateYears = validate(
  Schema.Array(SchoolYearHolidays).annotations({ message: () => "Les vacances à importer sont illisibles : importez à nouveau le fichier ICS." }),
  "L'import du calendrier scolaire"
)

/** The school years a dry run showed, to apply (as the page sent them back). */
export interface SchoolCalendarImportInput {
  readonly years: unknown
}

const yearsJson = (calendar: TownCalendar, years: ReadonlyArray<string>) =>
  years.map((schoolYear) => ({
    schoolYear,
    knownBefore: knownBefore(calendar, schoolYear),
    periods: calendar.schoolHolidays.filter((p) => p.schoolYear === schoolYear).map((p) => toAuditJson(SchoolHolidayPeriod, p))
  }))

/**
 * An agent applies the school years a dry run of an ICS import showed (`activities.manage`,
 * audited `calendar.import` with the years before and after): each replaces what the calendar
 * knew of it, as confirmed official data (`addSchoolYear`), checked again (no overlap, each period
 * in its year).
 */
export const applySchoolCalendarImport = auditedAgentCommand({
  action: "calendar.import",
  permission: "activities.manage",
  target: () => ({ kind: "calendar", id: "calendrier-scolaire" }),
  run: (_agent, input: SchoolCalendarImportInput) =>
    Effect.gen(function* () {
      const years = yield* validateYears(input.years)
      const source = yield* TownCalendarSource
      const before = yield* source.get
      let after = before
      for (const year of years) after = yield* addSchoolYear(after, year.schoolYear, year.periods, { placeholder: false })
      yield* source.save(after)
      const names = years.map((y) => y.schoolYear)
      return { result: { calendar: after, schoolYears: names }, before: yearsJson(before, names), after: yearsJson(after, names) }
    })
})
