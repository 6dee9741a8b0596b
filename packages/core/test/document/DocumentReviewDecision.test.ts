import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { AgentActor } from "../../src/account/Actor.js"
import { Sha256Hex } from "../../src/account/Digest.js"
import * as Instant from "../../src/shared/Instant.js"
import { AccountId, DocumentId, HouseholdId } from "../../src/shared/Ids.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { decideDocumentReview } from "../../src/document/DocumentReviewDecision.js"
import { StoredFileKey } from "../../src/document/FileStore.js"
import { isDocumentValidOn, MediaType, StoredFile, SupportingDocument } from "../../src/document/SupportingDocument.js"

const d = LocalDate.unsafe
const agent = new AgentActor({ accountId: AccountId.make("acc-claire"), displayName: "Claire Agent", role: "agent" })
const now = Instant.unsafe("2026-06-02T08:00:00Z")
const document = new SupportingDocument({
  id: DocumentId.make("doc-1"),
  householdId: HouseholdId.make("hh-concerto"),
  kind: "taxNotice",
  file: new StoredFile({ key: StoredFileKey.make("file-1"), name: "avis-2025.pdf", mediaType: MediaType.make("application/pdf"), sizeBytes: 182_331, sha256: Sha256Hex.make("e".repeat(64)) }),
  uploadedAt: Instant.unsafe("2026-06-01T19:12:00Z"),
  uploadedBy: AccountId.make("acc-anne"),
  validFrom: d("2026-01-01"),
  review: { _tag: "Pending" }
})

describe("Reviewing a document", () => {
  it("accepts with the validity the agent sets, valid inside it only", () => {
    const accepted = decideDocumentReview(document, { _tag: "Accept", validFrom: d("2026-01-01"), validUntil: d("2026-12-31") }, agent, now)
    if (Either.isLeft(accepted)) throw accepted.left
    expect(accepted.right.review).toEqual({ _tag: "Accepted", by: "acc-claire", at: now, validFrom: "2026-01-01", validUntil: "2026-12-31" })
    expect(accepted.right.validUntil).toBe("2026-12-31")
    expect(isDocumentValidOn(accepted.right, d("2026-12-31"))).toBe(true)
    expect(isDocumentValidOn(accepted.right, d("2027-01-01"))).toBe(false)
    expect(isDocumentValidOn(document, d("2026-06-01"))).toBe(false)
  })

  it("rejects with a reason, then refuses a second review", () => {
    const rejected = decideDocumentReview(document, { _tag: "Reject", reason: "Avis illisible : seule la première page est jointe." }, agent, now)
    if (Either.isLeft(rejected)) throw rejected.left
    expect(rejected.right.review._tag).toBe("Rejected")
    const again = decideDocumentReview(rejected.right, { _tag: "Accept", validFrom: d("2026-01-01") }, agent, now)
    expect(Either.isLeft(again) && again.left.message).toBe(
      "Ce justificatif (avis d'imposition) a déjà été refusé : une décision ne se modifie pas. Demandez à la famille d'en déposer un nouveau si besoin."
    )
  })

  it("refuses a validity that ends before it starts", () => {
    const wrong = decideDocumentReview(document, { _tag: "Accept", validFrom: d("2026-09-01"), validUntil: d("2026-08-31") }, agent, now)
    expect(Either.isLeft(wrong) && wrong.left._tag).toBe("InvalidInput")
    expect(Either.isLeft(wrong) && wrong.left.message).toContain("précède son début")
  })
})
