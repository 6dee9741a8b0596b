import { Effect } from "effect"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { toAuditJson } from "../account/AuditRecord.js"
import { Clock } from "../shared/Clock.js"
import type { HouseholdId, QuotientRecordId } from "../shared/Ids.js"
import { approveQuotient, QuotientRecord, QuotientRecordNotFound } from "./QuotientFamilial.js"
import { QuotientRepository } from "./QuotientRepository.js"
import { recordCafQuotient, reviewQuotient, setQuotientByAgent } from "./QuotientUseCases.js"

const recordJson = (record: QuotientRecord) => toAuditJson(QuotientRecord, record)

const householdTarget = (input: { readonly householdId: HouseholdId }) => ({ kind: "household", id: input.householdId })

/** An agent's decision on a household's pending QF, as typed. */
export interface HouseholdQuotientDecision {
  readonly householdId: HouseholdId
  readonly recordId: QuotientRecordId
  /** `validate` or `reject`. */
  readonly decision: string
  /** Why it is rejected (the family reads it). */
  readonly reason?: string
}

/**
 * An agent validates or rejects (with a reason the family reads) a household's pending QF
 * (`reviewQuotient`, in the agent's name). A record of another household is answered as unknown.
 * Audited `quotients.review`.
 */
export const reviewHouseholdQuotient = auditedAgentCommand({
  action: "quotients.review",
  permission: "households.write",
  target: householdTarget,
  run: (agent, input: HouseholdQuotientDecision) =>
    Effect.gen(function* () {
      const before = yield* (yield* QuotientRepository).get(input.recordId)
      if (before.householdId !== input.householdId) return yield* Effect.fail(new QuotientRecordNotFound({ recordId: input.recordId }))
      const after = yield* reviewQuotient({
        recordId: input.recordId,
        decision: input.decision,
        by: agent.displayName,
        ...(input.reason === undefined ? {} : { reason: input.reason })
      })
      return { result: after, before: recordJson(before), after: recordJson(after) }
    })
})

/** A QF the CAF gives for an allocataire number, as an agent types it (validated by `CafQuotient`). */
export interface HouseholdCafQuotient {
  readonly householdId: HouseholdId
  readonly cafNumber?: unknown
  readonly qf?: unknown
  readonly validFrom?: unknown
  readonly validTo?: unknown
}

/**
 * An agent records the QF the CAF gives for the household's allocataire number (`recordCafQuotient`)
 * and, having read it from the CAF, validates it at once in their name. Audited `quotients.recordCaf`.
 */
export const recordHouseholdCafQuotient = auditedAgentCommand({
  action: "quotients.recordCaf",
  permission: "households.write",
  target: householdTarget,
  run: (agent, input: HouseholdCafQuotient) =>
    Effect.gen(function* () {
      const recorded = yield* recordCafQuotient(input)
      const validated = yield* approveQuotient(recorded, agent.displayName, yield* (yield* Clock).now)
      yield* (yield* QuotientRepository).save(validated)
      return { result: validated, before: null, after: recordJson(validated) }
    })
})

/** A QF an agent sets, as typed (validated by `AgentQuotient`). */
export interface HouseholdAgentQuotient {
  readonly householdId: HouseholdId
  readonly qf?: unknown
  readonly reason?: unknown
  readonly validFrom?: unknown
  readonly validTo?: unknown
}

/**
 * An agent sets the household's QF with a reason and validity dates (`setQuotientByAgent`, in the
 * agent's name, validated at once). Audited `quotients.set`.
 */
export const setHouseholdQuotient = auditedAgentCommand({
  action: "quotients.set",
  permission: "households.write",
  target: householdTarget,
  run: (agent, input: HouseholdAgentQuotient) =>
    Effect.gen(function* () {
      const record = yield* setQuotientByAgent({ ...input, agent: agent.displayName })
      return { result: record, before: null, after: recordJson(record) }
    })
})
