import { changeCredentials, type PasswordRules, startWebSession, WebSessionStore } from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { checkForm, type FieldProblem, filled, formOf, type PortalContext, type PortalState, requireAccount } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"
import { seeOther } from "../middleware/Errors.js"
import { adoptSession, dropSession } from "../middleware/Sessions.js"

/** The password rules in one French sentence, for the hint under a new-password field. */
export const passwordHint = (rules: PasswordRules): string =>
  `Au moins ${rules.minLength} caractères mêlant au moins ${rules.minCharacterKinds} types (minuscules, majuscules, chiffres, signes), ou une phrase de passe d'au moins ${rules.passphraseMinWords} mots et ${rules.passphraseMinLength} caractères. Ni votre identifiant, ni un mot de passe courant.`

/** The identifier rules in one French sentence. */
export const loginHint =
  "De 3 à 64 caractères : lettres sans accent, chiffres, et les signes . _ - @ (votre adresse e-mail convient)."

/** A problem on the confirmation field when it differs from the new password. */
export const sameAsPassword = (password: string, confirmation: string): FieldProblem | undefined =>
  password === confirmation
    ? undefined
    : { path: "confirmation", message: "La confirmation ne reprend pas le nouveau mot de passe : saisissez deux fois le même." }

const title = "Première connexion"

const model = (kit: PortalKit, values: { readonly nouvelIdentifiant: string }) => ({
  title,
  values,
  loginHint,
  passwordHint: passwordHint(kit.settings.passwordRules)
})

/**
 * `/premiere-connexion`: an account created by the town chooses its own identifier and password
 * (the core's `changeCredentials`), before anything else. Success ends every session of the
 * account and opens a new one.
 */
export function firstLoginRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.firstLogin, (ctx: PortalContext) => {
    const account = requireAccount(ctx)
    if (!account.mustChangeCredentials && ctx.state.session?.mustChangeCredentials !== true) return seeOther(ctx, portalPaths.mySpace)
    kit.render(ctx, "first-login", model(kit, { nouvelIdentifiant: "" }))
  })

  router.post(portalPaths.firstLogin, async (ctx: PortalContext) => {
    const account = requireAccount(ctx)
    const form = formOf(ctx)
    const currentPassword = form.text("motDePasseActuel", { maxLength: 1024, label: "Mot de passe reçu par mail" })
    const newLogin = form.text("nouvelIdentifiant", { maxLength: 254, label: "Nouvel identifiant" })
    const newPassword = form.text("nouveauMotDePasse", { maxLength: 1024, label: "Nouveau mot de passe" })
    const confirmation = form.text("confirmation", { maxLength: 1024, label: "Confirmation" })
    ctx.state.formView = {
      page: "first-login",
      title,
      model: model(kit, { nouvelIdentifiant: newLogin }),
      fieldOfPath: { "": "nouvelIdentifiant" },
      fieldOfTag: {
        InvalidCredentials: "motDePasseActuel",
        LoginTaken: "nouvelIdentifiant",
        PasswordRefused: "nouveauMotDePasse",
        PasswordNotChanged: "nouveauMotDePasse"
      }
    }
    checkForm(title, [
      filled("motDePasseActuel", currentPassword, "Saisissez le mot de passe reçu par mail."),
      filled("nouvelIdentifiant", newLogin, "Choisissez votre nouvel identifiant."),
      filled("nouveauMotDePasse", newPassword, "Choisissez votre nouveau mot de passe."),
      sameAsPassword(newPassword, confirmation)
    ])
    const updated = await kit.run(
      changeCredentials({ accountId: account.id, currentPassword, newLogin, newPassword }, kit.settings.passwordRules)
    )
    await dropSession(ctx, kit)
    await kit.run(Effect.flatMap(WebSessionStore, (store) => store.deleteAllForAccount(updated.id)))
    const started = await kit.run(startWebSession({ accountId: updated.id, mustChangeCredentials: false }, kit.settings.sessions))
    adoptSession(ctx, started, updated, kit.settings.secureCookies)
    seeOther(ctx, `${portalPaths.mySpace}?message=identifiants-enregistres`)
  })
}
