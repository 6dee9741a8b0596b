import { timingSafeEqual } from "node:crypto"
import { type Account, AccountNotLinked, type AccountId, authenticateApiKeyFrom, Clock, CredentialsChangeRequired, FamilyActor, type HouseholdId, Instant } from "@spe/core"
import { Effect, Either } from "effect"
import type { PortalContext } from "../PortalContext.js"
import { NotAFamilyAccount, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { ApiAuthenticationRequired, ApiCsrfHeaderRejected } from "./ApiProblems.js"

/** The header a session-authenticated request that changes data carries: the session's CSRF token. */
export const csrfHeader = "X-CSRF-Token"

/** Who calls the API, and how they proved it. */
export interface ApiCaller {
  /** `token`: an API key (`Authorization: Bearer spe_…`); `session`: the portal's session cookie. */
  readonly via: "token" | "session"
  readonly account: Account
  readonly accountId: AccountId
  /** The household the caller acts for: the only one whose data it reaches. */
  readonly householdId: HouseholdId
  /** The caller as the core's request and document use cases know it. */
  readonly family: FamilyActor
  /** The session's anti-forgery token (session only). */
  readonly csrfToken?: string
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"])

const sameToken = (a: string, b: string): boolean => {
  const left = Buffer.from(a, "utf8")
  const right = Buffer.from(b, "utf8")
  return left.length === right.length && timingSafeEqual(left, right)
}

const familyHousehold = (account: Account): HouseholdId => {
  if (account.holder._tag !== "Family") return refuse(new NotAFamilyAccount())
  return account.holder.householdId ?? refuse(new AccountNotLinked({ accountId: account.id }))
}

const callerOf = (account: Account, via: ApiCaller["via"], csrfToken?: string): ApiCaller => {
  const householdId = familyHousehold(account)
  return {
    via,
    account,
    accountId: account.id,
    householdId,
    family: new FamilyActor({ accountId: account.id, householdId }),
    ...(csrfToken === undefined ? {} : { csrfToken })
  }
}

/**
 * The caller of a request to the API. With `Authorization: Bearer spe_…`, the key must be valid
 * (the core's `authenticateApiKeyFrom`: unknown, revoked, expired keys are 401 and count as failed
 * logins of the client's address; once the address is throttled like the login page, every token
 * is 429 with `Retry-After` in seconds) and cookies are not read. Without it, the portal's session
 * cookie (resumed by the sessions middleware) is accepted; then every request but GET, HEAD and
 * OPTIONS must carry `X-CSRF-Token` equal to the session's token (403 otherwise). Neither: 401. An agent's account, an account not linked to a household,
 * or one that must still choose its credentials: 403.
 */
export async function authenticateCaller(ctx: PortalContext, kit: PortalKit): Promise<ApiCaller> {
  const authorization = ctx.get("Authorization")
  if (authorization !== "") {
    const token = /^Bearer\s+(\S{1,200})\s*$/i.exec(authorization)?.[1] ?? ""
    const result = await kit.attempt(authenticateApiKeyFrom({ token, address: ctx.ip || "inconnue" }, kit.settings.loginThrottle))
    if (Either.isLeft(result)) {
      if (result.left._tag === "LoginThrottled") {
        const now = await kit.run(Effect.flatMap(Clock, (clock) => clock.now))
        const seconds = Math.ceil((Instant.toEpochMillis(result.left.retryAfter) - Instant.toEpochMillis(now)) / 1000)
        ctx.set("Retry-After", String(Math.max(1, seconds)))
      }
      return refuse(result.left)
    }
    const account = result.right.account
    if (account.mustChangeCredentials) return refuse(new CredentialsChangeRequired({ accountId: account.id }))
    return callerOf(account, "token")
  }
  const session = ctx.state.session
  const account = ctx.state.account
  if (session === undefined || account === undefined) return refuse(new ApiAuthenticationRequired())
  if (session.mustChangeCredentials || account.mustChangeCredentials) return refuse(new CredentialsChangeRequired({ accountId: account.id }))
  const caller = callerOf(account, "session", session.csrfToken)
  if (!safeMethods.has(ctx.method)) {
    const sent = ctx.get(csrfHeader)
    if (sent === "" || !sameToken(sent, session.csrfToken)) return refuse(new ApiCsrfHeaderRejected())
  }
  return caller
}
