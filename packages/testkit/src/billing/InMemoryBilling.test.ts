import { creditNoteRepositoryContract } from "./CreditNoteRepositoryContract.js"
import { documentNumberingContract } from "./DocumentNumberingContract.js"
import { inMemoryCreditNoteRepository } from "./InMemoryCreditNoteRepository.js"
import { inMemoryDocumentNumbering } from "./InMemoryDocumentNumbering.js"
import { inMemoryInvoiceRepository } from "./InMemoryInvoiceRepository.js"
import { invoiceRepositoryContract } from "./InvoiceRepositoryContract.js"

invoiceRepositoryContract("in memory", inMemoryInvoiceRepository)
creditNoteRepositoryContract("in memory", inMemoryCreditNoteRepository)
documentNumberingContract("in memory", inMemoryDocumentNumbering)
