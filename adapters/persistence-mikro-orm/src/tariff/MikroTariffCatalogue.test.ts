import { tariffCatalogueContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroTariffCatalogue } from "./MikroTariffCatalogue.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  tariffCatalogueContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroTariffCatalogue(db().orm)
  })
})
