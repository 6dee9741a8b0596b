import { fileStoreContract } from "./FileStoreContract.js"
import { inMemoryFileStore } from "./InMemoryFileStore.js"
import { inMemorySupportingDocumentRepository } from "./InMemorySupportingDocumentRepository.js"
import { supportingDocumentRepositoryContract } from "./SupportingDocumentRepositoryContract.js"

fileStoreContract("in memory", () => inMemoryFileStore())
supportingDocumentRepositoryContract("in memory", () => inMemorySupportingDocumentRepository())
