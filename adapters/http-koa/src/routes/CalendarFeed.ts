import { type ChildCalendarEvent, childCalendarFeed, HouseholdId, HouseholdRepository, type Instant, MemberId } from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either, Option, Schema } from "effect"
import type { PortalContext, PortalState } from "../PortalContext.js"
import { PageNotFound, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { memberPath, portalPaths } from "../PortalPaths.js"
import { verifyLink } from "../SignedLinks.js"

/** RFC 5545 TEXT: backslash, semicolon, comma escaped; line breaks as `\n`. */
export const escapeIcsText = (text: string): string =>
  text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n")

const encoder = new TextEncoder()

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): each continuation starts with a space; a
 * UTF-8 character is never split.
 */
export function foldIcsLine(line: string): string {
  const parts: Array<string> = []
  let current = ""
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).byteLength
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ""
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join("\r\n ")
}

/** An instant in iCalendar's UTC form: `20261202T073000Z`. */
export const icsUtc = (instant: Instant.Instant): string => `${instant.slice(0, 19).replace(/[-:]/g, "")}Z`

/** A child's private calendar as an iCalendar document (CRLF line endings, folded lines, UTC times). */
export function icsCalendar(options: {
  readonly name: string
  readonly townName: string
  readonly host: string
  readonly pageUrl: string
  readonly generatedAt: Instant.Instant
  readonly events: ReadonlyArray<ChildCalendarEvent>
}): string {
  const text = (name: string, value: string) => `${name}:${escapeIcsText(value)}`
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    text("PRODID", `-//Mon espace citoyen//${options.townName}//FR`),
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    text("X-WR-CALNAME", options.name),
    "X-WR-TIMEZONE:Europe/Paris",
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H"
  ]
  for (const event of options.events) {
    lines.push(
      "BEGIN:VEVENT",
      text("UID", `${event.uid}@${options.host}`),
      `DTSTAMP:${icsUtc(options.generatedAt)}`,
      `DTSTART:${icsUtc(event.start)}`,
      `DTEND:${icsUtc(event.end)}`,
      text("SUMMARY", event.summary),
      text("DESCRIPTION", `${event.description} Pour réserver, annuler ou signaler une absence : Mon espace citoyen, ${options.townName} ; ${options.pageUrl}`),
      `STATUS:${event.status === "confirmed" ? "CONFIRMED" : "TENTATIVE"}`,
      "TRANSP:OPAQUE",
      "END:VEVENT"
    )
  }
  lines.push("END:VCALENDAR")
  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`
}

const decodeHouseholdId = Schema.decodeUnknownOption(HouseholdId)
const decodeMemberId = Schema.decodeUnknownOption(MemberId)

/**
 * A child's private calendar feed, `GET /calendrier/<token>.ics` without login (calendar apps fetch
 * it): the token is the household and child signed under the portal's link secret for the purpose
 * "calendrier"; a forged or garbled token, or a child no longer in the household, is not found.
 * One event per session booked (confirmed) or waited for (tentative); cached 15 minutes, privately.
 */
export function calendarFeedRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.calendarFeed, async (ctx: PortalContext) => {
    const notFound = () => refuse(new PageNotFound({ path: ctx.path }))
    const data = verifyLink(kit.settings.linkSecret, "calendrier", ctx.params["token"] ?? "")
    const householdId = decodeHouseholdId(data?.["householdId"])
    const childId = decodeMemberId(data?.["childId"])
    if (Option.isNone(householdId) || Option.isNone(childId)) return notFound()
    const household = await kit.attempt(Effect.flatMap(HouseholdRepository, (households) => households.get(householdId.value)))
    if (Either.isLeft(household)) return notFound()
    const child = household.right.child(childId.value)
    if (child === undefined) return notFound()
    const feed = await kit.run(childCalendarFeed(household.right.id, child))
    const publicUrl = new URL(kit.settings.publicUrl)
    ctx.set("Cache-Control", "private, max-age=900")
    ctx.set("Content-Disposition", `inline; filename="calendrier-${child.id.replace(/[^A-Za-z0-9-]/g, "")}.ics"`)
    ctx.type = "text/calendar; charset=utf-8"
    ctx.body = icsCalendar({
      name: `${child.firstName} – ${kit.settings.townName}`,
      townName: kit.settings.townName,
      host: publicUrl.host,
      pageUrl: new URL(memberPath(child.id), publicUrl).toString(),
      generatedAt: feed.generatedAt,
      events: feed.events
    })
  })
}
