import { Schema } from "effect"
import type { AgentActor, FamilyActor } from "../account/Actor.js"
import { roleHasPermission } from "../account/Permission.js"
import { AccountId, DocumentId, type HouseholdId } from "../shared/Ids.js"

/**
 * Whether someone may read a document: the household that owns it, or an agent (whose role lets
 * them read documents; every role does). Nobody else, not even another family.
 */
export function canReadDocument(
  viewer: FamilyActor | AgentActor,
  document: { readonly householdId: HouseholdId }
): boolean {
  if (viewer._tag === "AgentActor") return roleHasPermission(viewer.role, "documents.read")
  return viewer.householdId !== undefined && viewer.householdId === document.householdId
}

/** Someone who is neither the owner household nor an agent asked for a document. */
export class DocumentAccessDenied extends Schema.TaggedError<DocumentAccessDenied>()("DocumentAccessDenied", {
  /** Absent when a whole household's list was asked for. */
  documentId: Schema.optional(DocumentId),
  accountId: AccountId
}) {
  override get message(): string {
    return `${this.documentId === undefined ? "Ces justificatifs appartiennent" : "Ce justificatif appartient"} à un autre foyer : seuls ce foyer et les agents du Service à la Population peuvent les consulter.`
  }
}
