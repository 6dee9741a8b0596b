import { randomBytes } from "node:crypto"
import type { Middleware } from "koa"
import { isApiPath } from "../api/ApiPaths.js"
import { handleApiErrors } from "../api/ApiProblems.js"
import type { FormView, PortalContext, PortalState } from "../PortalContext.js"
import { LoginRequired, MethodNotAllowed, PageNotFound, PortalRefusal, type Refusal, statusOfRefusal, UnreadableForm } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentPaths, isAgentPath, portalPaths, safeReturnPath } from "../PortalPaths.js"

const titles: Readonly<Record<number, string>> = {
  400: "Demande non acceptée",
  403: "Accès refusé",
  404: "Page introuvable",
  405: "Action impossible",
  413: "Formulaire trop volumineux",
  429: "Trop de tentatives"
}

/** Sends the browser to another page after a form (303: the next request is a GET). */
export function seeOther(ctx: PortalContext, path: string): void {
  ctx.status = 303
  ctx.redirect(path)
}

interface ShownProblem {
  readonly field?: string
  readonly message: string
}

const untranslated = /^(Expected |is missing|is forbidden|is unexpected)/

/** A validation message meant for people: the generic schema messages (in English) are replaced by a French one. */
const frenchMessage = (message: string): string =>
  untranslated.test(message) ? "Cette valeur n'est pas acceptée : vérifiez ce que vous avez saisi dans ce champ." : message

const problemsOf = (refusal: Refusal, view: FormView): ReadonlyArray<ShownProblem> => {
  const problems = (refusal as { readonly problems?: unknown }).problems
  if (refusal._tag === "InvalidInput" && Array.isArray(problems)) {
    return problems.map((problem: { readonly path: string; readonly message: string }) => {
      const field = view.fieldOfPath?.[problem.path] ?? (problem.path === "" ? undefined : problem.path)
      const message = frenchMessage(problem.message)
      return field === undefined ? { message } : { field, message }
    })
  }
  const field = view.fieldOfTag?.[refusal._tag]
  return [field === undefined ? { message: refusal.message } : { field, message: refusal.message }]
}

/** The form again, with each message next to its field and a summary at the top. */
function renderFormAgain(ctx: PortalContext, kit: PortalKit, view: FormView, refusal: Refusal, status: number): void {
  const problems = problemsOf(refusal, view)
  const errors: Record<string, string> = {}
  for (const problem of problems) {
    if (problem.field !== undefined) errors[problem.field] = errors[problem.field] === undefined ? problem.message : `${errors[problem.field]} ${problem.message}`
  }
  const general = problems.filter((p) => p.field === undefined).map((p) => p.message)
  kit.render(ctx, view.page, { ...view.model, title: `Erreur – ${view.title}`, errors, errorSummary: problems, formError: general.join(" ") }, status)
}

/** An error page: a title, the French message, a way back. */
export function renderErrorPage(ctx: PortalContext, kit: PortalKit, status: number, message: string, reference?: string): void {
  ctx.set("Cache-Control", "no-store")
  kit.render(
    ctx,
    "error",
    { title: titles[status] ?? "Une erreur est survenue", message, status, ...(reference === undefined ? {} : { reference }) },
    status
  )
}

const httpStatusOf = (error: unknown): number | undefined => {
  const status = (error as { readonly status?: unknown; readonly expose?: unknown }).status
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined
}

/**
 * The one error middleware of the portal. A refusal (a use case's typed failure or the portal's
 * own) becomes a French page with its status: the form again when the route set
 * `ctx.state.formView`, the login page for `LoginRequired`, an error page otherwise. Koa's own
 * client errors (a malformed address…) become a French 400 page; an address nothing answered
 * becomes the 404 page. Anything else is a defect: logged with a reference, and a French apology
 * page (500) shows the reference, never the failure itself. Under `/api/`, every error is
 * answered as JSON problem details instead (see `handleApiErrors`).
 */
export function errors(kit: PortalKit): Middleware<PortalState> {
  return async (ctx, next) => {
    if (isApiPath(ctx.path)) return handleApiErrors(ctx, next, kit)
    try {
      await next()
      if (ctx.status === 404 && ctx.body == null) renderErrorPage(ctx, kit, 404, new PageNotFound({ path: ctx.path }).message)
      else if (ctx.status === 405 && ctx.body == null) renderErrorPage(ctx, kit, 405, new MethodNotAllowed({ method: ctx.method }).message)
    } catch (error) {
      ctx.set("Cache-Control", "no-store")
      const refusal = error instanceof PortalRefusal ? error.refusal : undefined
      if (refusal instanceof LoginRequired) {
        const returnTo = safeReturnPath(refusal.returnTo)
        const loginPage = returnTo !== undefined && isAgentPath(returnTo) ? agentPaths.login : portalPaths.home
        seeOther(ctx, returnTo === undefined || returnTo === portalPaths.home || returnTo === loginPage ? loginPage : `${loginPage}?suite=${encodeURIComponent(returnTo)}`)
        return
      }
      if (refusal !== undefined) {
        const status = statusOfRefusal(refusal._tag)
        const view = ctx.state.formView
        if (view !== undefined && status !== 403) renderFormAgain(ctx, kit, view, refusal, status)
        else renderErrorPage(ctx, kit, status, refusal.message)
        return
      }
      const clientStatus = httpStatusOf(error)
      if (clientStatus !== undefined) {
        const message = clientStatus === 404 ? new PageNotFound({ path: ctx.path }).message : new UnreadableForm({ reason: "l'adresse ou la demande est mal formée." }).message
        renderErrorPage(ctx, kit, clientStatus === 404 ? 404 : 400, message)
        return
      }
      const reference = `ERR-${randomBytes(4).toString("hex").toUpperCase()}`
      kit.settings.logError(reference, error)
      try {
        renderErrorPage(
          ctx,
          kit,
          500,
          "Une erreur inattendue nous empêche d'afficher cette page. Nos services en sont informés. Réessayez dans quelques minutes ; si cela se reproduit, contactez le Service à la Population en donnant la référence ci-dessous.",
          reference
        )
      } catch (renderFailure) {
        kit.settings.logError(reference, renderFailure)
        ctx.status = 500
        ctx.type = "text/plain; charset=utf-8"
        ctx.body = `Une erreur inattendue est survenue. Référence : ${reference}`
      }
    }
  }
}
