import { mailOutboxContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroMailOutbox } from "./MikroMailOutbox.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  mailOutboxContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroMailOutbox(db().orm)
  })
})
