import { randomBytes } from "node:crypto"
import { Schema } from "effect"
import type { Next } from "koa"
import type { PortalContext } from "../PortalContext.js"
import { PortalRefusal, type Refusal } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"

/** The media type of every error the API answers (RFC 9457). */
export const problemMediaType = "application/problem+json"

/** One refused field: where (a JSON Pointer into the body, or a parameter's name) and what to do, in French. */
export const ProblemField = Schema.Struct({
  path: Schema.String.annotations({ description: "JSON Pointer into the body (`/sessionIds/0`), or the name of the refused parameter (`from`)." }),
  message: Schema.String.annotations({ description: "What to write instead, in French." })
}).annotations({ identifier: "ProblemField" })

/** An error as the API answers it: RFC 9457 problem details, plus the core's refusal `code` and the refused fields. */
export const Problem = Schema.Struct({
  type: Schema.String.annotations({ description: "A URN naming the kind of problem (`urn:spe:problem:invalid-input`)." }),
  title: Schema.String.annotations({ description: "A short French title of the kind of problem." }),
  status: Schema.Int,
  detail: Schema.String.annotations({ description: "The refusal in French, as the portal shows it: which rule refused and what to do instead." }),
  instance: Schema.String.annotations({ description: "The path of the request." }),
  code: Schema.String.annotations({ description: "The tag of the refusal (`InvalidInput`, `RequestNotFound`, `BookingDeadlinePassed`…)." }),
  errors: Schema.optionalWith(Schema.Array(ProblemField), { exact: true }),
  reference: Schema.optionalWith(Schema.String, { exact: true }).annotations({ description: "For a 500 only: the reference of the logged failure, to give the Service à la Population." })
}).annotations({ identifier: "Problem", description: "An error, as RFC 9457 problem details (`application/problem+json`)." })
export type Problem = typeof Problem.Type

/** No credentials came with a request to the API. */
export class ApiAuthenticationRequired extends Schema.TaggedError<ApiAuthenticationRequired>()("ApiAuthenticationRequired", {}) {
  override get message(): string {
    return "Identifiez-vous : envoyez l'en-tête « Authorization: Bearer spe_… » avec un jeton créé dans « Accès pour vos applications » de votre espace citoyen, ou le cookie de session du portail."
  }
}

/** A request with the portal's session cookie changes data without the session's anti-forgery header. */
export class ApiCsrfHeaderRejected extends Schema.TaggedError<ApiCsrfHeaderRejected>()("ApiCsrfHeaderRejected", {}) {
  override get message(): string {
    return "Avec le cookie de session du portail, toute requête qui modifie des données porte l'en-tête « X-CSRF-Token » égal au jeton anti-falsification de la session : lisez-le avec GET /api/v1/session."
  }
}

/** The body is not JSON (or not UTF-8). */
export class MalformedJson extends Schema.TaggedError<MalformedJson>()("MalformedJson", { reason: Schema.String }) {
  override get message(): string {
    return `Le corps de la requête n'a pas pu être lu : ${this.reason} Envoyez un document JSON encodé en UTF-8.`
  }
}

/** The body is larger than the API accepts. */
export class BodyTooLarge extends Schema.TaggedError<BodyTooLarge>()("BodyTooLarge", { limitBytes: Schema.Number }) {
  override get message(): string {
    return `Le corps de la requête est trop volumineux : ${Math.floor(this.limitBytes / 1024)} Kio au plus.`
  }
}

/** The body is not `application/json`. */
export class UnsupportedMediaType extends Schema.TaggedError<UnsupportedMediaType>()("UnsupportedMediaType", { received: Schema.String }) {
  override get message(): string {
    return `Le corps de la requête doit être du JSON, envoyé avec l'en-tête « Content-Type: application/json »${this.received === "" ? "" : ` (reçu : ${this.received})`}.`
  }
}

