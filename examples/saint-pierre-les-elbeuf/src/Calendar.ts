/**
 * The town's calendar: school zone B from the official data shipped with the core (school years up
 * to 2025-2026), the 2026-2027 holidays entered as a PLACEHOLDER (the shipped data stops at
 * 2025-2026), and the town's own closures.
 *
 * The 2026-2027 periods below are the demo's estimate, not official data: each is named
 * "(estimation à remplacer par le calendrier officiel)", the year is recorded with
 * `placeholder: true`, and `placeholderPeriods` lists them so the portal can show a notice. Replace
 * them with the ministry's calendar (`importSchoolCalendarIcs` with the zone B ICS file, or
 * `addSchoolYear(…, { placeholder: false })`).
 */
import {
  addSchoolYear,
  Closure,
  LocalDate,
  type SchoolHolidayPeriodInput,
  type TownCalendar,
  townCalendarFromOfficialData
} from "@spe/core"
import { Either } from "effect"
import { schoolZone } from "./TownSettings.js"

const d = LocalDate.unsafe

/** The words every placeholder period carries in its name. */
export const placeholderMark = "(estimation à remplacer par le calendrier officiel)"

/** The school year entered as a placeholder. */
export const placeholderSchoolYear = "2026-2027"

/** A school-holiday period the town entered as an estimate, to replace with the official calendar. */
export interface PlaceholderPeriod {
  readonly schoolYear: string
  /** The period's name, ending with {@link placeholderMark}. */
  readonly name: string
  /** The name without the mark ("Vacances de Noël"). */
  readonly shortName: string
  /** First day without school. */
  readonly start: LocalDate.LocalDate
  /** Last day without school. */
  readonly end: LocalDate.LocalDate
}

const estimated = (shortName: string, start: string, end: string): PlaceholderPeriod => ({
  schoolYear: placeholderSchoolYear,
  name: `${shortName} ${placeholderMark}`,
  shortName,
  start: d(start),
  end: d(end)
})

/**
 * The 2026-2027 holidays of zone B as the demo estimates them (first and last day without school,
 * Saturday to Sunday as in the official data). NOT OFFICIAL: to replace with the ministry's
 * calendar before any real use.
 */
export const placeholderPeriods: ReadonlyArray<PlaceholderPeriod> = [
  estimated("Vacances de la Toussaint", "2026-10-17", "2026-11-01"),
  estimated("Vacances de Noël", "2026-12-19", "2027-01-03"),
  estimated("Vacances d'hiver", "2027-02-20", "2027-03-07"),
  estimated("Vacances de printemps", "2027-04-17", "2027-05-02"),
  estimated("Vacances d'été", "2027-07-03", "2027-08-31")
]

/** The notice the portal shows while placeholder periods are in the calendar. */
export const placeholderNotice =
  "Les dates des vacances scolaires de l'année 2026-2027 affichées dans cette démonstration sont une estimation : " +
  "elles seront remplacées par le calendrier officiel du ministère de l'Éducation nationale (zone B) dès sa prise en compte. " +
  "Vérifiez les dates sur le calendrier officiel avant toute réservation."

/**
 * The town's own closures: the Ascension bridge days (services closed on the Friday after
 * Ascension), and the holiday centre closed for the last week of December.
 */
export const townClosures: ReadonlyArray<Closure> = [
  Closure.make({ date: d("2026-05-15"), reason: "Pont de l'Ascension : services périscolaires fermés" }),
  ...["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"].map((date) =>
    Closure.make({ date: d(date), reason: "Fermeture de fin d'année de l'accueil de loisirs", activityKinds: ["holiday"] })
  ),
  Closure.make({ date: d("2027-05-07"), reason: "Pont de l'Ascension : services périscolaires fermés" })
]

/**
 * The calendar of Saint-Pierre-lès-Elbeuf: zone B official holidays to 2025-2026, the placeholder
 * 2026-2027, school on Monday, Tuesday, Thursday and Friday, no Alsace-Moselle holidays, the
 * town's closures.
 */
export function buildTownCalendar(): TownCalendar {
  const official = townCalendarFromOfficialData(schoolZone, { schoolWeekdays: [1, 2, 4, 5], closures: townClosures })
  const periods: ReadonlyArray<SchoolHolidayPeriodInput> = placeholderPeriods.map((p) => ({ name: p.name, start: p.start, end: p.end }))
  return Either.getOrThrowWith(addSchoolYear(official, placeholderSchoolYear, periods, { placeholder: true }), (e) => new Error(e.message))
}

/** The town's calendar, built once. */
export const townCalendar: TownCalendar = buildTownCalendar()

/** The placeholder period containing a date, if any (for a notice next to a holiday booking). */
export const placeholderPeriodOn = (date: LocalDate.LocalDate): PlaceholderPeriod | undefined =>
  placeholderPeriods.find((p) => p.start <= date && date <= p.end)
