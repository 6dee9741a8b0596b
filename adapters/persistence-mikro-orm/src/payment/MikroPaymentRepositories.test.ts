import { paymentIntentRepositoryContract, paymentRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroPaymentIntentRepository } from "./MikroPaymentIntentRepository.js"
import { mikroPaymentRepository } from "./MikroPaymentRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  paymentRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroPaymentRepository(db().orm)
  })
  paymentIntentRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroPaymentIntentRepository(db().orm)
  })
})
