import { Effect } from "effect"
import type { AgentActor } from "../account/Actor.js"
import { requirePermission } from "../account/Permission.js"
import { SupportingDocumentRepository, type SupportingDocumentFilter } from "./SupportingDocumentRepository.js"

/** How many documents a page of the agents' review list shows at most. */
export const documentReviewPageSize = 50

/**
 * The agents' list of supporting documents ("Justificatifs"): every household's documents
 * matching the filter (by default those waiting for review), oldest upload first, one page from
 * `offset`, with the total; needs `documents.read`.
 */
export const listDocumentsForReview = (
  agent: AgentActor,
  filter: SupportingDocumentFilter = { reviews: ["Pending"] },
  page: { readonly offset: number; readonly limit: number } = { offset: 0, limit: documentReviewPageSize }
) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "documents.read")
    return yield* (yield* SupportingDocumentRepository).listForReview(filter, page)
  })
