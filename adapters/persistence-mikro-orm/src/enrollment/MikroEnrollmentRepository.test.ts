import { enrollmentRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroEnrollmentRepository } from "./MikroEnrollmentRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  enrollmentRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroEnrollmentRepository(db().orm)
  })
})
