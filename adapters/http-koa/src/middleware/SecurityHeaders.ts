import type { Middleware } from "koa"

/** The Content-Security-Policy of every page: the portal's own files only, no frames, no plugins. */
export const contentSecurityPolicy =
  "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'"

/**
 * Security headers on every response: CSP, no MIME sniffing, no referrer (reset links carry a
 * token in their address), no powerful browser features, no framing; HSTS when served over HTTPS.
 */
export function securityHeaders(options: { readonly secure: boolean }): Middleware {
  return async (ctx, next) => {
    ctx.set("Content-Security-Policy", contentSecurityPolicy)
    ctx.set("X-Content-Type-Options", "nosniff")
    ctx.set("Referrer-Policy", "no-referrer")
    ctx.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()")
    ctx.set("X-Frame-Options", "DENY")
    ctx.set("Cross-Origin-Opener-Policy", "same-origin")
    ctx.set("Cross-Origin-Resource-Policy", "same-origin")
    if (options.secure) ctx.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    await next()
  }
}
