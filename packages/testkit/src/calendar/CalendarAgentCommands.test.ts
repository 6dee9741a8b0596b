import { applySchoolCalendarImport, AuditLog, previewSchoolCalendarImport, SchoolHolidayPeriod, TownCalendarSource, townCalendarFromOfficialData } from "@spe/core"
import { Effect, Layer, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { inMemoryTownCalendarSource } from "./InMemoryTownCalendarSource.js"
import { zoneBTestIcs2027 } from "./SchoolCalendarIcsFixtures.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"

const admin = anAgent("admin", "Alice ADMIN")

function world() {
  const layer = Layer.mergeAll(inMemoryTownCalendarSource(townCalendarFromOfficialData("B")), inMemoryAuditLog(), makeTestClock("2026-06-01T08:00:00Z").layer, sequentialIds())
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.flip(effect))
  return { run, attempt }
}

const plain = (periods: ReadonlyArray<SchoolHolidayPeriod>) => periods.map((p) => [p.name, p.start, p.end])

describe("importing the ministry's school calendar", () => {
  it("shows what a file adds before applying it, then stores it as confirmed data; audited calendar.import", async () => {
    const w = world()
    const preview = await w.run(previewSchoolCalendarImport(zoneBTestIcs2027))
    expect(preview.skipped).toEqual(["2026-2027"])
    expect(preview.years.map((y) => [y.schoolYear, y.knownBefore, y.replaced.length])).toEqual([["2027-2028", "unknown", 0]])
    expect(plain(preview.years[0]?.periods ?? [])).toEqual([
      ["Vacances de la Toussaint", "2027-10-23", "2027-11-07"],
      ["Vacances de Noël", "2027-12-18", "2028-01-02"],
      ["Vacances d'Hiver", "2028-02-19", "2028-03-05"],
      ["Vacances de Printemps", "2028-04-15", "2028-05-01"],
      ["Vacances d'Été", "2028-07-08", "2028-08-31"]
    ])
    expect((await w.run(Effect.flatMap(TownCalendarSource, (s) => s.get))).knownSchoolYears.some((k) => k.schoolYear === "2027-2028")).toBe(false)
    const years = Schema.encodeSync(Schema.Array(Schema.Struct({ schoolYear: Schema.String, periods: Schema.Array(SchoolHolidayPeriod) })))(preview.years)
    const applied = await w.run(applySchoolCalendarImport(admin, { years: JSON.parse(JSON.stringify(years)) }))
    expect(applied.schoolYears).toEqual(["2027-2028"])
    const calendar = await w.run(Effect.flatMap(TownCalendarSource, (s) => s.get))
    expect(calendar.knownSchoolYears.find((k) => k.schoolYear === "2027-2028")).toEqual({ schoolYear: "2027-2028", placeholder: false })
    expect(plain(calendar.schoolHolidays.filter((p) => p.schoolYear === "2027-2028"))).toHaveLength(5)
    const [record] = await w.run(Effect.flatMap(AuditLog, (log) => log.list({})))
    expect(record).toMatchObject({ action: "calendar.import", outcome: "done", target: { kind: "calendar" }, before: [{ schoolYear: "2027-2028", knownBefore: "unknown", periods: [] }] })
    expect(record?.after).toMatchObject([{ schoolYear: "2027-2028", knownBefore: "confirmed" }])
  })

  it("refuses an unreadable file, a file of another zone, and years tampered with", async () => {
    const w = world()
    const unreadable = await w.attempt(previewSchoolCalendarImport("pas un calendrier"))
    expect(unreadable._tag).toBe("SchoolCalendarIcsInvalid")
    expect(unreadable.message).toContain("Le fichier ICS du calendrier scolaire est mal formé")
    const otherZone = await w.attempt(previewSchoolCalendarImport(zoneBTestIcs2027.replace("Calendrier Scolaire Zone B", "Calendrier Scolaire Zone A")))
    expect(otherZone.message).toContain("ce fichier est le calendrier de la zone A, pas celui de la zone B")
    const tampered = await w.attempt(applySchoolCalendarImport(admin, { years: [{ schoolYear: "2027-2028", periods: [{ name: "Vacances", schoolYear: "2027-2028", start: "2024-10-19", end: "2024-11-03" }] }] }))
    expect(tampered._tag).toBe("SchoolYearHolidaysRejected")
    const garbage = await w.attempt(applySchoolCalendarImport(admin, { years: "rien" }))
    expect(garbage._tag).toBe("InvalidInput")
  })
})
