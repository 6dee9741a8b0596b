import { Context, type Effect } from "effect"
import type { DocumentId, HouseholdId } from "../shared/Ids.js"
import type { DocumentKind, DocumentNotFound, DocumentReview, SupportingDocument } from "./SupportingDocument.js"

/** Which of a household's documents to list; every field narrows. */
export interface SupportingDocumentFilter {
  readonly kinds?: ReadonlyArray<DocumentKind>
  readonly reviews?: ReadonlyArray<DocumentReview["_tag"]>
}

/** A page of the agents' review queue (or of `listForReview`). */
export interface PendingDocumentsPage {
  readonly items: ReadonlyArray<SupportingDocument>
  /** How many documents wait for review in all. */
  readonly total: number
}

/** Where supporting documents' records are kept (their bytes are in the `FileStore`). */
export class SupportingDocumentRepository extends Context.Tag("@spe/core/SupportingDocumentRepository")<
  SupportingDocumentRepository,
  {
    readonly get: (id: DocumentId) => Effect.Effect<SupportingDocument, DocumentNotFound>
    /** Inserts or replaces by id. */
    readonly save: (document: SupportingDocument) => Effect.Effect<void>
    /** Removes the record; removing a missing one changes nothing. */
    readonly remove: (id: DocumentId) => Effect.Effect<void>
    /** A household's documents, newest upload first. */
    readonly listByHousehold: (
      householdId: HouseholdId,
      filter?: SupportingDocumentFilter
    ) => Effect.Effect<ReadonlyArray<SupportingDocument>>
    /** Documents waiting for review, oldest upload first, `limit` from `offset`. */
    readonly listPendingReview: (page: { readonly offset: number; readonly limit: number }) => Effect.Effect<PendingDocumentsPage>
    /**
     * Every household's documents matching the filter (all of them without one), oldest upload
     * first (ties by id), `limit` from `offset`; `total` counts every match.
     */
    readonly listForReview: (
      filter: SupportingDocumentFilter,
      page: { readonly offset: number; readonly limit: number }
    ) => Effect.Effect<PendingDocumentsPage>
  }
>() {}
