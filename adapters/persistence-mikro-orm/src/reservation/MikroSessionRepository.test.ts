import { sessionRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroSessionRepository } from "./MikroSessionRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  sessionRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroSessionRepository(db().orm)
  })
})
