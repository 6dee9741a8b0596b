import { Schema } from "effect"
import { Instant } from "../shared/Instant.js"
import { AccountId, AuditRecordId } from "../shared/Ids.js"
import { AgentRole, Permission } from "./Permission.js"

/** Data that JSON can carry as is: what an audit record keeps of a value before and after a command. */
export type JsonValue = null | boolean | number | string | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue }

/** Schema of `JsonValue`. */
export const JsonValue: Schema.Schema<JsonValue> = Schema.Union(
  Schema.Null,
  Schema.Boolean,
  Schema.Number,
  Schema.String,
  Schema.Array(Schema.suspend((): Schema.Schema<JsonValue> => JsonValue)),
  Schema.Record({ key: Schema.String, value: Schema.suspend((): Schema.Schema<JsonValue> => JsonValue) })
).annotations({ identifier: "JsonValue" })

/**
 * The JSON form of a value through its schema (a `Schema.Class` instance becomes a plain object),
 * as an audit record stores it.
 */
export function toAuditJson<A, I>(schema: Schema.Schema<A, I>, value: A): JsonValue {
  return Schema.encodeSync(schema)(value) as JsonValue
}

/** What an agent's command acted on: a kind (`request`, `document`, `household`…) and its id. */
export class AuditTarget extends Schema.Class<AuditTarget>("AuditTarget")({
  kind: Schema.NonEmptyTrimmedString,
  id: Schema.NonEmptyTrimmedString
}) {}

/** How the command ended: done, refused by the agent's role, or refused by a rule. */
export const AuditOutcome = Schema.Literal("done", "denied", "refused").annotations({ identifier: "AuditOutcome" })
export type AuditOutcome = typeof AuditOutcome.Type

/** One agent command, recorded: who, when, what, on what, and the data before and after. */
export class AuditRecord extends Schema.Class<AuditRecord>("AuditRecord")({
  id: AuditRecordId,
  at: Instant,
  actorAccountId: AccountId,
  actorName: Schema.NonEmptyTrimmedString,
  actorRole: AgentRole,
  action: Schema.NonEmptyTrimmedString,
  permission: Permission,
  target: AuditTarget,
  outcome: AuditOutcome,
  /** Why the command was refused (the French message the agent saw). */
  reason: Schema.optional(Schema.String),
  before: JsonValue,
  after: JsonValue
}) {}
