import { Schema } from "effect"

/** What the portal shows of a refusal: a tag that sets the status, and a French message. */
export interface Refusal {
  readonly _tag: string
  readonly message: string
}

/**
 * An expected refusal thrown through Koa's middleware: a use case's typed failure or one of the
 * portal's own (`LoginRequired`, `CsrfTokenRejected`…). The error middleware turns it into a page.
 */
export class PortalRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message)
    this.name = "PortalRefusal"
  }
}

/** A use case died (a bug or an infrastructure fault): shown as an apology page with a reference. */
export class PortalDefect extends Error {
  constructor(readonly detail: string) {
    super(detail)
    this.name = "PortalDefect"
  }
}

/** Throws a refusal for the error middleware to show. */
export const refuse = (refusal: Refusal): never => {
  throw new PortalRefusal(refusal)
}

/** The page needs a logged-in account. */
export class LoginRequired extends Schema.TaggedError<LoginRequired>()("LoginRequired", { returnTo: Schema.String }) {
  override get message(): string {
    return "Connectez-vous pour accéder à cette page."
  }
}

/** A family's account opened a page of the agents' back office. */
export class NotAnAgentAccount extends Schema.TaggedError<NotAnAgentAccount>()("NotAnAgentAccount", {}) {
  override get message(): string {
    return "Cet espace est réservé aux agents de la commune. Pour votre espace famille, connectez-vous depuis la page d'accueil."
  }
}

/** A form came without the session's anti-forgery token, or with another one. */
export class CsrfTokenRejected extends Schema.TaggedError<CsrfTokenRejected>()("CsrfTokenRejected", {}) {
  override get message(): string {
    return "Ce formulaire a expiré ou ne vient pas de cette page (par sécurité, chaque formulaire n'est valable que pendant votre visite). Revenez à la page, rechargez-la, puis envoyez le formulaire à nouveau."
  }
}

/** The request's body could not be read as a form. */
export class UnreadableForm extends Schema.TaggedError<UnreadableForm>()("UnreadableForm", { reason: Schema.String }) {
  override get message(): string {
    return `Ce formulaire n'a pas pu être lu : ${this.reason} Revenez à la page, rechargez-la, puis envoyez-le à nouveau.`
  }
}

/** The form is larger than the portal accepts. */
export class FormTooLarge extends Schema.TaggedError<FormTooLarge>()("FormTooLarge", { limitBytes: Schema.Number }) {
  override get message(): string {
    return `Ce formulaire est trop volumineux (${Math.floor(this.limitBytes / 1024)} Ko au plus) : raccourcissez les textes saisis puis envoyez-le à nouveau.`
  }
}

/** No page at this address. */
export class PageNotFound extends Schema.TaggedError<PageNotFound>()("PageNotFound", { path: Schema.String }) {
  override get message(): string {
    return "Cette page n'existe pas, ou plus. Vérifiez l'adresse, ou revenez à l'accueil de votre espace citoyen."
  }
}

/** An agent's account asked for a family's page. */
export class NotAFamilyAccount extends Schema.TaggedError<NotAFamilyAccount>()("NotAFamilyAccount", {}) {
  override get message(): string {
    return "Cette page est celle des familles : votre compte est celui d'un agent de la mairie."
  }
}

/** The HTTP method is not one this address answers. */
export class MethodNotAllowed extends Schema.TaggedError<MethodNotAllowed>()("MethodNotAllowed", { method: Schema.String }) {
  override get message(): string {
    return "Cette adresse ne s'utilise pas ainsi. Revenez à la page précédente et utilisez ses liens et ses boutons."
  }
}

const forbidden = new Set([
  "PermissionDenied",
  "NotAnAgentAccount",
  "AccountNotLinked",
  "AccountDisabled",
  "CsrfTokenRejected",
  "NotAFamilyAccount",
  "CredentialsChangeRequired"
])

/**
 * The HTTP status of a refusal: 404 for what is not found, 403 for what the person may not do,
 * 429 when throttled, 413 for a form too large, 405 for a wrong method, 400 for every other refusal
 * of what was typed or asked. Never 500: that is for defects only.
 */
export function statusOfRefusal(tag: string): number {
  if (tag.endsWith("NotFound")) return 404
  if (forbidden.has(tag)) return 403
  if (tag === "LoginThrottled") return 429
  if (tag === "FormTooLarge") return 413
  if (tag === "MethodNotAllowed") return 405
  if (tag === "LoginRequired") return 401
  return 400
}

/** Whether a value looks like a refusal (a tagged failure with a message). */
export const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { _tag?: unknown })._tag === "string" &&
  typeof (value as { message?: unknown }).message === "string"
