import { absenceRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroAbsenceRepository } from "./MikroAbsenceRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  absenceRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroAbsenceRepository(db().orm)
  })
})
