import { ActivityId, TariffCatalogue, TariffGridId, Transactions } from "@spe/core"
import { aTariffGrid } from "@spe/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroTariffCatalogue } from "./MikroTariffCatalogue.js"

describe.each(testDatabaseKinds())("tariff grids under concurrency on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)

  it("keeps one grid per activity and school year when rival grids are saved at once, each in a transaction", async () => {
    await empty()
    const orm = db().orm
    const runtime = ManagedRuntime.make(Layer.merge(mikroTariffCatalogue(orm), mikroTransactions(orm)))
    const rivals = Array.from({ length: 8 }, (_, i) =>
      aTariffGrid({ id: TariffGridId.make(`grid-${i}`), activityIds: [ActivityId.make(`own-${i}`), ActivityId.make("canteen")] })
    )
    const saves = await runtime.runPromise(
      Effect.all(
        rivals.map((grid) =>
          Effect.either(Effect.flatMap(Transactions, (tx) => tx.withTransaction(Effect.flatMap(TariffCatalogue, (c) => c.save(grid)))))
        ),
        { concurrency: "unbounded" }
      )
    )
    const kept = await runtime.runPromise(Effect.flatMap(TariffCatalogue, (c) => c.listForSchoolYear("2025-2026")))
    const canteen = await runtime.runPromise(Effect.flatMap(TariffCatalogue, (c) => c.gridFor(ActivityId.make("canteen"), "2025-2026")))
    await runtime.dispose()
    const refusals = saves.flatMap((s) => (s._tag === "Left" ? [s.left] : []))
    expect(kept.map((g) => g.id)).toEqual([canteen.id])
    expect(refusals).toHaveLength(7)
    expect(refusals.every((r) => r._tag === "TariffGridOverlap" && r.otherGridId === canteen.id && r.activityId === "canteen")).toBe(true)
  })
})
