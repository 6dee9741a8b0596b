import { Either, Schema } from "effect"
import * as LocalDate from "../shared/LocalDate.js"
import { SchoolHolidayPeriod, TownCalendar } from "./TownCalendar.js"
import { schoolYearOfHolidayPeriod } from "./SchoolHolidayCsv.js"

/** The holiday periods of one school year of a zone, as an import or a town's entry gives them. */
export class SchoolYearHolidays extends Schema.Class<SchoolYearHolidays>("SchoolYearHolidays")({
  schoolYear: Schema.String,
  periods: Schema.Array(SchoolHolidayPeriod)
}) {}

/** A school-holiday period as a town enters it: its name, first and last day without school. */
export interface SchoolHolidayPeriodInput {
  readonly name: string
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
}

/** The periods a town entered (or imported) for a school year were refused; `problems` says why. */
export class SchoolYearHolidaysRejected extends Schema.TaggedError<SchoolYearHolidaysRejected>()("SchoolYearHolidaysRejected", {
  schoolYear: Schema.String,
  problems: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return (
      `Les vacances scolaires saisies pour l'année ${this.schoolYear} n'ont pas été enregistrées : ` +
      `${this.problems.join(" ; ")}. Corrigez les périodes d'après le calendrier officiel de votre zone, puis enregistrez à nouveau.`
    )
  }
}

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/

/** Whether a string names a school year as `"2026-2027"` (two consecutive years). */
export function isSchoolYearName(name: string): boolean {
  const m = SCHOOL_YEAR.exec(name)
  return m !== null && Number(m[2]) === Number(m[1]) + 1
}

const period = (p: SchoolHolidayPeriodInput): string =>
  `« ${p.name} » (${LocalDate.formatFr(p.start)} – ${LocalDate.formatFr(p.end)})`

/**
 * Records the holiday periods of a school year in a town's calendar, replacing what it knew of
 * that year. `placeholder: true` marks the town's estimate (a demo, or the official calendar not
 * yet published); a placeholder never replaces a confirmed year. Each period must start in the
 * school year (see `schoolYearOfHolidayPeriod`), end on or after its start, and overlap no other
 * period of the calendar.
 */
export function addSchoolYear(
  calendar: TownCalendar,
  schoolYear: string,
  periods: ReadonlyArray<SchoolHolidayPeriodInput>,
  options: { readonly placeholder: boolean }
): Either.Either<TownCalendar, SchoolYearHolidaysRejected> {
  const problems: Array<string> = []
  if (!isSchoolYearName(schoolYear)) {
    problems.push("l'année scolaire doit s'écrire sous la forme AAAA-AAAA (par exemple 2026-2027)")
    return Either.left(new SchoolYearHolidaysRejected({ schoolYear, problems }))
  }
  const known = calendar.knownSchoolYears.find((k) => k.schoolYear === schoolYear)
  if (options.placeholder && known !== undefined && !known.placeholder) {
    problems.push("cette année a déjà un calendrier confirmé, une estimation ne peut pas le remplacer")
  }
  if (periods.length === 0) problems.push("aucune période n'est saisie")
  for (const p of periods) {
    if (p.name.trim() === "") problems.push(`une période du ${LocalDate.formatFr(p.start)} n'a pas de nom`)
    if (p.end < p.start) problems.push(`la période ${period(p)} finit avant de commencer`)
    if (schoolYearOfHolidayPeriod(p.start) !== schoolYear) {
      problems.push(`la période ${period(p)} ne commence pas pendant l'année scolaire ${schoolYear}`)
    }
  }
  const others = calendar.schoolHolidays.filter((p) => p.schoolYear !== schoolYear)
  const sorted = [...periods].sort((a, b) => LocalDate.compare(a.start, b.start))
  sorted.forEach((p, i) => {
    const next = sorted[i + 1]
    if (next !== undefined && next.start <= p.end) problems.push(`les périodes ${period(p)} et ${period(next)} se chevauchent`)
    const clash = others.find((o) => o.start <= p.end && p.start <= o.end)
    if (clash !== undefined) problems.push(`la période ${period(p)} chevauche ${period(clash)} de l'année ${clash.schoolYear}`)
  })
  if (problems.length > 0) return Either.left(new SchoolYearHolidaysRejected({ schoolYear, problems }))
  const added = sorted.map((p) => new SchoolHolidayPeriod({ name: p.name.trim(), schoolYear, start: p.start, end: p.end }))
  return Either.right(new TownCalendar({
    ...calendar,
    knownSchoolYears: [
      ...calendar.knownSchoolYears.filter((k) => k.schoolYear !== schoolYear),
      { schoolYear, placeholder: options.placeholder }
    ].sort((a, b) => a.schoolYear.localeCompare(b.schoolYear)),
    schoolHolidays: [...others, ...added].sort((a, b) => LocalDate.compare(a.start, b.start))
  }))
}
