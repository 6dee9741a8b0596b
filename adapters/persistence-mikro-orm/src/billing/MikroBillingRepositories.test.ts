import { creditNoteRepositoryContract, documentNumberingContract, invoiceRepositoryContract } from "@spe/testkit"
import { describe } from "vitest"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { mikroCreditNoteRepository } from "./MikroCreditNoteRepository.js"
import { mikroDocumentNumbering } from "./MikroDocumentNumbering.js"
import { mikroInvoiceRepository } from "./MikroInvoiceRepository.js"

describe.each(testDatabaseKinds())("on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)
  invoiceRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroInvoiceRepository(db().orm)
  })
  creditNoteRepositoryContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroCreditNoteRepository(db().orm)
  })
  documentNumberingContract(`MikroORM on ${kind}`, async () => {
    await empty()
    return mikroDocumentNumbering(db().orm)
  })
})
