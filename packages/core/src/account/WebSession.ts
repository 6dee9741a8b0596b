import { Context, Effect, Option, Schema } from "effect"
import { Clock } from "../shared/Clock.js"
import * as Instant from "../shared/Instant.js"
import { AccountId } from "../shared/Ids.js"
import { Digest, Sha256Hex } from "./Digest.js"
import { SecretGenerator } from "./SecretGenerator.js"
import { hexOf } from "./Secrets.js"

/**
 * How long a portal session lasts, each field a town setting: it ends after `idleMinutes` without
 * a request, and in any case `absoluteMinutes` after the login.
 */
export class WebSessionSettings extends Schema.Class<WebSessionSettings>("WebSessionSettings")({
  idleMinutes: Schema.Int.pipe(Schema.positive()),
  absoluteMinutes: Schema.Int.pipe(Schema.positive())
}) {}

/** Defaults: 30 minutes without activity, 12 hours in all. */
export const defaultWebSessionSettings = new WebSessionSettings({ idleMinutes: 30, absoluteMinutes: 12 * 60 })

/** Random bytes in a session token and in a CSRF token (256 bits). */
export const webSessionTokenBytes = 32

/** What a session token or a CSRF token looks like: 64 lower-case hex characters. */
export const isWebSessionTokenShaped = (token: string): boolean => /^[0-9a-f]{64}$/.test(token)

/**
 * A logged-in session of the portal. The browser holds a random token in a cookie; only the
 * token's SHA-256 (`idHash`) is kept, so a copy of the store cannot be used to act as someone.
 * `csrfToken` is the token every form of the session carries. `mustChangeCredentials` is copied
 * from the account at login: while set, the portal shows nothing but the change of credentials.
 */
export class WebSession extends Schema.Class<WebSession>("WebSession")({
  idHash: Sha256Hex,
  accountId: AccountId,
  csrfToken: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/)),
  createdAt: Instant.Instant,
  lastSeenAt: Instant.Instant,
  expiresAt: Instant.Instant,
  mustChangeCredentials: Schema.Boolean
}) {}

/** Where portal sessions are kept, by the SHA-256 of their token. */
export class WebSessionStore extends Context.Tag("@spe/core/WebSessionStore")<
  WebSessionStore,
  {
    /** Keeps a new session (an id hash is never reused). */
    readonly create: (session: WebSession) => Effect.Effect<void>
    /** The session with this id hash, expired or not; none when unknown or deleted. */
    readonly get: (idHash: Sha256Hex) => Effect.Effect<Option.Option<WebSession>>
    /** Records activity: sets `lastSeenAt` and `expiresAt` of the session, if it still exists. */
    readonly touch: (idHash: Sha256Hex, lastSeenAt: Instant.Instant, expiresAt: Instant.Instant) => Effect.Effect<void>
    /** Ends one session (logout); nothing happens when it does not exist. */
    readonly delete: (idHash: Sha256Hex) => Effect.Effect<void>
    /** Ends every session of an account (credentials changed, password reset, account disabled); answers how many. */
    readonly deleteAllForAccount: (accountId: AccountId) => Effect.Effect<number>
    /** Forgets the sessions whose `expiresAt` is at or before `now`; answers how many. */
    readonly deleteExpired: (now: Instant.Instant) => Effect.Effect<number>
  }
>() {}

/** When a session seen at `seenAt` ends: after the idle limit, never after the absolute limit. */
export function webSessionExpiry(createdAt: Instant.Instant, seenAt: Instant.Instant, settings: WebSessionSettings): Instant.Instant {
  const idle = Instant.plusMinutes(seenAt, settings.idleMinutes)
  const absolute = Instant.plusMinutes(createdAt, settings.absoluteMinutes)
  return Instant.isBefore(idle, absolute) ? idle : absolute
}

/** Whether a session may still be used at `now`. */
export const isWebSessionLive = (session: WebSession, now: Instant.Instant): boolean => Instant.isBefore(now, session.expiresAt)

/** Activity less than this long after the last recorded one is not written again (one write a minute at most). */
export const webSessionTouchIntervalMinutes = 1

/** A session just opened, and the token for the browser's cookie (never stored). */
export interface StartedWebSession {
  readonly token: string
  readonly session: WebSession
}

/**
 * Opens a session for an account that just logged in (or just changed its credentials): a fresh
 * random token (only its SHA-256 is stored) and a fresh CSRF token. The caller ends the previous
 * session first, so that a login always changes the session id.
 */
export const startWebSession = (
  input: { readonly accountId: AccountId; readonly mustChangeCredentials: boolean },
  settings: WebSessionSettings = defaultWebSessionSettings
) =>
  Effect.gen(function* () {
    const secrets = yield* SecretGenerator
    const digest = yield* Digest
    const store = yield* WebSessionStore
    const now = yield* (yield* Clock).now
    const token = hexOf(yield* secrets.randomBytes(webSessionTokenBytes))
    const csrfToken = hexOf(yield* secrets.randomBytes(webSessionTokenBytes))
    const session = new WebSession({
      idHash: Sha256Hex.make(yield* digest.sha256Hex(token)),
      accountId: input.accountId,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: webSessionExpiry(now, now, settings),
      mustChangeCredentials: input.mustChangeCredentials
    })
    yield* store.create(session)
    return { token, session } satisfies StartedWebSession
  })

/**
 * The live session of a cookie's token, its expiry pushed back by the activity (written at most
 * once a minute); none when the token is malformed, unknown or expired (an expired one is deleted).
 */
export const resumeWebSession = (token: string, settings: WebSessionSettings = defaultWebSessionSettings) =>
  Effect.gen(function* () {
    if (!isWebSessionTokenShaped(token)) return Option.none<WebSession>()
    const store = yield* WebSessionStore
    const now = yield* (yield* Clock).now
    const idHash = Sha256Hex.make(yield* (yield* Digest).sha256Hex(token))
    const found = yield* store.get(idHash)
    if (Option.isNone(found)) return Option.none<WebSession>()
    const session = found.value
    if (!isWebSessionLive(session, now)) {
      yield* store.delete(idHash)
      return Option.none<WebSession>()
    }
    if (Instant.isBefore(now, Instant.plusMinutes(session.lastSeenAt, webSessionTouchIntervalMinutes))) return Option.some(session)
    const extended = new WebSession({ ...session, lastSeenAt: now, expiresAt: webSessionExpiry(session.createdAt, now, settings) })
    yield* store.touch(idHash, extended.lastSeenAt, extended.expiresAt)
    return Option.some(extended)
  })

/** Ends the session of a cookie's token (logout); nothing happens for an unknown token. */
export const endWebSession = (token: string) =>
  Effect.gen(function* () {
    if (!isWebSessionTokenShaped(token)) return
    const idHash = Sha256Hex.make(yield* (yield* Digest).sha256Hex(token))
    yield* (yield* WebSessionStore).delete(idHash)
  })
