import { ActivityId, AuditLog, Cents, type Clock, type IdGenerator, priceSession, previewTariffGrid, saveTariffGrid, TariffCatalogue, TariffGrid, TariffGridId, tariffPreviewColumns } from "@spe/core"
import { Effect, Layer, ManagedRuntime, Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { inMemoryTariffCatalogue } from "./InMemoryTariffCatalogue.js"
import { aTariffGrid } from "./TariffFixtures.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"

const admin = anAgent("admin", "Alice ADMIN")
const billing = anAgent("billing", "Régis RÉGIE")
type Ports = TariffCatalogue | AuditLog | Clock | IdGenerator
const runtimes: Array<ManagedRuntime.ManagedRuntime<Ports, never>> = []

afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.dispose()
})

function world() {
  const runtime = ManagedRuntime.make(Layer.mergeAll(inMemoryTariffCatalogue([aTariffGrid()]), inMemoryAuditLog(), makeTestClock("2026-06-01T08:00:00Z").layer, sequentialIds()))
  runtimes.push(runtime)
  const run = <A, E>(effect: Effect.Effect<A, E, Ports>) => runtime.runPromise(effect)
  const attempt = <A, E>(effect: Effect.Effect<A, E, Ports>) => runtime.runPromise(Effect.flip(effect))
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { run, attempt, audit }
}

const encoded = (grid: TariffGrid) => {
  const { id: _id, ...fields } = Schema.encodeSync(TariffGrid)(grid) as unknown as Record<string, unknown>
  return fields
}

describe("agents' tariff grids", () => {
  it("saves an edit of a grid, audited tariffs.save with the grid before and after", async () => {
    const w = world()
    const edited = aTariffGrid({ label: "Restauration scolaire 2025-2026", costOfProduction: Cents.cents(900) })
    const saved = await w.run(saveTariffGrid(admin, { gridId: TariffGridId.make("grid-canteen-2025"), grid: encoded(edited) }))
    expect(saved).toEqual(edited)
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "tariffs.save", outcome: "done", actorName: "Alice ADMIN", target: { kind: "tariff-grid", id: "grid-canteen-2025" } })
    expect(record?.before).toMatchObject({ label: "Restauration scolaire", costOfProduction: 800 })
    expect(record?.after).toMatchObject({ label: "Restauration scolaire 2025-2026", costOfProduction: 900 })
  })

  it("creates a grid with an id from its activity and year, and refuses one pricing an activity already priced that year", async () => {
    const w = world()
    const fresh = { ...encoded(aTariffGrid()), activityIds: ["accueil-soir"], schoolYear: "2026-2027", mode: { _tag: "Flat", price: 150 } }
    const created = await w.run(saveTariffGrid(admin, { grid: fresh }))
    expect(created.id).toBe("grille-accueil-soir-2026")
    const again = await w.run(saveTariffGrid(admin, { grid: { ...fresh, schoolYear: "2027-2028" } }))
    expect(again.id).toBe("grille-accueil-soir-2027")
    const overlap = await w.attempt(saveTariffGrid(admin, { grid: { ...fresh, activityIds: ["canteen"], schoolYear: "2025-2026" } }))
    expect(overlap._tag).toBe("TariffGridOverlap")
    const gaps = await w.attempt(
      saveTariffGrid(admin, { grid: { ...fresh, mode: { _tag: "Bands", bands: [{ label: "T1", fromQf: 0, toQf: 500, price: 100 }, { label: "T2", fromQf: 600, price: 200 }] } } })
    )
    expect(gaps._tag === "InvalidInput" && gaps.problems).toEqual([{ path: "mode.bands.1.fromQf", message: "Trou entre les tranches : les QF de 501 à 599 n'ont pas de tarif." }])
    const denied = await w.attempt(saveTariffGrid(billing, { grid: fresh }))
    expect(denied._tag).toBe("PermissionDenied")
    expect((await w.audit()).map((r) => r.outcome)).toEqual(["denied", "refused", "refused", "done", "done"])
    expect((await w.run(Effect.flatMap(TariffCatalogue, (c) => c.gridFor(ActivityId.make("accueil-soir"), "2026-2027")))).id).toBe("grille-accueil-soir-2026")
  })

  it("previews a grid with the very prices priceSession gives, for sample QFs and without a QF", () => {
    const grid = aTariffGrid({ modifiers: { nonResident: { _tag: "Percent", rate: Cents.basisPoints(2000) }, siblings: { second: Cents.basisPoints(1000), thirdAndMore: Cents.basisPoints(2000) }, unreservedPresence: { _tag: "FixedPrice", price: Cents.cents(1000) } } })
    const rows = previewTariffGrid(grid)
    expect(rows.map((r) => r.label)).toEqual(["QF 300 €", "QF 500 €", "QF 700 €", "QF 900 €", "QF 1200 €", "QF 2000 €", "Sans QF valide"])
    for (const row of rows) {
      tariffPreviewColumns.forEach((column, i) => {
        const expected = priceSession(grid, {
          quotient: row.qf === undefined ? { _tag: "QuotientMissing" } : { _tag: "QuotientKnown", qf: row.qf, source: "simulation" },
          residency: column.residency,
          childRank: column.childRank,
          circumstance: column.circumstance
        })
        expect(row.cells[i]).toEqual({ column: column.key, amount: expected.amount, summary: expected.explanation.summary })
      })
    }
    expect(rows[0]?.cells.map((c) => c.amount)).toEqual([100, 120, 90, 80, 800, 100])
    expect(rows[6]?.cells[0]?.amount).toBe(420)
  })
})
