import { type Account, AccountNotLinked, type HouseholdId, InvalidInput, type WebSession } from "@spe/core"
import type { ParameterizedContext } from "koa"
import { LoginRequired, NotAFamilyAccount, refuse, UnreadableForm } from "./PortalErrors.js"
import type { PageModel } from "./PortalViews.js"

/**
 * A form page that the error middleware shows again, with the refusal's messages next to the
 * fields, when a use case refuses what was typed: the page, its model (the values typed, never a
 * password), and which field each refusal concerns.
 */
export interface FormView {
  readonly page: string
  readonly title: string
  readonly model: PageModel
  /** The form field of each path of an `InvalidInput` problem (`login` → `identifiant`); the path itself otherwise. */
  readonly fieldOfPath?: Readonly<Record<string, string>>
  /** The form field a refusal concerns, by tag (`PasswordRefused` → `nouveauMotDePasse`); a general message otherwise. */
  readonly fieldOfTag?: Readonly<Record<string, string>>
}

/** A file sent with a `multipart/form-data` form, as received (its type is only what the browser declared). */
export interface UploadedFile {
  readonly fileName: string
  readonly declaredType: string
  readonly bytes: Uint8Array
}

/** What the portal's middleware leaves on `ctx.state` for the routes. */
export interface PortalState {
  /** The logged-in session, if any. */
  session: WebSession | undefined
  /** The token of the session's cookie (never stored). */
  sessionToken: string | undefined
  /** The logged-in account, read at each request. */
  account: Account | undefined
  /** The anti-forgery token every form of this page carries (`_csrf`). */
  csrfToken: string
  /** The urlencoded form posted, if any. */
  form: FormFields | undefined
  /** The files of a posted `multipart/form-data` form, by field name (empty otherwise). */
  files: ReadonlyMap<string, UploadedFile>
  /** The form to show again when a use case refuses it. */
  formView: FormView | undefined
  /** A French message shown at the top of the page ("Vous êtes déconnecté."). */
  notice: string | undefined
}

/** The Koa context of the portal's routes. */
export type PortalContext = ParameterizedContext<PortalState>

/** The fields of a posted urlencoded form. */
export class FormFields {
  constructor(private readonly values: ReadonlyMap<string, ReadonlyArray<string>>) {}

  /**
   * The value of a single field as typed ("" when absent). Refuses a field sent twice (no form of
   * the portal does that) and a value longer than `maxLength` characters, naming the field.
   */
  text(name: string, options: { readonly maxLength?: number; readonly label?: string } = {}): string {
    const values = this.values.get(name) ?? []
    if (values.length > 1) return refuse(new UnreadableForm({ reason: `le champ « ${options.label ?? name} » a été envoyé plusieurs fois.` }))
    const value = values[0] ?? ""
    const maxLength = options.maxLength ?? 1000
    if (value.length > maxLength) {
      return refuse(
        new InvalidInput({
          subject: "Formulaire",
          problems: [{ path: name, message: `Ce champ est trop long : ${maxLength} caractères au plus.` }]
        })
      )
    }
    return value
  }

  /** Whether the field was sent. */
  has(name: string): boolean {
    return this.values.has(name)
  }
}

/** A field the person must fill in or correct, with what to do in French. */
export interface FieldProblem {
  readonly path: string
  readonly message: string
}

/**
 * Refuses a form (as the core's `InvalidInput`, so it is shown again with each message next to its
 * field) when any check found a problem; the checks that passed give `undefined`.
 *
 * @example
 * checkForm("Créer mon espace", [
 *   name.trim() === "" ? { path: "nom", message: "Indiquez votre nom et votre prénom." } : undefined
 * ])
 */
export function checkForm(subject: string, checks: ReadonlyArray<FieldProblem | undefined>): void {
  const problems = checks.filter((check): check is FieldProblem => check !== undefined)
  if (problems.length > 0) refuse(new InvalidInput({ subject, problems }))
}

/** A problem when the value is blank. */
export const filled = (path: string, value: string, message: string): FieldProblem | undefined =>
  value.trim() === "" ? { path, message } : undefined

/** The posted form; refuses when the request carried none. */
export function formOf(ctx: PortalContext): FormFields {
  return ctx.state.form ?? refuse(new UnreadableForm({ reason: "aucun champ n'a été reçu." }))
}

/** The file sent in a field of a `multipart/form-data` form, if one was chosen. */
export function uploadedFile(ctx: PortalContext, name: string): UploadedFile | undefined {
  return ctx.state.files.get(name)
}

/** The logged-in account; refuses with `LoginRequired` (the login page, then back here) otherwise. */
export function requireAccount(ctx: PortalContext): Account {
  return ctx.state.account ?? refuse(new LoginRequired({ returnTo: ctx.method === "GET" ? ctx.originalUrl : "/" }))
}

/**
 * The household of the logged-in family account: every page of a household's data reads it from
 * here, never from the address or the form, so a family only ever sees its own household. Refuses
 * when nobody is logged in (`LoginRequired`), for an agent's account (`NotAFamilyAccount`), and for
 * an account not yet linked to a household (`AccountNotLinked`).
 *
 * @example
 * router.get(portalPaths.invoices, async (ctx) => {
 *   const householdId = requireHousehold(ctx)
 *   const invoices = await kit.run(listInvoices(householdId))
 *   kit.render(ctx, "invoices", { title: "Mes factures", invoices })
 * })
 */
export function requireHousehold(ctx: PortalContext): HouseholdId {
  const account = requireAccount(ctx)
  if (account.holder._tag !== "Family") return refuse(new NotAFamilyAccount())
  return account.holder.householdId ?? refuse(new AccountNotLinked({ accountId: account.id }))
}
