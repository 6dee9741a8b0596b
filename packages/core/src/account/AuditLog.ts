import { Context, type Effect } from "effect"
import type { Instant } from "../shared/Instant.js"
import type { AccountId } from "../shared/Ids.js"
import type { AuditOutcome, AuditRecord } from "./AuditRecord.js"

/** Which audit records to list; every field narrows, all together. */
export interface AuditFilter {
  readonly actorAccountId?: AccountId
  readonly action?: string
  readonly targetKind?: string
  readonly targetId?: string
  readonly outcome?: AuditOutcome
  /** Records at or after this instant. */
  readonly from?: Instant
  /** Records strictly before this instant. */
  readonly until?: Instant
  /** At most this many records (the newest). */
  readonly limit?: number
}

/** The append-only journal of agents' commands. */
export class AuditLog extends Context.Tag("@spe/core/AuditLog")<
  AuditLog,
  {
    /** Records one command; records are never changed or removed. */
    readonly append: (record: AuditRecord) => Effect.Effect<void>
    /** Records matching the filter, newest first (by `at`, then by id for equal instants). */
    readonly list: (filter: AuditFilter) => Effect.Effect<ReadonlyArray<AuditRecord>>
  }
>() {}
