import { Effect, Schema } from "effect"
import { AccountNotLinked } from "../account/Account.js"
import type { AgentActor, FamilyActor } from "../account/Actor.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { Digest, Sha256Hex } from "../account/Digest.js"
import { requirePermission } from "../account/Permission.js"
import { RequestRepository } from "../request/RequestRepository.js"
import { requestKindLabel } from "../request/RequestPayload.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { DocumentId, type HouseholdId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import { canReadDocument, DocumentAccessDenied } from "./DocumentAccess.js"
import { checkValidityPeriod, decideDocumentReview, type DocumentReviewDecision } from "./DocumentReviewDecision.js"
import { FileStore } from "./FileStore.js"
import { StoredFile, SupportingDocument, type DocumentKind } from "./SupportingDocument.js"
import { SupportingDocumentRepository, type SupportingDocumentFilter } from "./SupportingDocumentRepository.js"
import { checkUpload, defaultUploadPolicy, type UploadPolicy } from "./UploadPolicy.js"

/** A file a family uploads to its storage space, with the validity it reads on the document. */
export interface UploadSupportingDocumentInput {
  readonly kind: DocumentKind
  readonly name: string
  readonly mediaType: string
  readonly bytes: Uint8Array
  readonly validFrom?: LocalDate
  readonly validUntil?: LocalDate
}

/** The document is attached to requests and cannot be deleted. */
export class DocumentInUse extends Schema.TaggedError<DocumentInUse>()("DocumentInUse", {
  documentId: DocumentId,
  requestLabels: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `Ce justificatif est joint à ${this.requestLabels.length > 1 ? "des demandes" : "une demande"} (${this.requestLabels.join(", ")}) : il doit rester consultable par le Service à la Population et ne peut pas être supprimé.`
  }
}

/**
 * A family uploads a supporting document: the upload policy (size, type, content) is checked, the
 * bytes go to the `FileStore`, the record (with the SHA-256 from `Digest`) waits for review.
 */
export const uploadSupportingDocument = (family: FamilyActor, input: UploadSupportingDocumentInput, policy: UploadPolicy = defaultUploadPolicy) =>
  Effect.gen(function* () {
    const householdId = family.householdId
    if (householdId === undefined) return yield* Effect.fail(new AccountNotLinked({ accountId: family.accountId }))
    const name = input.name.trim().length > 0 ? input.name.trim() : "justificatif"
    const mediaType = yield* checkUpload({ name, mediaType: input.mediaType, bytes: input.bytes }, policy)
    yield* checkValidityPeriod(input.validFrom, input.validUntil, "Justificatif")
    const sha256 = Sha256Hex.make(yield* (yield* Digest).sha256Hex(input.bytes))
    const key = yield* (yield* FileStore).put(input.bytes, { name, mediaType })
    const document = new SupportingDocument({
      id: DocumentId.make(yield* (yield* IdGenerator).next("doc")),
      householdId,
      kind: input.kind,
      file: new StoredFile({ key, name, mediaType, sizeBytes: input.bytes.length, sha256 }),
      uploadedAt: yield* (yield* Clock).now,
      uploadedBy: family.accountId,
      ...(input.validFrom === undefined ? {} : { validFrom: input.validFrom }),
      ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
      review: { _tag: "Pending" }
    })
    yield* (yield* SupportingDocumentRepository).save(document)
    return document
  })

/** A document and its bytes, for its household or an agent (`canReadDocument`). */
export const readSupportingDocument = (viewer: FamilyActor | AgentActor, documentId: DocumentId) =>
  Effect.gen(function* () {
    const document = yield* (yield* SupportingDocumentRepository).get(documentId)
    if (!canReadDocument(viewer, document)) {
      return yield* Effect.fail(new DocumentAccessDenied({ documentId, accountId: viewer.accountId }))
    }
    const bytes = yield* (yield* FileStore).get(document.file.key)
    return { document, bytes }
  })

/** A household's documents ("espace de stockage des justificatifs"), for the household or an agent. */
export const listHouseholdDocuments = (viewer: FamilyActor | AgentActor, householdId: HouseholdId, filter: SupportingDocumentFilter = {}) =>
  Effect.gen(function* () {
    if (viewer._tag === "AgentActor") yield* requirePermission(viewer, "documents.read")
    else if (viewer.householdId !== householdId) {
      return yield* Effect.fail(new DocumentAccessDenied({ accountId: viewer.accountId }))
    }
    return yield* (yield* SupportingDocumentRepository).listByHousehold(householdId, filter)
  })

/** A family deletes one of its documents, unless a request refers to it. */
export const deleteSupportingDocument = (family: FamilyActor, documentId: DocumentId) =>
  Effect.gen(function* () {
    const documents = yield* SupportingDocumentRepository
    const document = yield* documents.get(documentId)
    if (!canReadDocument(family, document)) {
      return yield* Effect.fail(new DocumentAccessDenied({ documentId, accountId: family.accountId }))
    }
    const requests = yield* (yield* RequestRepository).listByDocument(documentId)
    if (requests.length > 0) {
      return yield* Effect.fail(new DocumentInUse({ documentId, requestLabels: requests.map((r) => requestKindLabel(r.payload)) }))
    }
    yield* (yield* FileStore).delete(document.file.key)
    yield* documents.remove(documentId)
  })

/** What replacing a document did with the one it replaces. */
export type ReplacedDocumentOutcome =
  | { readonly _tag: "Deleted" }
  /** Kept because requests refer to it (their labels): the Service à la Population still reads it there. */
  | { readonly _tag: "KeptForRequests"; readonly requestLabels: ReadonlyArray<string> }

/**
 * A family replaces one of its documents with a new file of the same kind ("Remplacer"): the new
 * file is checked and stored as `uploadSupportingDocument` does, then the old one is deleted, or
 * kept when a request refers to it (`DocumentInUse`), so the requests keep their proof.
 */
export const replaceSupportingDocument = (
  family: FamilyActor,
  documentId: DocumentId,
  input: Omit<UploadSupportingDocumentInput, "kind">,
  policy: UploadPolicy = defaultUploadPolicy
) =>
  Effect.gen(function* () {
    const old = yield* (yield* SupportingDocumentRepository).get(documentId)
    if (!canReadDocument(family, old)) {
      return yield* Effect.fail(new DocumentAccessDenied({ documentId, accountId: family.accountId }))
    }
    const document = yield* uploadSupportingDocument(family, { ...input, kind: old.kind }, policy)
    const replaced: ReplacedDocumentOutcome = yield* deleteSupportingDocument(family, documentId).pipe(
      Effect.as({ _tag: "Deleted" } as const),
      Effect.catchTag("DocumentInUse", (inUse) => Effect.succeed({ _tag: "KeptForRequests" as const, requestLabels: inUse.requestLabels }))
    )
    return { document, replaced }
  })

/** An agent accepts (with its validity) or rejects (with a reason) a pending document. */
export const reviewSupportingDocument = auditedAgentCommand({
  action: "documents.review",
  permission: "documents.review",
  target: (input: { readonly documentId: DocumentId }) => ({ kind: "document", id: input.documentId }),
  run: (agent, input: { readonly documentId: DocumentId; readonly decision: DocumentReviewDecision }) =>
    Effect.gen(function* () {
      const documents = yield* SupportingDocumentRepository
      const before = yield* documents.get(input.documentId)
      const after = yield* decideDocumentReview(before, input.decision, agent, yield* (yield* Clock).now)
      yield* documents.save(after)
      return { result: after, before: toAuditJson(SupportingDocument, before), after: toAuditJson(SupportingDocument, after) }
    })
})

