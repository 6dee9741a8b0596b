import { activityCatalogueContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroActivityCatalogue } from "./MikroActivityCatalogue.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  activityCatalogueContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroActivityCatalogue(db().orm)
  })
})
