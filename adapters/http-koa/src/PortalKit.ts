import { actorOf, type CorePorts } from "@spe/core"
import { agentLayout } from "./agents/AgentContext.js"
import { Cause, Effect, Either, Exit, type Layer, ManagedRuntime, Option, Runtime } from "effect"
import type { PortalContext } from "./PortalContext.js"
import { isRefusal, PortalDefect, PortalRefusal } from "./PortalErrors.js"
import type { ResolvedPortalSettings } from "./PortalSettings.js"
import type { PageModel, PortalViews } from "./PortalViews.js"

/**
 * Every port the portal's pages use: all of the core's. The layer given to `createPortal` provides
 * them (the database-backed one in production, the demo town in memory in tests).
 */
export type PortalServices = CorePorts

/** What the routes share: the settings, the use-case runner, the page renderer. */
export interface PortalKit {
  readonly settings: ResolvedPortalSettings
  readonly views: PortalViews
  /**
   * Runs a use case; its value, or throws its typed failure as a `PortalRefusal` (shown by the
   * error middleware: the form again when `ctx.state.formView` is set, an error page otherwise),
   * or a `PortalDefect` when it died.
   */
  readonly run: <A, E>(effect: Effect.Effect<A, E, PortalServices>) => Promise<A>
  /** Runs a use case and gives its typed failure back instead of throwing it; throws `PortalDefect` when it died. */
  readonly attempt: <A, E>(effect: Effect.Effect<A, E, PortalServices>) => Promise<Either.Either<A, E>>
  /** Sends a page in the layout, with the request's CSRF token and logged-in state. */
  readonly render: (ctx: PortalContext, page: string, model: PageModel & { readonly title: string }, status?: number) => void
  /** Releases the runtime (and whatever the layer holds: connections, timers). */
  readonly dispose: () => Promise<void>
}

const phoneHref = (phone: string): string => phone.replace(/[^\d+]/g, "")

const websiteHref = (website: string): string => (/^https?:\/\//.test(website) ? website : `https://${website}`)

/** The help block as the templates read it. */
export function helpModel(settings: ResolvedPortalSettings): PageModel {
  const help = settings.helpBlock
  return {
    title: help.title,
    serviceName: help.serviceName,
    addressLines: help.addressLines,
    email: help.email,
    phone: help.counter.phone,
    phoneHref: phoneHref(help.counter.phone),
    hours: help.counter.hours,
    ...(help.website === undefined ? {} : { website: help.website.replace(/^https?:\/\//, ""), websiteHref: websiteHref(help.website) })
  }
}

/** Builds the kit over a runtime made once from the layer. */
export function makePortalKit(
  layer: Layer.Layer<PortalServices, unknown>,
  settings: ResolvedPortalSettings,
  views: PortalViews
): PortalKit {
  const managed = ManagedRuntime.make(layer)
  const runtime = async () => {
    try {
      return await managed.runtime()
    } catch (error) {
      throw new PortalDefect(`The portal's services could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    }
  }
  const attempt = async <A, E>(effect: Effect.Effect<A, E, PortalServices>): Promise<Either.Either<A, E>> => {
    const exit = await Runtime.runPromiseExit(await runtime())(effect)
    if (Exit.isSuccess(exit)) return Either.right(exit.value)
    const failure = Cause.failureOption(exit.cause)
    if (Option.isSome(failure)) return Either.left(failure.value)
    throw new PortalDefect(Cause.pretty(exit.cause))
  }
  const run = async <A, E>(effect: Effect.Effect<A, E, PortalServices>): Promise<A> => {
    const result = await attempt(effect)
    if (Either.isRight(result)) return result.right
    if (isRefusal(result.left)) throw new PortalRefusal(result.left)
    throw new PortalDefect(`A use case failed with an untagged value: ${String(result.left)}`)
  }
  const help = helpModel(settings)
  const render: PortalKit["render"] = (ctx, page, model, status = 200) => {
    const actor = ctx.state.account === undefined ? undefined : actorOf(ctx.state.account)
    const html = views.render(page, model, {
      ...(actor?._tag === "AgentActor" ? { agent: agentLayout(actor, ctx.path) } : {}),
      title: model.title,
      townName: settings.townName,
      help,
      loggedIn: ctx.state.account !== undefined,
      csrfToken: ctx.state.csrfToken,
      brandIsHeading: page === "home",
      ...(ctx.state.notice === undefined ? {} : { notice: ctx.state.notice })
    })
    ctx.status = status
    ctx.type = "text/html; charset=utf-8"
    ctx.body = html
  }
  return { settings, views, run, attempt, render, dispose: () => managed.dispose() }
}
