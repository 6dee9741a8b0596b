import {
  accountRepositoryContract,
  auditLogContract,
  householdLinkCodesContract,
  loginFailureLogContract,
  passwordResetTokenRepositoryContract
} from "@spe/testkit"
import { Effect } from "effect"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroAccountRepository } from "./MikroAccountRepository.js"
import { mikroAuditLog } from "./MikroAuditLog.js"
import { mikroHouseholdLinkCodes, saveHouseholdLinkCodes } from "./MikroHouseholdLinkCodes.js"
import { mikroLoginFailureLog } from "./MikroLoginFailureLog.js"
import { mikroPasswordResetTokenRepository } from "./MikroPasswordResetTokenRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  accountRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroAccountRepository(db().orm)
  })
  auditLogContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroAuditLog(db().orm)
  })
  passwordResetTokenRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroPasswordResetTokenRepository(db().orm)
  })
  loginFailureLogContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroLoginFailureLog(db().orm)
  })
  householdLinkCodesContract(`MikroORM on ${kind}`, async (codes) => {
    await empty()
    await Effect.runPromise(saveHouseholdLinkCodes(db().orm, codes))
    return mikroHouseholdLinkCodes(db().orm)
  })
})
