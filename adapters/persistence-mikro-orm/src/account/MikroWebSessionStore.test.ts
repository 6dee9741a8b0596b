import { webSessionStoreContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroWebSessionStore } from "./MikroWebSessionStore.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  webSessionStoreContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroWebSessionStore(db().orm)
  })
})
