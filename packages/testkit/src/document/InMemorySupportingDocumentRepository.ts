import { DocumentNotFound, type SupportingDocument, type SupportingDocumentFilter, SupportingDocumentRepository } from "@spe/core"
import { Effect, Layer } from "effect"

const matches = (document: SupportingDocument, filter: SupportingDocumentFilter = {}): boolean =>
  (filter.kinds === undefined || filter.kinds.includes(document.kind)) &&
  (filter.reviews === undefined || filter.reviews.includes(document.review._tag))

/** Document records kept in a map; each call gives a fresh store, shared by every use of the layer. */
export function inMemorySupportingDocumentRepository(initial: ReadonlyArray<SupportingDocument> = []): Layer.Layer<SupportingDocumentRepository> {
  const documents = new Map(initial.map((d) => [d.id, d]))
  const oldestFirst = (keep: (d: SupportingDocument) => boolean): ReadonlyArray<SupportingDocument> =>
    [...documents.values()]
      .map((document, order) => ({ document, order }))
      .filter(({ document }) => keep(document))
      .sort((a, b) => (a.document.uploadedAt < b.document.uploadedAt ? -1 : a.document.uploadedAt > b.document.uploadedAt ? 1 : a.order - b.order))
      .map(({ document }) => document)
  return Layer.succeed(SupportingDocumentRepository, {
    get: (id) =>
      Effect.suspend(() => {
        const found = documents.get(id)
        return found === undefined ? Effect.fail(new DocumentNotFound({ documentId: id })) : Effect.succeed(found)
      }),
    save: (document) => Effect.sync(() => void documents.set(document.id, document)),
    remove: (id) => Effect.sync(() => void documents.delete(id)),
    listByHousehold: (householdId, filter) =>
      Effect.sync(() => [...oldestFirst((d) => d.householdId === householdId && matches(d, filter))].reverse()),
    listPendingReview: (page) =>
      Effect.sync(() => {
        const pending = oldestFirst((d) => d.review._tag === "Pending")
        return { items: pending.slice(page.offset, page.offset + page.limit), total: pending.length }
      }),
    listForReview: (filter, page) =>
      Effect.sync(() => {
        const found = [...documents.values()]
          .filter((d) => matches(d, filter))
          .sort((a, b) => (a.uploadedAt !== b.uploadedAt ? (a.uploadedAt < b.uploadedAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        return { items: found.slice(Math.max(0, page.offset), Math.max(0, page.offset) + Math.max(0, page.limit)), total: found.length }
      })
  })
}
