import { householdRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroHouseholdRepository } from "./MikroHouseholdRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  householdRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroHouseholdRepository(db().orm)
  })
})
