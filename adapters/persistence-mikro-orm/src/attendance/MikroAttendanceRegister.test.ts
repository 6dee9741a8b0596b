import { attendanceRegisterContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroAttendanceRegister } from "./MikroAttendanceRegister.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  attendanceRegisterContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroAttendanceRegister(db().orm)
  })
})
