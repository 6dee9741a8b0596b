import { townCalendarSourceContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroTownCalendarSource } from "./MikroTownCalendarSource.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  townCalendarSourceContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroTownCalendarSource(db().orm)
  })
})
