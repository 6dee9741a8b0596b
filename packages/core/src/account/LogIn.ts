import { Effect, Option, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import * as Instant from "../shared/Instant.js"
import { Account, AccountDisabled, normalizeLogin } from "./Account.js"
import { AccountRepository } from "./AccountRepository.js"
import { LoginFailureLog } from "./LoginFailureLog.js"
import {
  decideLoginAttempt,
  defaultLoginThrottleSettings,
  throttleLookbackMinutes,
  type LoginThrottleSettings
} from "./LoginThrottling.js"
import { PasswordHasher } from "./PasswordHasher.js"

/** What a person typed to log in, and the network address it came from. */
export interface LogInInput {
  readonly identifier: string
  readonly password: string
  readonly address: string
}

/**
 * A successful login. When `mustChangeCredentials` is true, the portal must ask for a new
 * identifier and password (`changeCredentials`) before anything else.
 */
export class LoginSucceeded extends Schema.Class<LoginSucceeded>("LoginSucceeded")({
  account: Account,
  mustChangeCredentials: Schema.Boolean
}) {}

/** The identifier or the password is wrong; never says which (nor whether the identifier exists). */
export class InvalidCredentials extends Schema.TaggedError<InvalidCredentials>()("InvalidCredentials", {}) {
  override get message(): string {
    return "Identifiant ou mot de passe incorrect. Vérifiez-les (les majuscules comptent dans le mot de passe), ou utilisez « J'ai oublié mon mot de passe »."
  }
}

/**
 * Logs in with an identifier and a password: refuses while throttled (`LoginThrottled`), records
 * each failure (for the identifier typed, existing or not, and the address), answers
 * `InvalidCredentials` whatever was wrong, forgets the identifier's failures on success and records
 * when the account logged in (`lastLoginAt`; the account returned is the one read before).
 */
export const logIn = (input: LogInInput, settings: LoginThrottleSettings = defaultLoginThrottleSettings) =>
  Effect.gen(function* () {
    const accounts = yield* AccountRepository
    const hasher = yield* PasswordHasher
    const failures = yield* LoginFailureLog
    const now = yield* (yield* Clock).now
    const identifier = normalizeLogin(input.identifier)
    const since = Instant.plusMinutes(now, -throttleLookbackMinutes(settings))
    const recent = yield* failures.recentFailures(identifier, input.address, since)
    yield* decideLoginAttempt(recent, now, settings)
    const found = yield* accounts.findByLogin(identifier)
    const verified = Option.isSome(found)
      ? yield* hasher.verify(input.password, found.value.passwordHash)
      : yield* hasher.hash(input.password).pipe(Effect.as(false))
    if (Option.isNone(found) || !verified) {
      yield* failures.record({ identifier, address: input.address, at: now })
      return yield* Effect.fail(new InvalidCredentials())
    }
    const account = found.value
    yield* failures.clearIdentifier(identifier)
    if (account.disabledAt !== undefined) {
      return yield* Effect.fail(new AccountDisabled({ accountId: account.id, since: account.disabledAt }))
    }
    yield* accounts.recordLogin(account.id, now)
    return new LoginSucceeded({ account, mustChangeCredentials: account.mustChangeCredentials })
  })
