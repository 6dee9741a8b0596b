import { Either, Schema } from "effect"
import type { AgentActor } from "../account/Actor.js"
import type { Instant } from "../shared/Instant.js"
import { DocumentId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { InvalidInput } from "../shared/Validation.js"
import { documentKindLabel, SupportingDocument, DocumentKind } from "./SupportingDocument.js"

/** An agent's decision on a document: accepted with its validity, or rejected with a reason. */
export const DocumentReviewDecision = Schema.Union(
  Schema.TaggedStruct("Accept", { validFrom: LocalDate.LocalDate, validUntil: Schema.optional(LocalDate.LocalDate) }),
  Schema.TaggedStruct("Reject", { reason: Schema.NonEmptyTrimmedString })
).annotations({ identifier: "DocumentReviewDecision" })
export type DocumentReviewDecision = typeof DocumentReviewDecision.Type

/** The document was already reviewed; a family uploads a new one instead. */
export class DocumentAlreadyReviewed extends Schema.TaggedError<DocumentAlreadyReviewed>()("DocumentAlreadyReviewed", {
  documentId: DocumentId,
  kind: DocumentKind,
  review: Schema.Literal("Accepted", "Rejected")
}) {
  override get message(): string {
    return `Ce justificatif (${documentKindLabel(this.kind)}) a déjà été ${this.review === "Accepted" ? "validé" : "refusé"} : une décision ne se modifie pas. Demandez à la famille d'en déposer un nouveau si besoin.`
  }
}

/** Checks that a validity period does not end before it starts. */
export function checkValidityPeriod(
  validFrom: LocalDate.LocalDate | undefined,
  validUntil: LocalDate.LocalDate | undefined,
  subject: string
): Either.Either<void, InvalidInput> {
  if (validFrom !== undefined && validUntil !== undefined && LocalDate.isBefore(validUntil, validFrom)) {
    return Either.left(
      new InvalidInput({
        subject,
        problems: [
          {
            path: "validUntil",
            message: `La fin de validité (${LocalDate.formatFr(validUntil)}) précède son début (${LocalDate.formatFr(validFrom)}) : corrigez l'une des deux dates.`
          }
        ]
      })
    )
  }
  return Either.void
}

/**
 * An agent reviews a pending document `now`: accepted, it takes the validity the agent set;
 * rejected, it keeps the reason the family will read. A reviewed document is not reviewed again.
 */
export function decideDocumentReview(
  document: SupportingDocument,
  decision: DocumentReviewDecision,
  agent: AgentActor,
  now: Instant
): Either.Either<SupportingDocument, DocumentAlreadyReviewed | InvalidInput> {
  if (document.review._tag !== "Pending") {
    return Either.left(new DocumentAlreadyReviewed({ documentId: document.id, kind: document.kind, review: document.review._tag }))
  }
  if (decision._tag === "Reject") {
    return Either.right(new SupportingDocument({ ...document, review: { _tag: "Rejected", by: agent.accountId, at: now, reason: decision.reason } }))
  }
  return Either.map(checkValidityPeriod(decision.validFrom, decision.validUntil, "Validation du justificatif"), () => {
    const { validFrom, validUntil, ...rest } = document
    void validFrom
    void validUntil
    return new SupportingDocument({
      ...rest,
      validFrom: decision.validFrom,
      ...(decision.validUntil === undefined ? {} : { validUntil: decision.validUntil }),
      review: {
        _tag: "Accepted",
        by: agent.accountId,
        at: now,
        validFrom: decision.validFrom,
        ...(decision.validUntil === undefined ? {} : { validUntil: decision.validUntil })
      }
    })
  })
}
