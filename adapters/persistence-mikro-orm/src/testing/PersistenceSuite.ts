import { afterAll, beforeAll } from "vitest"
import { migrate, openDatabase, type Database } from "../Database.js"
import { entities } from "../entities.js"
import { freshTestDatabase, type TestDatabase } from "./TestDatabases.js"

/**
 * Opens a fresh, migrated database of a kind for the suite that calls it, closed and dropped after
 * it. `empty()` clears every table the adapter maps, so a contract's `makeLayer` starts from nothing.
 */
export function useMigratedDatabase(kind: "PGlite" | "PostgreSQL"): { readonly db: () => Database; readonly empty: () => Promise<void> } {
  let test: TestDatabase | undefined
  let db: Database | undefined
  beforeAll(async () => {
    test = await freshTestDatabase(kind)
    db = await openDatabase(test.target, entities)
    await migrate(db)
  })
  afterAll(async () => {
    await db?.close()
    await test?.dispose()
  })
  const current = (): Database => {
    if (db === undefined) throw new Error("the test database is not open yet")
    return db
  }
  return {
    db: current,
    empty: async () => {
      const tables = current().orm.getMetadata().getAll()
      const names = Object.values(tables).map((meta) => meta.tableName)
      if (names.length > 0) await current().orm.em.fork().getConnection().execute(names.map((name) => `delete from ${name};`).join(" "))
    }
  }
}
