const event = (summary: string, start: string, end?: string): ReadonlyArray<string> => [
  "BEGIN:VEVENT",
  `DTSTART;VALUE=DATE:${start}`,
  ...(end === undefined ? [] : [`DTEND;VALUE=DATE:${end}`]),
  `SUMMARY:${summary}`,
  "END:VEVENT"
]

/**
 * A zone B school-calendar file shaped like the ministry's (events start the day classes end,
 * DTEND the day they resume, summer without DTEND, CRLF lines), for the school year 2027-2028 with
 * TEST dates (not the official calendar): Toussaint 23 Oct – 7 Nov 2027, Noël 18 Dec 2027 – 2 Jan
 * 2028, hiver 19 Feb – 5 Mar 2028, printemps 15 Apr – 1 May 2028, été from 8 Jul 2028 to the
 * rentrée of 1 Sep 2028. The file's first year (2026-2027, its summer only) is incomplete.
 */
export const zoneBTestIcs2027: string = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Tests//Calendrier scolaire//FR",
  "X-WR-CALNAME:Calendrier Scolaire Zone B",
  ...event("Vacances d'Été - Zone B", "20270703"),
  ...event("Rentrée scolaire des élèves - Zone B", "20270901"),
  ...event("Vacances de la Toussaint - Zone B", "20271023", "20271108"),
  ...event("Vacances de Noël - Zone B", "20271218", "20280103"),
  ...event("Vacances d'Hiver - Zone B", "20280219", "20280306"),
  ...event("Vacances de Printemps - Zone B", "20280415", "20280502"),
  ...event("Vacances d'Été - Zone B", "20280708"),
  ...event("Rentrée scolaire des élèves - Zone B", "20280901"),
  "END:VCALENDAR",
  ""
].join("\r\n")
