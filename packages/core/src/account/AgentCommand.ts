import { Effect, Either } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { AuditRecordId } from "../shared/Ids.js"
import type { AgentActor } from "./Actor.js"
import { AuditLog } from "./AuditLog.js"
import { AuditRecord, AuditTarget, type AuditOutcome, type JsonValue } from "./AuditRecord.js"
import { requirePermission, type Permission, type PermissionDenied } from "./Permission.js"

/** What an agent command returns to the wrapper: its result and the audited data before and after. */
export interface AuditedOutcome<A> {
  readonly result: A
  readonly before: JsonValue
  readonly after: JsonValue
}

/** How to run one agent command: the action's name, the permission it needs, its target, its program. */
export interface AgentCommandSpec<I, A, E, R> {
  /** Name of the action in the journal, e.g. `requests.accept`. */
  readonly action: string
  readonly permission: Permission
  readonly target: (input: I) => { readonly kind: string; readonly id: string }
  readonly run: (agent: AgentActor, input: I) => Effect.Effect<AuditedOutcome<A>, E, R>
}

const reasonOf = (error: unknown): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const message = (error as { readonly message?: unknown }).message
  return typeof message === "string" ? message : undefined
}

/**
 * Wraps an agent use case: checks the agent's permission first, runs the command, and appends an
 * audit record whatever the outcome (`done` with the data before and after, `denied` when the role
 * lacks the permission, `refused` with the message when a rule refused).
 *
 * @example
 * const archiveHousehold = auditedAgentCommand({
 *   action: "households.archive",
 *   permission: "households.write",
 *   target: (input: { householdId: HouseholdId }) => ({ kind: "household", id: input.householdId }),
 *   run: (agent, input) => archive(input.householdId)
 * })
 * yield* archiveHousehold(agent, { householdId })
 */
export function auditedAgentCommand<I, A, E, R>(spec: AgentCommandSpec<I, A, E, R>) {
  return (agent: AgentActor, input: I): Effect.Effect<A, E | PermissionDenied, R | AuditLog | Clock | IdGenerator> =>
    Effect.gen(function* () {
      const log = yield* AuditLog
      const clock = yield* Clock
      const ids = yield* IdGenerator
      const target = new AuditTarget(spec.target(input))
      const record = (outcome: AuditOutcome, before: JsonValue, after: JsonValue, reason?: string) =>
        Effect.gen(function* () {
          const at = yield* clock.now
          const id = AuditRecordId.make(yield* ids.next("audit"))
          yield* log.append(
            new AuditRecord({
              id,
              at,
              actorAccountId: agent.accountId,
              actorName: agent.displayName,
              actorRole: agent.role,
              action: spec.action,
              permission: spec.permission,
              target,
              outcome,
              ...(reason === undefined ? {} : { reason }),
              before,
              after
            })
          )
        })
      const allowed = requirePermission(agent, spec.permission)
      if (Either.isLeft(allowed)) {
        yield* record("denied", null, null, allowed.left.message)
        return yield* Effect.fail(allowed.left)
      }
      const outcome = yield* spec.run(agent, input).pipe(
        Effect.tapError((error) => record("refused", null, null, reasonOf(error)))
      )
      yield* record("done", outcome.before, outcome.after)
      return outcome.result
    })
}