/** A query or path parameter was refused. */
export class InvalidParameter extends Schema.TaggedError<InvalidParameter>()("InvalidParameter", {
  problems: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {
  override get message(): string {
    return `Paramètres refusés : ${this.problems.map((p) => `${p.path} — ${p.message}`).join(" ; ")}`
  }
}

/** Nothing answers at this address of the API. */
export class ApiRouteNotFound extends Schema.TaggedError<ApiRouteNotFound>()("ApiRouteNotFound", { path: Schema.String }) {
  override get message(): string {
    return `Aucune ressource de l'API ne répond à l'adresse ${this.path}. La liste des adresses est dans /api/v1/openapi.json.`
  }
}

/** The address exists, not with this method. */
export class ApiMethodNotAllowed extends Schema.TaggedError<ApiMethodNotAllowed>()("ApiMethodNotAllowed", { method: Schema.String }) {
  override get message(): string {
    return `Cette adresse de l'API ne répond pas à la méthode ${this.method}. Les méthodes possibles sont dans /api/v1/openapi.json.`
  }
}

/** What a refusal's tag is answered with: unknown ids and other households' alike are 404. */
const statusByTag: Readonly<Record<string, number>> = {
  ApiAuthenticationRequired: 401,
  ApiKeyRejected: 401,
  LoginRequired: 401,
  PermissionDenied: 403,
  ApiScopeMissing: 403,
  IntegrationKeyRequired: 401,
  AccountNotLinked: 403,
  AccountDisabled: 403,
  CsrfTokenRejected: 403,
  ApiCsrfHeaderRejected: 403,
  NotAFamilyAccount: 403,
  CredentialsChangeRequired: 403,
  RequestNotYours: 404,
  DocumentAccessDenied: 404,
  InvoiceOfAnotherHousehold: 404,
  ApiMethodNotAllowed: 405,
  RequestChangeNotAllowed: 409,
  DocumentInUse: 409,
  LoginTaken: 409,
  HouseholdReferenceTaken: 409,
  ApiKeyLimitReached: 409,
  BodyTooLarge: 413,
  FormTooLarge: 413,
  UnsupportedMediaType: 415,
  LoginThrottled: 429,
  MalformedJson: 400,
  InvalidParameter: 400,
  UnreadableForm: 400,
  PaymentGatewayUnavailable: 503,
  DocumentRenderingUnavailable: 503,
  MailTransportFailed: 503
}

/**
 * The HTTP status of a refusal in the API: 404 for what is not found or belongs to another
 * household, 401 without valid credentials, 403 for what the caller may not do, 409 when the
 * resource's state forbids it (`…Already…`), 400 for an unreadable request, 413/415 for the body,
 * 429 when throttled, 503 when a service the town relies on is down, 422 for every other refusal
 * of what was asked (validation and the rules of the core). Never 500: that is for defects only.
 */
export function apiStatusOfRefusal(tag: string): number {
  const known = statusByTag[tag]
  if (known !== undefined) return known
  if (tag.endsWith("NotFound")) return 404
  if (tag.includes("Already")) return 409
  return 422
}

const titles: Readonly<Record<number, string>> = {
  400: "Requête illisible",
  401: "Identification requise",
  403: "Accès refusé",
  404: "Ressource introuvable",
  405: "Méthode non permise",
  409: "Action impossible dans l'état actuel",
  413: "Corps de requête trop volumineux",
  415: "Type de contenu non pris en charge",
  422: "Demande refusée",
  429: "Trop de tentatives",
  500: "Erreur inattendue",
  503: "Service momentanément indisponible"
}

const kebab = (tag: string): string => tag.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()

/** A JSON Pointer (`/uses/0/daysPerWeek`) from the core's dotted path (`uses.0.daysPerWeek`). */
export const pointerOf = (path: string): string =>
  path === "" ? "" : `/${path.split(".").map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`

const untranslated: ReadonlyArray<readonly [RegExp, string]> = [
  [/^is missing/, "Ce champ est obligatoire."],
  [/^is unexpected/, "Ce champ n'est pas attendu : retirez-le."],
  [/^(Expected |is forbidden)/, "Cette valeur n'a pas le type ou la forme attendus : vérifiez-la dans la documentation de l'API."]
]

/** A validation message meant for people: the schemas' generic messages (in English) become French. */
export const frenchFieldMessage = (message: string): string => untranslated.find(([pattern]) => pattern.test(message))?.[1] ?? message

const problemsOf = (refusal: Refusal): ReadonlyArray<{ readonly path: string; readonly message: string }> | undefined => {
  const problems = (refusal as { readonly problems?: unknown }).problems
  if (!Array.isArray(problems)) return undefined
  const asPointer = refusal._tag === "InvalidInput"
  const seen = new Set<string>()
  return problems.flatMap((p: { readonly path: string; readonly message: string }) => {
    const field = { path: asPointer ? pointerOf(p.path) : p.path, message: frenchFieldMessage(p.message) }
    const key = `${field.path}\u0000${field.message}`
    if (seen.has(key)) return []
    seen.add(key)
    return [field]
  })
}

/** The problem details of a refusal, as the API answers it. */
export function problemOfRefusal(refusal: Refusal, instance: string): Problem {
  const status = apiStatusOfRefusal(refusal._tag)
  const errors = problemsOf(refusal)
  const detail = errors === undefined ? refusal.message : refusal.message.replace(/ : .*$/s, errors.length > 0 ? ` : ${errors.map((e) => e.message).join(" ")}` : "")
  return {
    type: `urn:spe:problem:${kebab(refusal._tag)}`,
    title: titles[status] ?? "Demande refusée",
    status,
    detail,
    instance,
    code: refusal._tag,
    ...(errors === undefined ? {} : { errors })
  }
}

/** Sends problem details with their status. */
export function sendProblem(ctx: PortalContext, problem: Problem): void {
  ctx.status = problem.status
  ctx.set("Cache-Control", "no-store")
  if (problem.status === 401) ctx.set("WWW-Authenticate", 'Bearer realm="spe", charset="UTF-8"')
  ctx.type = problemMediaType
  ctx.body = JSON.stringify(problem)
}

const httpStatusOf = (error: unknown): number | undefined => {
  const status = (error as { readonly status?: unknown }).status
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined
}

/**
 * The error handling of every address under `/api/`: a refusal becomes problem details with its
 * status, a client error of Koa a 400, an address nothing answered a 404 and a wrong method a 405
 * (JSON, never the HTML page), a defect a 500 with a logged reference.
 */
export async function handleApiErrors(ctx: PortalContext, next: Next, kit: PortalKit): Promise<void> {
  try {
    await next()
    if (ctx.status === 404 && ctx.body == null) sendProblem(ctx, problemOfRefusal(new ApiRouteNotFound({ path: ctx.path }), ctx.path))
    else if (ctx.status === 405 && ctx.body == null) sendProblem(ctx, problemOfRefusal(new ApiMethodNotAllowed({ method: ctx.method }), ctx.path))
    else if (ctx.status === 501 && ctx.body == null) sendProblem(ctx, problemOfRefusal(new ApiMethodNotAllowed({ method: ctx.method }), ctx.path))
  } catch (error) {
    ctx.remove("Content-Disposition")
    if (error instanceof PortalRefusal) {
      sendProblem(ctx, problemOfRefusal(error.refusal, ctx.path))
      return
    }
    const clientStatus = httpStatusOf(error)
    if (clientStatus !== undefined) {
      const refusal = clientStatus === 404 ? new ApiRouteNotFound({ path: ctx.path }) : new MalformedJson({ reason: "l'adresse ou la requête est mal formée." })
      sendProblem(ctx, problemOfRefusal(refusal, ctx.path))
      return
    }
    const reference = `ERR-${randomBytes(4).toString("hex").toUpperCase()}`
    kit.settings.logError(reference, error)
    sendProblem(ctx, {
      type: "urn:spe:problem:internal-error",
      title: titles[500] ?? "Erreur inattendue",
      status: 500,
      detail: "Une erreur inattendue nous empêche de répondre. Nos services en sont informés. Réessayez dans quelques minutes ; si cela se reproduit, contactez le Service à la Population en donnant la référence.",
      instance: ctx.path,
      code: "InternalError",
      reference
    })
  }
}
