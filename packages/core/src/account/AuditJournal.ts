import { Effect } from "effect"
import type { AccountId } from "../shared/Ids.js"
import { type AuditFilter, AuditLog } from "./AuditLog.js"
import type { AuditRecord, JsonValue } from "./AuditRecord.js"
import type { AgentRole } from "./Permission.js"

/** One field an agent's command changed: its path (`status`, `creditNote.lines.0.amount`) and its values as text. */
export interface AuditChange {
  readonly path: string
  /** The value before, as text; absent when the field did not exist. */
  readonly before?: string
  /** The value after, as text; absent when the field was removed. */
  readonly after?: string
}

const isObject = (value: JsonValue): value is { readonly [key: string]: JsonValue } =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const textOf = (value: JsonValue): string => (typeof value === "string" ? value : JSON.stringify(value))

function flatten(value: JsonValue, path: string, into: Map<string, JsonValue>): void {
  if (isObject(value)) {
    const keys = Object.keys(value)
    if (keys.length === 0 && path !== "") into.set(path, value)
    for (const key of keys) flatten(value[key] ?? null, path === "" ? key : `${path}.${key}`, into)
  } else if (Array.isArray(value)) {
    if (value.length === 0 && path !== "") into.set(path, value)
    value.forEach((item, i) => flatten(item, path === "" ? String(i) : `${path}.${i}`, into))
  } else if (path !== "" || value !== null) {
    into.set(path, value)
  }
}

/**
 * The fields that differ between the data an audit record kept before and after a command, in
 * the order they appear (before's fields first, then those only after has): what the journal
 * shows of a change. Objects and lists are compared field by field; a `null` before (a creation)
 * makes every field of after a change. Two plain values differing give one change at path "".
 *
 * @example
 * auditChanges({ status: "issued", paid: 0 }, { status: "paid", paid: 1250 })
 * // [{ path: "status", before: "issued", after: "paid" }, { path: "paid", before: "0", after: "1250" }]
 */
export function auditChanges(before: JsonValue, after: JsonValue): ReadonlyArray<AuditChange> {
  const container = (value: JsonValue) => typeof value === "object" && value !== null
  if (!(container(before) || container(after))) {
    return textOf(before) === textOf(after) ? [] : [{ path: "", ...(before === null ? {} : { before: textOf(before) }), ...(after === null ? {} : { after: textOf(after) }) }]
  }
  if (!(container(before) || before === null) || !(container(after) || after === null)) {
    return [{ path: "", before: textOf(before), after: textOf(after) }]
  }
  const was = new Map<string, JsonValue>()
  const is = new Map<string, JsonValue>()
  flatten(before, "", was)
  flatten(after, "", is)
  const changes: Array<AuditChange> = []
  for (const path of new Set([...was.keys(), ...is.keys()])) {
    const a = was.get(path)
    const b = is.get(path)
    if (a !== undefined && b !== undefined && textOf(a) === textOf(b)) continue
    changes.push({ path, ...(a === undefined ? {} : { before: textOf(a) }), ...(b === undefined ? {} : { after: textOf(b) }) })
  }
  return changes
}

/** A page of the agents' journal, newest first, each record with the fields it changed. */
export interface AuditJournalPage {
  readonly records: ReadonlyArray<{ readonly record: AuditRecord; readonly changes: ReadonlyArray<AuditChange> }>
  /** The page shown, from 1. */
  readonly page: number
  /** Whether older records follow. */
  readonly hasNext: boolean
}

/**
 * A page of the agents' journal matching a filter (agent, action, target, period, outcome),
 * newest first, each record with its readable changes.
 */
export const loadAuditJournal = (filter: Omit<AuditFilter, "limit">, paging: { readonly page: number; readonly pageSize: number }) =>
  Effect.gen(function* () {
    const size = Math.max(1, Math.floor(paging.pageSize))
    const page = Math.max(1, Math.floor(paging.page))
    const records = yield* (yield* AuditLog).list({ ...filter, limit: page * size + 1 })
    return {
      records: records.slice((page - 1) * size, page * size).map((record) => ({ record, changes: auditChanges(record.before, record.after) })),
      page,
      hasNext: records.length > page * size
    } satisfies AuditJournalPage
  })

/** The agents and actions the journal's latest records name: what its filters offer. */
export interface AuditJournalChoices {
  readonly agents: ReadonlyArray<{ readonly accountId: AccountId; readonly name: string; readonly role: AgentRole }>
  readonly actions: ReadonlyArray<string>
}

/** The agents (by name) and actions (alphabetically) found in the journal's `latest` newest records. */
export const auditJournalChoices = (latest = 5000) =>
  Effect.gen(function* () {
    const records = yield* (yield* AuditLog).list({ limit: latest })
    const agents = new Map<AccountId, AuditJournalChoices["agents"][number]>()
    for (const r of records) if (!agents.has(r.actorAccountId)) agents.set(r.actorAccountId, { accountId: r.actorAccountId, name: r.actorName, role: r.actorRole })
    return {
      agents: [...agents.values()].sort((a, b) => a.name.localeCompare(b.name, "fr")),
      actions: [...new Set(records.map((r) => r.action))].sort()
    } satisfies AuditJournalChoices
  })
