import type { Middleware } from "koa"
import { portalPaths } from "../PortalPaths.js"

/**
 * Serves the portal's one stylesheet: at its versioned address (`/static/portail-<hash>.css`, named
 * after its content, cached for a year) and at `/static/portail.css` (revalidated). Other
 * `/static/` addresses fall through to the 404 page.
 */
export function staticFiles(stylesheet: { readonly css: string; readonly href: string }): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== "GET" && ctx.method !== "HEAD") return next()
    if (ctx.path === stylesheet.href) ctx.set("Cache-Control", "public, max-age=31536000, immutable")
    else if (ctx.path === portalPaths.stylesheet) ctx.set("Cache-Control", "no-cache")
    else return next()
    ctx.type = "text/css; charset=utf-8"
    ctx.body = stylesheet.css
  }
}
