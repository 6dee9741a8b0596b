import { fileStoreContract, supportingDocumentRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroFileStore } from "./MikroFileStore.js"
import { mikroSupportingDocumentRepository } from "./MikroSupportingDocumentRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  supportingDocumentRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroSupportingDocumentRepository(db().orm)
  })
  fileStoreContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroFileStore(db().orm)
  })
})
