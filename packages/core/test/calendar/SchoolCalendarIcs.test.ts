import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { officialSchoolHolidays, townCalendarFromOfficialData } from "../../src/calendar/OfficialSchoolCalendar.js"
import { firstDayWithoutSchool, importSchoolCalendarIcs, parseSchoolCalendarIcs } from "../../src/calendar/SchoolCalendarIcs.js"
import { TownCalendar } from "../../src/calendar/TownCalendar.js"

const event = (summary: string, start: string, end: string | undefined, extra: ReadonlyArray<string> = []) => [
  "BEGIN:VEVENT",
  `DTSTART;VALUE=DATE:${start}`,
  ...(end === undefined ? [] : [`DTEND;VALUE=DATE:${end}`]),
  `SUMMARY:${summary}`,
  ...extra,
  "END:VEVENT"
]

const LOCATION_B = [
  "LOCATION:Aix-Marseille\\, Amiens\\, Caen\\, Lille\\, Nancy-Metz\\, Nantes\\, Nice\\, Orléans-Tour",
  " s\\, Reims\\, Rennes\\, Rouen\\, Strasbourg"
]

/**
 * Zone B as the ministry publishes it (school year 2018-2019, the rentrées around it, and the
 * Toussaint 2026 event): events start on the day classes end, DTEND is the day classes resume,
 * summer has no DTEND, lines are folded and end in CRLF.
 */
const ZONE_B_ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Ministère de l'Éducation nationale//Calendrier scolaire//FR",
  "CALSCALE:GREGORIAN",
  "X-WR-CALNAME:Calendrier Scolaire Zone B",
  "X-WR-TIMEZONE:Europe/Paris",
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
  "BEGIN:STANDARD",
  "DTSTART:19701025T030000",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "END:STANDARD",
  "END:VTIMEZONE",
  ...event("Rentrée scolaire des élèves - Zone B", "20180903", undefined),
  ...event("Vacances de la Toussaint - Zone B", "20181020", "20181105", [...LOCATION_B, "DESCRIPTION:Vacances de la Toussa", " int - Zone B", "UID:toussaint-2018-b@education.gouv.fr"]),
  ...event("Vacances de Noël - Zone B", "20181222", "20190107", LOCATION_B),
  ...event("Vacances d'Hiver - Zone B", "20190209", "20190225").map((l) => (l === "SUMMARY:Vacances d'Hiver - Zone B" ? "SUMMARY:Vacances d'hiver - Z\r\n one B" : l)),
  ...event("Vacances de Printemps - Zone B", "20190406", "20190423"),
  ...event("Pont de l'Ascension - Zone B", "20190529", "20190603"),
  ...event("Vacances d'Été - Zone B", "20190706", undefined),
  ...event("Rentrée scolaire des enseignants - Zone B", "20190830", undefined),
  ...event("Rentrée scolaire des élèves - Zone B", "20190902", undefined),
  ...event("Vacances de la Toussaint - Zone B", "20261017", "20261102"),
  "END:VCALENDAR",
  ""
].join("\r\n")

const simple = (p: { name: string; start: string; end: string }) => [p.name, p.start, p.end]

