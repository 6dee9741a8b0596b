import type { Middleware } from "koa"
import { portalPaths } from "../PortalPaths.js"
import type { StaticScript } from "../PortalViews.js"

/**
 * Serves the portal's one stylesheet: at its versioned address (`/static/portail-<hash>.css`, named
 * after its content, cached for a year) and at `/static/portail.css` (revalidated); and its
 * scripts the same way (`/static/demandes-<hash>.js`, `/static/demandes.js`). Other `/static/`
 * addresses fall through to the 404 page.
 */
export function staticFiles(
  stylesheet: { readonly css: string; readonly href: string },
  scripts: ReadonlyMap<string, StaticScript> = new Map()
): Middleware {
  const byAddress = new Map<string, { readonly js: string; readonly immutable: boolean }>()
  for (const script of scripts.values()) {
    byAddress.set(script.href, { js: script.js, immutable: true })
    byAddress.set(script.path, { js: script.js, immutable: false })
  }
  return async (ctx, next) => {
    if (ctx.method !== "GET" && ctx.method !== "HEAD") return next()
    const script = byAddress.get(ctx.path)
    if (script !== undefined) {
      ctx.set("Cache-Control", script.immutable ? "public, max-age=31536000, immutable" : "no-cache")
      ctx.type = "text/javascript; charset=utf-8"
      ctx.body = script.js
      return
    }
    if (ctx.path === stylesheet.href) ctx.set("Cache-Control", "public, max-age=31536000, immutable")
    else if (ctx.path === portalPaths.stylesheet) ctx.set("Cache-Control", "no-cache")
    else return next()
    ctx.type = "text/css; charset=utf-8"
    ctx.body = stylesheet.css
  }
}
