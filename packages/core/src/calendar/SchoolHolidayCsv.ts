import { Either, Schema } from "effect"
import * as LocalDate from "../shared/LocalDate.js"
import { SchoolHolidayPeriod, type SchoolZone } from "./TownCalendar.js"

/**
 * The school year a holiday period belongs to: the school year (1 September – 31 August) in
 * which the period STARTS. Summer therefore closes the school year it starts in, even in the
 * years when it ends in early September: summer 2019 (6 July – 1 September 2019) belongs to
 * 2018-2019.
 *
 * @example
 * schoolYearOfHolidayPeriod(LocalDate.unsafe("2025-12-20")) // "2025-2026"
 * schoolYearOfHolidayPeriod(LocalDate.unsafe("2026-07-04")) // "2025-2026"
 */
export function schoolYearOfHolidayPeriod(start: LocalDate.LocalDate): string {
  return LocalDate.schoolYear(start)
}

/** A daily school-holiday file (one row per day, per-zone flags) could not be read. */
export class SchoolHolidayCsvInvalid extends Schema.TaggedError<SchoolHolidayCsvInvalid>()("SchoolHolidayCsvInvalid", {
  line: Schema.Int,
  problem: Schema.String
}) {
  override get message(): string {
    return (
      `Le fichier des vacances scolaires jour par jour est mal formé (ligne ${this.line}) : ${this.problem} ` +
      `Utilisez le fichier d'origine (colonnes date, vacances_zone_a, vacances_zone_b, vacances_zone_c, nom_vacances).`
    )
  }
}

const ZONES: ReadonlyArray<SchoolZone> = ["A", "B", "C"]
const COLUMNS = ["date", "vacances_zone_a", "vacances_zone_b", "vacances_zone_c", "nom_vacances"] as const

const unquote = (field: string): string => {
  const t = field.trim()
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t
}

function splitCsvLine(line: string): ReadonlyArray<string> {
  const out: Array<string> = []
  let current = ""
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    if (ch === "," && !quoted) {
      out.push(unquote(current))
      current = ""
    } else current += ch
  }
  out.push(unquote(current))
  return out
}

const parseFlag = (value: string): boolean | undefined =>
  value === "True" || value === "true" || value === "1" ? true : value === "False" || value === "false" || value === "0" ? false : undefined

/**
 * Reads the day-by-day school-holiday file (the `data.csv` of the AntoineAugusti/vacances-scolaires
 * compilation of the ministry's calendar: `date,vacances_zone_a,vacances_zone_b,vacances_zone_c,nom_vacances`)
 * into periods per zone. A period is a contiguous run of days on holiday in the zone with the same
 * name; the weekends the file marks around holidays are kept as it says. Each period is attached
 * to a school year by {@link schoolYearOfHolidayPeriod}.
 */
export function schoolHolidaysFromDailyCsv(
  text: string
): Either.Either<Readonly<Record<SchoolZone, ReadonlyArray<SchoolHolidayPeriod>>>, SchoolHolidayCsvInvalid> {
  const lines = text.split(/\r\n|\n|\r/)
  const header = splitCsvLine(lines[0] ?? "")
  const index = COLUMNS.map((c) => header.indexOf(c))
  if (index.some((i) => i < 0)) {
    return Either.left(new SchoolHolidayCsvInvalid({
      line: 1,
      problem: `l'en-tête doit contenir les colonnes ${COLUMNS.join(", ")}.`
    }))
  }
  const [iDate, iA, iB, iC, iName] = index as [number, number, number, number, number]
  const zoneColumn: Record<SchoolZone, number> = { A: iA, B: iB, C: iC }
  const periods: Record<SchoolZone, Array<SchoolHolidayPeriod>> = { A: [], B: [], C: [] }
  const open: Partial<Record<SchoolZone, { name: string; start: LocalDate.LocalDate; end: LocalDate.LocalDate }>> = {}
  const close = (zone: SchoolZone) => {
    const run = open[zone]
    if (run !== undefined) {
      periods[zone].push(new SchoolHolidayPeriod({ ...run, schoolYear: schoolYearOfHolidayPeriod(run.start) }))
      delete open[zone]
    }
  }
  let previous: LocalDate.LocalDate | undefined
  for (let n = 1; n < lines.length; n++) {
    const raw = lines[n] ?? ""
    if (raw.trim() === "") continue
    const lineNo = n + 1
    const fields = splitCsvLine(raw)
    const parsedDate = LocalDate.parse(fields[iDate] ?? "")
    if (Either.isLeft(parsedDate)) {
      return Either.left(new SchoolHolidayCsvInvalid({ line: lineNo, problem: parsedDate.left }))
    }
    const date = parsedDate.right
    if (previous !== undefined && date <= previous) {
      return Either.left(new SchoolHolidayCsvInvalid({ line: lineNo, problem: `les jours doivent se suivre dans l'ordre (${date} après ${previous}).` }))
    }
    const name = (fields[iName] ?? "").trim()
    for (const zone of ZONES) {
      const flag = parseFlag(fields[zoneColumn[zone]] ?? "")
      if (flag === undefined) {
        return Either.left(new SchoolHolidayCsvInvalid({
          line: lineNo,
          problem: `la colonne de la zone ${zone} doit valoir True ou False.`
        }))
      }
      const run = open[zone]
      if (!flag) {
        close(zone)
        continue
      }
      if (name === "") {
        return Either.left(new SchoolHolidayCsvInvalid({ line: lineNo, problem: `un jour de vacances (zone ${zone}) n'a pas de nom.` }))
      }
      if (run !== undefined && run.name === name && LocalDate.daysBetween(run.end, date) === 1) {
        run.end = date
      } else {
        close(zone)
        open[zone] = { name, start: date, end: date }
      }
    }
    previous = date
  }
  for (const zone of ZONES) close(zone)
  return Either.right(periods)
}
