import { randomBytes, timingSafeEqual } from "node:crypto"
import { AccountRepository, type Account, endWebSession, isWebSessionTokenShaped, resumeWebSession, type StartedWebSession, WebSessionStore } from "@spe/core"
import { Effect, Either, Option } from "effect"
import type { Middleware } from "koa"
import { isApiPath } from "../api/ApiPaths.js"
import type { PortalContext, PortalState } from "../PortalContext.js"
import { CsrfTokenRejected, refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"

/** The cookie that holds a logged-in session's token. */
export const sessionCookie = "spe_session"

/** The cookie that holds a visitor's anti-forgery token before login. */
export const visitorCsrfCookie = "spe_csrf"

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** Writes a cookie: HttpOnly, SameSite=Lax, path `/`, Secure when configured; `maxAgeSeconds` 0 removes it. */
export function setCookie(ctx: PortalContext, name: string, value: string, options: { readonly secure: boolean; readonly maxAgeSeconds?: number }): void {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"]
  if (options.secure) parts.push("Secure")
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`)
  ctx.append("Set-Cookie", parts.join("; "))
}

const sameToken = (a: string, b: string): boolean => {
  const left = Buffer.from(a, "utf8")
  const right = Buffer.from(b, "utf8")
  return left.length === right.length && timingSafeEqual(left, right)
}

/** Gives the browser a new logged-in session: the cookie, and the request's state (its CSRF token). */
export function adoptSession(ctx: PortalContext, started: StartedWebSession, account: Account, secure: boolean): void {
  setCookie(ctx, sessionCookie, started.token, { secure })
  ctx.state.session = started.session
  ctx.state.sessionToken = started.token
  ctx.state.account = account
  ctx.state.csrfToken = started.session.csrfToken
}

/** Ends the request's session, if any (logout, or before a new one at login): the stored session and the cookie. */
export async function dropSession(ctx: PortalContext, kit: PortalKit): Promise<void> {
  const token = ctx.state.sessionToken
  if (token !== undefined) await kit.run(endWebSession(token))
  if (ctx.cookies.get(sessionCookie) !== undefined) setCookie(ctx, sessionCookie, "", { secure: kit.settings.secureCookies, maxAgeSeconds: 0 })
  ctx.state.session = undefined
  ctx.state.sessionToken = undefined
  ctx.state.account = undefined
  ctx.state.csrfToken = visitorToken(ctx, kit.settings.secureCookies)
}

/** The visitor's anti-forgery token from its cookie, or a new one (and its cookie). */
function visitorToken(ctx: PortalContext, secure: boolean): string {
  const existing = ctx.cookies.get(visitorCsrfCookie)
  if (existing !== undefined && isWebSessionTokenShaped(existing)) return existing
  const fresh = randomBytes(32).toString("hex")
  setCookie(ctx, visitorCsrfCookie, fresh, { secure })
  return fresh
}

const loadAccount = (accountId: Account["id"]) =>
  Effect.flatMap(AccountRepository, (accounts) => Effect.either(accounts.get(accountId)))

/**
 * Resumes the session of the `spe_session` cookie and reads its account (a session whose account
 * is gone or disabled is ended, a dead session's cookie removed), and gives the page its CSRF token:
 * the session's, or a visitor's kept in the `spe_csrf` cookie.
 */
export function sessions(kit: PortalKit): Middleware<PortalState> {
  const secure = kit.settings.secureCookies
  return async (ctx, next) => {
    const token = ctx.cookies.get(sessionCookie)
    if (token !== undefined) {
      const resumed = await kit.run(resumeWebSession(token, kit.settings.sessions))
      if (Option.isSome(resumed)) {
        const found = await kit.run(loadAccount(resumed.value.accountId))
        if (Either.isRight(found) && found.right.disabledAt === undefined) {
          ctx.state.session = resumed.value
          ctx.state.sessionToken = token
          ctx.state.account = found.right
        } else {
          await kit.run(Effect.flatMap(WebSessionStore, (store) => store.deleteAllForAccount(resumed.value.accountId)))
        }
      }
      if (ctx.state.session === undefined) setCookie(ctx, sessionCookie, "", { secure, maxAgeSeconds: 0 })
    }
    ctx.state.csrfToken = ctx.state.session?.csrfToken ?? (isApiPath(ctx.path) ? "" : visitorToken(ctx, secure))
    await next()
  }
}

/**
 * Refuses every POST whose `_csrf` field is not the page's token (`CsrfTokenRejected`, 403; a
 * logout without a live session needs none: it only goes back to the home page; nor does the
 * payment service's notification, server to server, whose outcome the portal asks the service), then,
 * while the account must choose its own credentials, sends every page but `/premiere-connexion`
 * and `/deconnexion` there.
 */
export function csrfAndFirstLogin(): Middleware<PortalState> {
  return async (ctx, next) => {
    if (isApiPath(ctx.path)) return next()
    const loggingOutNobody = ctx.path === portalPaths.logout && ctx.state.session === undefined
    const serverToServer = ctx.method === "POST" && ctx.path === portalPaths.payfipNotification
    if (unsafeMethods.has(ctx.method) && !loggingOutNobody && !serverToServer) {
      const sent = ctx.state.form?.text("_csrf", { maxLength: 200 }) ?? ""
      if (sent === "" || !sameToken(sent, ctx.state.csrfToken)) return refuse(new CsrfTokenRejected())
    }
    const mustChange = ctx.state.session?.mustChangeCredentials === true || ctx.state.account?.mustChangeCredentials === true
    if (mustChange && ctx.path !== portalPaths.firstLogin && ctx.path !== portalPaths.logout) {
      ctx.status = 303
      ctx.redirect(portalPaths.firstLogin)
      return
    }
    await next()
  }
}
