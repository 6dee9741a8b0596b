import { Either, Schema } from "effect"
import * as LocalDate from "../shared/LocalDate.js"
import { schoolYearOfHolidayPeriod } from "./SchoolHolidayCsv.js"
import { addSchoolYear, SchoolYearHolidays, type SchoolYearHolidaysRejected } from "./SchoolYearEntry.js"
import { SchoolHolidayPeriod, type SchoolZone, type TownCalendar } from "./TownCalendar.js"

/** A school-calendar ICS file could not be read; `line` is the physical line (1-based, 0 for the whole file). */
export class SchoolCalendarIcsInvalid extends Schema.TaggedError<SchoolCalendarIcsInvalid>()("SchoolCalendarIcsInvalid", {
  line: Schema.Int,
  problem: Schema.String
}) {
  override get message(): string {
    const where = this.line > 0 ? ` (ligne ${this.line})` : ""
    return (
      `Le fichier ICS du calendrier scolaire est mal formé${where} : ${this.problem} ` +
      `Téléchargez à nouveau le fichier de votre zone sur data.education.gouv.fr (calendrier scolaire), ` +
      `ou saisissez les périodes de vacances dans les paramètres du calendrier.`
    )
  }
}

interface ContentLine {
  readonly line: number
  readonly name: string
  readonly params: ReadonlyMap<string, string>
  readonly value: string
}

interface IcsEvent {
  readonly line: number
  readonly properties: Map<string, ContentLine>
}

const fail = (line: number, problem: string) => Either.left(new SchoolCalendarIcsInvalid({ line, problem }))

function unfold(text: string): ReadonlyArray<{ readonly line: number; readonly text: string }> {
  const out: Array<{ line: number; text: string }> = []
  text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).forEach((raw, i) => {
    const last = out.at(-1)
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && last !== undefined) last.text += raw.slice(1)
    else out.push({ line: i + 1, text: raw })
  })
  return out
}

function contentLine(line: number, text: string): Either.Either<ContentLine, SchoolCalendarIcsInvalid> {
  let quoted = false
  let colon = -1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') quoted = !quoted
    else if (ch === ":" && !quoted) {
      colon = i
      break
    }
  }
  if (colon <= 0) return fail(line, `la ligne « ${text.slice(0, 40)} » n'a pas la forme NOM:valeur.`)
  const [name = "", ...rawParams] = text.slice(0, colon).split(";")
  const params = new Map<string, string>()
  for (const p of rawParams) {
    const eq = p.indexOf("=")
    if (eq > 0) params.set(p.slice(0, eq).toUpperCase(), p.slice(eq + 1).replace(/^"|"$/g, ""))
  }
  return Either.right({ line, name: name.toUpperCase(), params, value: text.slice(colon + 1) })
}

const unescapeText = (value: string): string =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? " " : c)).trim()

function dateValue(property: ContentLine): Either.Either<LocalDate.LocalDate, SchoolCalendarIcsInvalid> {
  const v = property.value.trim()
  if (/^\d{8}T\d{6}Z?$/.test(v)) {
    return fail(property.line, `${property.name} doit être une date sans heure (${property.name};VALUE=DATE:AAAAMMJJ), pas « ${v} ».`)
  }
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(v)
  const parsed = m === null ? undefined : LocalDate.parse(`${m[1]}-${m[2]}-${m[3]}`)
  if (parsed === undefined || Either.isLeft(parsed)) {
    return fail(property.line, `${property.name} doit être une date AAAAMMJJ, pas « ${v} ».`)
  }
  return Either.right(parsed.right)
}

const ZONE_SUFFIX = /\s*[-–]\s*Zones?\s+([ABC](?:\s*(?:,|et|&)\s*[ABC])*)\s*$/i
const zonesIn = (text: string): ReadonlyArray<SchoolZone> =>
  [...text.toUpperCase().matchAll(/\b([ABC])\b/g)].map((m) => m[1] as SchoolZone)
const isRentree = (name: string): boolean => /^rentr[ée]e/i.test(name)

/**
 * First day without school for an event of the ministry's calendar. Its events start on the day
 * classes end (the evening), DTEND being the day classes resume (exclusive). The first day
 * without school is the day after DTSTART, except when DTSTART is a Saturday or Sunday (no class
 * that day in a 4-day week): then DTSTART itself. This matches the day-by-day official data:
 * Toussaint 2025 (DTSTART Saturday 18 October) starts on 18 October, the Ascension bridge 2019
 * (DTSTART Wednesday 29 May, after class) on Thursday 30 May.
 */
export function firstDayWithoutSchool(dtstart: LocalDate.LocalDate): LocalDate.LocalDate {
  return LocalDate.isoWeekday(dtstart) >= 6 ? dtstart : LocalDate.addDays(dtstart, 1)
}

