import { quotientRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroQuotientRepository } from "./MikroQuotientRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  quotientRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroQuotientRepository(db().orm)
  })
})
