import { apiKeyRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroApiKeyRepository } from "./MikroApiKeyRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  apiKeyRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroApiKeyRepository(db().orm)
  })
})