/**
 * Reads a school-calendar ICS file as the ministry publishes it (one file per zone: a VCALENDAR
 * with `X-WR-CALNAME`, one VEVENT per holiday, `SUMMARY:Vacances de la Toussaint - Zone B`,
 * `DTSTART;VALUE=DATE:…`, `DTEND;VALUE=DATE:…`) into holiday periods grouped by school year.
 * Lines may be folded and end in CRLF or LF. Dates: see {@link firstDayWithoutSchool}; the last
 * day without school is the day before DTEND. An event without DTEND (the ministry's summer may
 * have none) ends the day before the next `Rentrée…` event of the file that is not the teachers',
 * or else on 31 August of its school year. `Rentrée` events are not holidays. The zone suffix is
 * removed from names; with `zone`, events of other zones (by suffix or LOCATION) are left out and
 * a file named for another zone is refused. Each period belongs to the school year in which it
 * starts (`schoolYearOfHolidayPeriod`).
 */
export function parseSchoolCalendarIcs(
  text: string,
  zone?: SchoolZone
): Either.Either<ReadonlyArray<SchoolYearHolidays>, SchoolCalendarIcsInvalid> {
  const lines = unfold(text).filter((l) => l.text.trim() !== "")
  if (lines.length === 0) return fail(0, "le fichier est vide.")
  const stack: Array<{ readonly name: string; readonly line: number }> = []
  const events: Array<IcsEvent> = []
  let current: IcsEvent | undefined
  let calendarName: ContentLine | undefined
  let sawCalendar = false
  for (const l of lines) {
    const parsed = contentLine(l.line, l.text)
    if (Either.isLeft(parsed)) return Either.left(parsed.left)
    const p = parsed.right
    if (stack.length === 0 && !(p.name === "BEGIN" && p.value.trim().toUpperCase() === "VCALENDAR")) {
      return fail(p.line, sawCalendar ? "du contenu suit END:VCALENDAR." : "le fichier doit commencer par BEGIN:VCALENDAR.")
    }
    if (p.name === "BEGIN") {
      const component = p.value.trim().toUpperCase()
      if (component === "VCALENDAR") {
        if (stack.length > 0) return fail(p.line, "BEGIN:VCALENDAR à l'intérieur d'un calendrier.")
        sawCalendar = true
      }
      if (component === "VEVENT" && stack.at(-1)?.name === "VCALENDAR") {
        current = { line: p.line, properties: new Map() }
      }
      stack.push({ name: component, line: p.line })
      continue
    }
    if (p.name === "END") {
      const component = p.value.trim().toUpperCase()
      const open = stack.pop()
      if (open === undefined || open.name !== component) {
        return fail(p.line, `END:${component} ne ferme pas ${open === undefined ? "de composant ouvert" : `BEGIN:${open.name} (ligne ${open.line})`}.`)
      }
      if (component === "VEVENT" && current !== undefined && stack.length === 1) {
        events.push(current)
        current = undefined
      }
      continue
    }
    if (stack.length === 1 && p.name === "X-WR-CALNAME") calendarName = p
    if (stack.length === 2 && current !== undefined && !current.properties.has(p.name)) current.properties.set(p.name, p)
  }
  const unclosed = stack.at(-1)
  if (unclosed !== undefined) return fail(unclosed.line, `BEGIN:${unclosed.name} n'est jamais fermé par END:${unclosed.name}.`)

  if (zone !== undefined && calendarName !== undefined) {
    const named = /\bZones?[\s_-]+([ABC])\b/i.exec(unescapeText(calendarName.value))
    const zones = named?.[1] === undefined ? [] : zonesIn(named[1])
    if (zones.length > 0 && !zones.includes(zone)) {
      return fail(calendarName.line, `ce fichier est le calendrier de la zone ${zones.join(", ")}, pas celui de la zone ${zone}.`)
    }
  }

  interface Holiday { readonly line: number; readonly name: string; readonly zones: ReadonlyArray<SchoolZone>; readonly start: LocalDate.LocalDate; readonly dtend: LocalDate.LocalDate | undefined }
  const holidays: Array<Holiday> = []
  const rentrees: Array<LocalDate.LocalDate> = []
  for (const event of events) {
    const summary = event.properties.get("SUMMARY")
    const dtstart = event.properties.get("DTSTART")
    if (summary === undefined || unescapeText(summary.value) === "") return fail(event.line, "l'événement n'a pas de SUMMARY (nom de la période).")
    if (dtstart === undefined) return fail(event.line, "l'événement n'a pas de DTSTART (date de début).")
    const title = unescapeText(summary.value)
    const suffix = ZONE_SUFFIX.exec(title)
    const name = suffix === null ? title : title.slice(0, suffix.index).trim()
    const location = event.properties.get("LOCATION")
    const locationZone = location === undefined ? null : /^\s*Zones?\s+([ABC](?:\s*(?:,|et|&)\s*[ABC])*)\s*$/i.exec(unescapeText(location.value))
    const zones = suffix?.[1] !== undefined ? zonesIn(suffix[1]) : locationZone?.[1] !== undefined ? zonesIn(locationZone[1]) : []
    const start = dateValue(dtstart)
    if (Either.isLeft(start)) return Either.left(start.left)
    if (isRentree(name)) {
      if (!/enseignant/i.test(name)) rentrees.push(start.right)
      continue
    }
    const dtendProperty = event.properties.get("DTEND")
    let dtend: LocalDate.LocalDate | undefined
    const duration = event.properties.get("DURATION")
    if (dtendProperty === undefined && duration !== undefined) {
      return fail(duration.line, "DURATION n'est pas pris en charge : le calendrier du ministère donne DTEND (jour de reprise des cours).")
    }
    if (dtendProperty !== undefined) {
      const end = dateValue(dtendProperty)
      if (Either.isLeft(end)) return Either.left(end.left)
      if (end.right <= start.right) return fail(dtendProperty.line, `DTEND (${end.right}) doit être après DTSTART (${start.right}).`)
      dtend = end.right
    }
    holidays.push({ line: event.line, name, zones, start: start.right, dtend })
  }

  const wanted = holidays.filter((h) => zone === undefined || h.zones.length === 0 || h.zones.includes(zone))
  if (zone === undefined) {
    const distinct = [...new Set(wanted.flatMap((h) => (h.zones.length === 1 ? h.zones : [])))]
    if (distinct.length > 1) return fail(0, `le fichier mélange les zones ${distinct.sort().join(", ")} : précisez la zone à importer.`)
  }
  rentrees.sort()
  const periods: Array<SchoolHolidayPeriod & { readonly line: number }> = []
  for (const h of wanted) {
    const first = firstDayWithoutSchool(h.start)
    const schoolYear = schoolYearOfHolidayPeriod(first)
    const nextRentree = rentrees.find((r) => r > first)
    const last =
      h.dtend !== undefined
        ? LocalDate.addDays(h.dtend, -1)
        : nextRentree !== undefined
          ? LocalDate.addDays(nextRentree, -1)
          : LocalDate.schoolYearBounds(schoolYear).end
    if (last < first) return fail(h.line, `la période « ${h.name} » ne contient aucun jour sans classe.`)
    if (periods.some((p) => p.name === h.name && p.start === first && p.end === last)) continue
    const clash = periods.find((p) => p.start <= last && first <= p.end)
    if (clash !== undefined) {
      return fail(h.line, `la période « ${h.name} » chevauche « ${clash.name} » (ligne ${clash.line}).`)
    }
    periods.push(Object.assign(new SchoolHolidayPeriod({ name: h.name, schoolYear, start: first, end: last }), { line: h.line }))
  }
  const years = [...new Set(periods.map((p) => p.schoolYear))].sort()
  return Either.right(years.map((schoolYear) => new SchoolYearHolidays({
    schoolYear,
    periods: periods
      .filter((p) => p.schoolYear === schoolYear)
      .sort((a, b) => LocalDate.compare(a.start, b.start))
      .map((p) => new SchoolHolidayPeriod({ name: p.name, schoolYear, start: p.start, end: p.end }))
  })))
}