describe("parseSchoolCalendarIcs", () => {
  it("reads the ministry's file: first day without school → last day without school, as in the official data", () => {
    const years = Either.getOrThrow(parseSchoolCalendarIcs(ZONE_B_ICS, "B"))
    expect(years.map((y) => y.schoolYear)).toEqual(["2018-2019", "2026-2027"])
    const year = years[0]?.periods.map(simple)
    expect(year).toEqual([
      ["Vacances de la Toussaint", "2018-10-20", "2018-11-04"],
      ["Vacances de Noël", "2018-12-22", "2019-01-06"],
      ["Vacances d'hiver", "2019-02-09", "2019-02-24"],
      ["Vacances de Printemps", "2019-04-06", "2019-04-22"],
      ["Pont de l'Ascension", "2019-05-30", "2019-06-02"],
      ["Vacances d'Été", "2019-07-06", "2019-09-01"]
    ])
    const shipped = officialSchoolHolidays("B").filter((p) => p.schoolYear === "2018-2019")
    expect(years[0]?.periods.map((p) => [p.start, p.end])).toEqual(shipped.map((p) => [p.start, p.end]))
    expect(years[1]?.periods.map(simple)).toEqual([["Vacances de la Toussaint", "2026-10-17", "2026-11-01"]])
  })

  it("a Saturday DTSTART is itself the first day without school; a weekday DTSTART is the evening classes end", () => {
    expect(firstDayWithoutSchool(LocalDate.unsafe("2026-10-17"))).toBe("2026-10-17")
    expect(firstDayWithoutSchool(LocalDate.unsafe("2019-05-29"))).toBe("2019-05-30")
  })

  it("reads LF files and files without the zone given", () => {
    const years = Either.getOrThrow(parseSchoolCalendarIcs(ZONE_B_ICS.replaceAll("\r\n", "\n")))
    expect(years.flatMap((y) => y.periods)).toHaveLength(7)
  })

  it("an event without DTEND and no rentrée after it ends on 31 August", () => {
    const ics = ["BEGIN:VCALENDAR", ...event("Vacances d'Été - Zone B", "20190706", undefined), "END:VCALENDAR"].join("\n")
    expect(Either.getOrThrow(parseSchoolCalendarIcs(ics))[0]?.periods.map(simple)).toEqual([["Vacances d'Été", "2019-07-06", "2019-08-31"]])
  })

  it("leaves out events of other zones and refuses a file of another zone", () => {
    const mixed = ["BEGIN:VCALENDAR", ...event("Vacances d'Hiver - Zone A", "20190216", "20190304"), ...event("Vacances d'Hiver - Zone B", "20190209", "20190225"), "END:VCALENDAR"].join("\r\n")
    expect(Either.getOrThrow(parseSchoolCalendarIcs(mixed, "B")).flatMap((y) => y.periods).map((p) => p.start)).toEqual(["2019-02-09"])
    const unspecified = parseSchoolCalendarIcs(mixed)
    expect(Either.isLeft(unspecified) && unspecified.left.message).toMatch(/mélange les zones A, B/)
    const other = parseSchoolCalendarIcs(ZONE_B_ICS, "A")
    expect(Either.isLeft(other) && other.left.line).toBe(5)
    expect(Either.isLeft(other) && other.left.message).toMatch(/zone B, pas celui de la zone A/)
  })

  const lines = ZONE_B_ICS.split("\r\n")
  const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 1
  const replaced = (prefix: string, by: string) => lines.map((l) => (l.startsWith(prefix) ? by : l)).join("\r\n")

  it.each([
    ["a file not starting with BEGIN:VCALENDAR", `X-HEADER:1\r\n${ZONE_B_ICS}`, 1, /BEGIN:VCALENDAR/],
    ["an empty file", "", 0, /vide/],
    ["a line without a colon", replaced("DTEND;VALUE=DATE:20181105", "DTEND 20181105"), lineOf("DTEND;VALUE=DATE:20181105"), /NOM:valeur/],
    ["an impossible date", replaced("DTSTART;VALUE=DATE:20190209", "DTSTART;VALUE=DATE:20190230"), lineOf("DTSTART;VALUE=DATE:20190209"), /AAAAMMJJ/],
    ["a date with a time", replaced("DTSTART;VALUE=DATE:20190406", "DTSTART:20190406T000000Z"), lineOf("DTSTART;VALUE=DATE:20190406"), /sans heure/],
    ["DTEND before DTSTART", replaced("DTEND;VALUE=DATE:20190603", "DTEND;VALUE=DATE:20190528"), lineOf("DTEND;VALUE=DATE:20190603"), /doit être après DTSTART/],
    ["an END that closes nothing open", replaced("END:VTIMEZONE", "END:VEVENT"), lineOf("END:VTIMEZONE"), /ne ferme pas BEGIN:STANDARD|ne ferme pas BEGIN:VTIMEZONE/],
    ["a calendar never closed", ZONE_B_ICS.replace("END:VCALENDAR", ""), 1, /jamais fermé/]
  ])("names the line of %s", (_, text, line, message) => {
    const result = parseSchoolCalendarIcs(text, "B")
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.line).toBe(line)
      expect(result.left.message).toMatch(message)
    }
  })

  it("counts physical lines when lines are folded", () => {
    const text = replaced("DTSTART;VALUE=DATE:20181222", "DTSTART;VALUE=DATE:2018\r\n 1332")
    const result = parseSchoolCalendarIcs(text, "B")
    expect(Either.isLeft(result) && result.left.line).toBe(lineOf("DTSTART;VALUE=DATE:20181222"))
  })

  it("an event without DTSTART is refused at its BEGIN line", () => {
    const text = lines.filter((l) => l !== "DTSTART;VALUE=DATE:20190406").join("\r\n")
    const result = parseSchoolCalendarIcs(text, "B")
    expect(Either.isLeft(result) && result.left.line).toBe(lineOf("DTSTART;VALUE=DATE:20190406") - 1)
  })

  const periodsArb = fc
    .array(fc.record({ gap: fc.integer({ min: 2, max: 60 }), length: fc.integer({ min: 0, max: 40 }), name: fc.constantFrom("Vacances de la Toussaint", "Vacances de Noël", "Pont de l'Ascension") }), { maxLength: 6 })
    .map((runs) => {
      const out: Array<{ name: string; start: LocalDate.LocalDate; end: LocalDate.LocalDate }> = []
      let day = LocalDate.toEpochDay(LocalDate.of(2030, 9, 1))
      for (const run of runs) {
        day += run.gap
        if (LocalDate.isoWeekday(LocalDate.fromEpochDay(day)) === 1) day += 1
        out.push({ name: run.name, start: LocalDate.fromEpochDay(day), end: LocalDate.fromEpochDay(day + run.length) })
        day += run.length
      }
      return out
    })

  const compact = (d: LocalDate.LocalDate) => d.replaceAll("-", "")
  const fold = (line: string, width: number): string => {
    const parts: Array<string> = []
    for (let i = 0; i < line.length; i += width) parts.push((i === 0 ? "" : " ") + line.slice(i, i + width))
    return parts.join("\r\n")
  }

  test.prop([periodsArb, fc.integer({ min: 5, max: 75 }), fc.boolean()])(
    "periods written as the ministry does (DTSTART the day classes end, DTEND the day they resume) read back identical, however folded",
    (periods, width, crlf) => {
      const text = [
        "BEGIN:VCALENDAR",
        "X-WR-CALNAME:Calendrier Scolaire Zone C",
        ...periods.flatMap((p) => {
          const dtstart = LocalDate.isoWeekday(p.start) >= 6 ? p.start : LocalDate.addDays(p.start, -1)
          return event(`${p.name} - Zone C`, compact(dtstart), compact(LocalDate.addDays(p.end, 1)))
        }),
        "END:VCALENDAR"
      ].map((l) => fold(l, width)).join("\r\n")
      const parsed = parseSchoolCalendarIcs(crlf ? text : text.replaceAll("\r\n", "\n"), "C")
      expect(Either.isRight(parsed)).toBe(true)
      if (Either.isRight(parsed)) {
        const read = parsed.right.flatMap((y) => y.periods)
        expect(read.map(simple)).toEqual(periods.map(simple))
        expect(read.every((p) => p.schoolYear === LocalDate.schoolYear(p.start))).toBe(true)
      }
    }
  )
})

describe("importSchoolCalendarIcs", () => {
  it("imports the complete years of the file as confirmed and skips partial ones", () => {
    const official = townCalendarFromOfficialData("B")
    const without = new TownCalendar({
      ...official,
      knownSchoolYears: official.knownSchoolYears.filter((k) => k.schoolYear !== "2018-2019"),
      schoolHolidays: official.schoolHolidays.filter((p) => p.schoolYear !== "2018-2019")
    })
    const result = Either.getOrThrow(importSchoolCalendarIcs(without, ZONE_B_ICS))
    expect(result.imported).toEqual(["2018-2019"])
    expect(result.skipped).toEqual(["2026-2027"])
    expect(result.calendar.knownSchoolYears.find((k) => k.schoolYear === "2018-2019")).toEqual({ schoolYear: "2018-2019", placeholder: false })
    expect(result.calendar.schoolHolidays.filter((p) => p.schoolYear === "2018-2019").map((p) => [p.start, p.end])).toEqual(
      official.schoolHolidays.filter((p) => p.schoolYear === "2018-2019").map((p) => [p.start, p.end])
    )
  })
})
