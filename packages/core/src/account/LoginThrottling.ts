import { Either, Schema } from "effect"
import * as Instant from "../shared/Instant.js"
import * as ParisTime from "../shared/ParisTime.js"

/**
 * When failed logins suspend further attempts, each field a town setting: per identifier typed
 * (locked), and per network address (delayed).
 */
export class LoginThrottleSettings extends Schema.Class<LoginThrottleSettings>("LoginThrottleSettings")({
  identifierMaxFailures: Schema.Int.pipe(Schema.positive()),
  identifierWindowMinutes: Schema.Int.pipe(Schema.positive()),
  identifierLockMinutes: Schema.Int.pipe(Schema.nonNegative()),
  addressMaxFailures: Schema.Int.pipe(Schema.positive()),
  addressWindowMinutes: Schema.Int.pipe(Schema.positive()),
  addressDelayMinutes: Schema.Int.pipe(Schema.nonNegative())
}) {}

/** Defaults: 5 failures in 15 minutes lock an identifier for 15 minutes; 20 from one address delay it 5 minutes. */
export const defaultLoginThrottleSettings = new LoginThrottleSettings({
  identifierMaxFailures: 5,
  identifierWindowMinutes: 15,
  identifierLockMinutes: 15,
  addressMaxFailures: 20,
  addressWindowMinutes: 15,
  addressDelayMinutes: 5
})

/** The failed logins the policy looks at: those with the identifier typed, those from the address. */
export interface RecentLoginFailures {
  readonly forIdentifier: ReadonlyArray<Instant.Instant>
  readonly fromAddress: ReadonlyArray<Instant.Instant>
}

/** Logins are suspended for a while after too many failures. */
export class LoginThrottled extends Schema.TaggedError<LoginThrottled>()("LoginThrottled", {
  scope: Schema.Literal("identifier", "address"),
  retryAfter: Instant.Instant
}) {
  override get message(): string {
    const when = ParisTime.formatFr(this.retryAfter)
    return this.scope === "identifier"
      ? `Trop de tentatives de connexion ont échoué avec cet identifiant : par sécurité, la connexion est suspendue jusqu'au ${when}. Si vous avez oublié votre mot de passe, utilisez « J'ai oublié mon mot de passe ».`
      : `Trop de tentatives de connexion ont échoué depuis votre accès internet : réessayez après le ${when}. Si cela persiste, contactez le Service à la Population.`
  }
}

const MINUTE = 60_000

/**
 * The instant from which one more failure keeps at most `max` failures in any window of
 * `windowMinutes`, and not before `pauseMinutes` after the latest; undefined when allowed now.
 */
function retryAfterFor(
  failures: ReadonlyArray<Instant.Instant>,
  now: Instant.Instant,
  max: number,
  windowMinutes: number,
  pauseMinutes: number
): Instant.Instant | undefined {
  const nowMillis = Instant.toEpochMillis(now)
  const windowStart = nowMillis - windowMinutes * MINUTE
  const inWindow = failures
    .map(Instant.toEpochMillis)
    .filter((t) => t > windowStart && t <= nowMillis)
    .sort((a, b) => b - a)
  const latest = inWindow[0]
  const oldestToLeave = inWindow[max - 1]
  if (latest === undefined || oldestToLeave === undefined) return undefined
  return Instant.fromEpochMillis(Math.max(latest + pauseMinutes * MINUTE, oldestToLeave + windowMinutes * MINUTE))
}

/**
 * Whether a login may be tried `now`, given the recent failures for the identifier typed and from
 * the address. A failure counts in the window `(now - window, now]`; with `max` failures there the
 * identifier is locked (or the address delayed) until the pause has passed and fewer than `max`
 * remain, so no window ever holds more than `max` failures.
 *
 * @example
 * decideLoginAttempt({ forIdentifier: fiveFailuresIn10Minutes, fromAddress: [] }, now)
 * // Left(LoginThrottled { scope: "identifier", retryAfter: latest + 15 min })
 */
export function decideLoginAttempt(
  failures: RecentLoginFailures,
  now: Instant.Instant,
  settings: LoginThrottleSettings = defaultLoginThrottleSettings
): Either.Either<void, LoginThrottled> {
  const byIdentifier = retryAfterFor(
    failures.forIdentifier,
    now,
    settings.identifierMaxFailures,
    settings.identifierWindowMinutes,
    settings.identifierLockMinutes
  )
  const byAddress = retryAfterFor(
    failures.fromAddress,
    now,
    settings.addressMaxFailures,
    settings.addressWindowMinutes,
    settings.addressDelayMinutes
  )
  if (byIdentifier !== undefined && (byAddress === undefined || !Instant.isBefore(byIdentifier, byAddress))) {
    return Either.left(new LoginThrottled({ scope: "identifier", retryAfter: byIdentifier }))
  }
  if (byAddress !== undefined) return Either.left(new LoginThrottled({ scope: "address", retryAfter: byAddress }))
  return Either.void
}

/** How far back the policy looks: the longer of the two windows, in minutes. */
export const throttleLookbackMinutes = (settings: LoginThrottleSettings): number =>
  Math.max(settings.identifierWindowMinutes, settings.addressWindowMinutes)
