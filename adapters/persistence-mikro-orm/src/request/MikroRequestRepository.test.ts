import { requestRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroRequestRepository } from "./MikroRequestRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  requestRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroRequestRepository(db().orm)
  })
})
