import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { migrate, openDatabase, type Database } from "./Database.js"
import { entities } from "./entities.js"
import { freshTestDatabase, testDatabaseKinds, type TestDatabase } from "./testing/TestDatabases.js"

describe.each(testDatabaseKinds())("the database on %s", (kind) => {
  let test: TestDatabase
  let db: Database

  beforeAll(async () => {
    test = await freshTestDatabase(kind)
    db = await openDatabase(test.target, entities)
  })

  afterAll(async () => {
    await db?.close()
    await test?.dispose()
  })

  it("answers, applies the committed migrations once, and records them", async () => {
    const first = await migrate(db)
    const second = await migrate(db)
    expect(second).toEqual([])
    const rows = await db.orm.em.fork().getConnection().execute<Array<{ n: string }>>("select count(*) as n from mikro_orm_migrations")
    expect(Number(rows[0]?.n)).toBe(first.length)
  })

  it("has, after the migrations, exactly the tables and columns the entities map", async () => {
    await migrate(db)
    const diff = await db.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: true })
    expect(diff.trim()).toBe("")
  })

  it("serialises two transactions that lock the same row", async () => {
    const conn = db.orm.em.fork().getConnection()
    await conn.execute("create table if not exists lock_probe (id int primary key, n int not null)")
    await conn.execute("insert into lock_probe values (1, 0) on conflict (id) do update set n = 0")
    const increment = () =>
      db.orm.em.fork().transactional(async (em) => {
        const ctx = em.getTransactionContext()
        const [row] = await em.getConnection().execute<Array<{ n: number }>>("select n from lock_probe where id = 1 for update", [], "all", ctx)
        await em.getConnection().execute("update lock_probe set n = ? where id = 1", [(row?.n ?? 0) + 1], "run", ctx)
      })
    await Promise.all(Array.from({ length: 20 }, increment))
    const [row] = await conn.execute<Array<{ n: number }>>("select n from lock_probe where id = 1")
    expect(row?.n).toBe(20)
  })
})
