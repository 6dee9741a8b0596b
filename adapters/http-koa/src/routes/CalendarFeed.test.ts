import { CancelReservationsCommand, cancelReservations, type Household, HouseholdRepository, type MemberId, SessionId } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { signLink } from "../SignedLinks.js"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { escapeIcsText, foldIcsLine } from "./CalendarFeed.js"

const secret = "secret-des-liens-du-portail-de-test-76320"

/** The content lines of an iCalendar document, unfolded (RFC 5545 §3.1). */
const unfold = (ics: string): ReadonlyArray<string> => ics.replace(/\r\n[ \t]/g, "").split("\r\n").filter((line) => line.length > 0)

/** A TEXT value as written, unescaped. */
const unescape = (value: string): string => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c))

/** The events of a document: each one's properties by name. */
const eventsOf = (lines: ReadonlyArray<string>): ReadonlyArray<ReadonlyMap<string, string>> => {
  const events: Array<Map<string, string>> = []
  let current: Map<string, string> | undefined
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = new Map()
    else if (line === "END:VEVENT" && current !== undefined) {
      events.push(current)
      current = undefined
    } else if (current !== undefined) {
      const at = line.indexOf(":")
      current.set(line.slice(0, at).split(";")[0] ?? "", line.slice(at + 1))
    }
  }
  return events
}

describe("the iCalendar feed of a child", () => {
  let t: TestPortal
  let concerto: Household
  let lea: MemberId

  beforeAll(async () => {
    t = await startTestPortal()
    const id = await t.householdId("FAM-000101")
    concerto = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (households) => households.get(id)))
    const child = concerto.children.find((c) => c.firstName === "Léa")
    if (child === undefined) throw new Error("No Léa")
    lea = child.id
  })
  afterAll(async () => {
    await t.close()
  })

  it("is linked from the child's page and answers RFC 5545 text without login, cached privately", async () => {
    const client = new BrowserLikeClient(t.url)
    await client.submit("/", "/connexion", { identifiant: demoFamily.login, motDePasse: demoFamily.password }, true)
    const page = await client.get(`/mon-espace/membres/${lea}`)
    const link = /href="(http:\/\/[^"]+\.ics)"/.exec(page.body)?.[1]
    if (link === undefined) throw new Error("No calendar link")

    await t.demo.runtime.runPromise(
      cancelReservations(new CancelReservationsCommand({ childId: lea, householdId: concerto.id, sessionIds: [SessionId.make("restauration-scolaire:2026-12-10")] }))
    )
    const feed = await new BrowserLikeClient(t.url).get(new URL(link).pathname)
    expect(feed.status).toBe(200)
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8")
    expect(feed.headers.get("cache-control")).toBe("private, max-age=900")
    expect(page.headers.get("cache-control")).toBe("no-store")
    const ics = feed.body
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true)
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true)
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/)
    for (const physical of ics.split("\r\n")) expect(new TextEncoder().encode(physical).byteLength).toBeLessThanOrEqual(75)
    expect(ics).toMatch(/\r\n /)

    const lines = unfold(ics)
    expect(lines).toContain("VERSION:2.0")
    expect(lines.some((l) => l.startsWith("PRODID:"))).toBe(true)
    const events = eventsOf(lines)
    const wednesday = events.find((e) => e.get("DTSTART") === "20261202T073000Z")
    expect(wednesday?.get("SUMMARY")).toBe("Léa – Accueil du mercredi (journée)")
    expect(wednesday?.get("DTEND")).toBe("20261202T163000Z")
    expect(wednesday?.get("STATUS")).toBe("CONFIRMED")
    expect(wednesday?.get("UID")).toBe(`accueil-mercredi:2026-12-02:journee/${lea}@${new URL(t.url).host}`)
    expect(wednesday?.get("DTSTAMP")).toBe("20261126T080000Z")
    const description = unescape(wednesday?.get("DESCRIPTION") ?? "")
    expect(description).toContain("Place réservée. Pour réserver, annuler ou signaler une absence : Mon espace citoyen, Saint-Pierre-lès-Elbeuf ; http://")
    expect(wednesday?.get("DESCRIPTION")).toContain("Mon espace citoyen\\, Saint-Pierre-lès-Elbeuf \\; http")
    const canteen = events.filter((e) => (e.get("SUMMARY") ?? "") === "Léa – Restauration scolaire")
    expect(canteen.length).toBeGreaterThan(20)
    expect(events.find((e) => e.get("DTSTART") === "20261221T073000Z")?.get("SUMMARY")).toBe("Léa – Accueil de loisirs des vacances")
    const uids = events.map((e) => e.get("UID"))
    expect(new Set(uids).size).toBe(uids.length)
    expect(events.every((e) => e.get("SUMMARY")?.startsWith("Léa – "))).toBe(true)
    expect(events.some((e) => e.get("DTSTART") === "20261211T104500Z")).toBe(true)
    expect(events.some((e) => e.get("DTSTART") === "20261210T104500Z")).toBe(false)
  })

  it("answers 404 for a forged, garbled or misdirected token", async () => {
    const client = new BrowserLikeClient(t.url)
    const forged = signLink("un-autre-secret-de-plus-de-32-caracteres", "calendrier", { householdId: concerto.id, childId: lea })
    expect((await client.get(`/calendrier/${forged}.ics`)).status).toBe(404)
    expect((await client.get("/calendrier/nimporte-quoi.ics")).status).toBe(404)
    const otherPurpose = signLink(secret, "courriel", { householdId: concerto.id, childId: lea })
    expect((await client.get(`/calendrier/${otherPurpose}.ics`)).status).toBe(404)
    const lefebvre = await t.householdId("FAM-000103")
    const mismatched = signLink(secret, "calendrier", { householdId: lefebvre, childId: lea })
    expect((await client.get(`/calendrier/${mismatched}.ics`)).status).toBe(404)
    const valid = signLink(secret, "calendrier", { householdId: concerto.id, childId: lea })
    const [payload, signature] = valid.split(".")
    expect((await client.get(`/calendrier/${payload}.${signature?.slice(0, -2)}xx.ics`)).status).toBe(404)
    expect((await client.get(`/calendrier/${valid}.ics`)).status).toBe(200)
  })

  it("folds at 75 octets without splitting a character, and escapes TEXT", () => {
    expect(escapeIcsText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne")
    const line = `SUMMARY:${"é".repeat(60)}`
    const folded = foldIcsLine(line)
    for (const physical of folded.split("\r\n")) expect(new TextEncoder().encode(physical).byteLength).toBeLessThanOrEqual(75)
    expect(folded.replace(/\r\n /g, "")).toBe(line)
    expect(foldIcsLine("SHORT:ok")).toBe("SHORT:ok")
  })
})
