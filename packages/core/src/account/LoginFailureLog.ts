import { Context, type Effect } from "effect"
import type { Instant } from "../shared/Instant.js"
import type { RecentLoginFailures } from "./LoginThrottling.js"

/** One failed login: the identifier typed (normalized, existing or not), the network address, when. */
export interface LoginFailure {
  readonly identifier: string
  readonly address: string
  readonly at: Instant
}

/** Where failed logins are counted for throttling. */
export class LoginFailureLog extends Context.Tag("@spe/core/LoginFailureLog")<
  LoginFailureLog,
  {
    readonly record: (failure: LoginFailure) => Effect.Effect<void>
    /** Failures at or after `since` with this identifier, and from this address (any identifier). */
    readonly recentFailures: (identifier: string, address: string, since: Instant) => Effect.Effect<RecentLoginFailures>
    /** Forgets the failures with this identifier (after a successful login or a reset); counts per address stay. */
    readonly clearIdentifier: (identifier: string) => Effect.Effect<void>
  }
>() {}