const MAIN_HOLIDAYS: ReadonlyArray<RegExp> = [/toussaint/i, /no[ëe]l/i, /hiver/i, /printemps/i, /[ée]t[ée]/i]

/**
 * Imports the ministry's ICS file of the town's zone into its calendar: every school year of the
 * file that has its five main holidays (Toussaint, Noël, hiver, printemps, été) replaces what the
 * calendar knew of it, as confirmed data; partial years (the file's first or last) are skipped.
 */
export function importSchoolCalendarIcs(
  calendar: TownCalendar,
  text: string
): Either.Either<
  { readonly calendar: TownCalendar; readonly imported: ReadonlyArray<string>; readonly skipped: ReadonlyArray<string> },
  SchoolCalendarIcsInvalid | SchoolYearHolidaysRejected
> {
  return Either.flatMap(parseSchoolCalendarIcs(text, calendar.zone), (years) => {
    const complete = years.filter((y) => MAIN_HOLIDAYS.every((re) => y.periods.some((p) => re.test(p.name))))
    const skipped = years.filter((y) => !complete.includes(y)).map((y) => y.schoolYear)
    let result: Either.Either<TownCalendar, SchoolYearHolidaysRejected> = Either.right(calendar)
    for (const y of complete) {
      result = Either.flatMap(result, (c) => addSchoolYear(c, y.schoolYear, y.periods, { placeholder: false }))
    }
    return Either.map(result, (c) => ({ calendar: c, imported: complete.map((y) => y.schoolYear), skipped }))
  })
}
