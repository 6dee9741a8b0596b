import {
  checkPasswordResetToken,
  Clock,
  Digest,
  isWebSessionTokenShaped,
  PasswordResetLinkInvalid,
  PasswordResetTokenRepository,
  requestPasswordReset,
  resetPassword,
  Sha256Hex,
  WebSessionStore
} from "@spe/core"
import type Router from "@koa/router"
import { Effect, Either, Option } from "effect"
import { checkForm, filled, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"
import { passwordHint, sameAsPassword } from "./FirstLogin.js"

const forgotTitle = "Mot de passe oublié"
const resetTitle = "Choisir un nouveau mot de passe"

/** Whether a reset link's token may still be used, without using it up. */
const checkResetToken = (token: string) =>
  Effect.gen(function* () {
    if (!isWebSessionTokenShaped(token)) return yield* Effect.fail(new PasswordResetLinkInvalid({ problem: "unknown" }))
    const tokenHash = Sha256Hex.make(yield* (yield* Digest).sha256Hex(token))
    const found = yield* (yield* PasswordResetTokenRepository).findByHash(tokenHash)
    const now = yield* (yield* Clock).now
    return yield* checkPasswordResetToken(Option.getOrUndefined(found), now)
  })

const tokenOf = (ctx: PortalContext): string => {
  const token = (ctx as PortalContext & { readonly params?: Record<string, string> }).params?.["token"] ?? ""
  return token.length > 200 ? "" : token
}

/**
 * "J'ai oublié mon mot de passe": `/mot-de-passe-oublie` asks for the identifier or the e-mail and
 * always gives the same answer (the core's `requestPasswordReset`); `/reinitialisation/:token`
 * sets the new password (the core's `resetPassword`) and ends every session of the account.
 */
export function passwordResetRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.forgotPassword, (ctx) => {
    kit.render(ctx, "forgot-password", { title: forgotTitle, values: { identifiant: "" } })
  })

  router.post(portalPaths.forgotPassword, async (ctx: PortalContext) => {
    const identifierOrEmail = formOf(ctx).text("identifiant", { maxLength: 254, label: "Identifiant ou adresse e-mail" }).trim()
    ctx.state.formView = { page: "forgot-password", title: forgotTitle, model: { title: forgotTitle, values: { identifiant: identifierOrEmail } } }
    checkForm(forgotTitle, [filled("identifiant", identifierOrEmail, "Saisissez votre identifiant ou votre adresse e-mail.")])
    const answer = await kit.run(requestPasswordReset({ identifierOrEmail }))
    kit.render(ctx, "forgot-password-sent", { title: forgotTitle, notice: answer.notice })
  })

  router.get(portalPaths.resetPassword, async (ctx: PortalContext) => {
    const checked = await kit.attempt(checkResetToken(tokenOf(ctx)))
    ctx.set("Cache-Control", "no-store")
    if (Either.isLeft(checked)) {
      kit.render(ctx, "reset-password", { title: resetTitle, linkProblem: checked.left.message }, 400)
      return
    }
    kit.render(ctx, "reset-password", { title: resetTitle, action: ctx.path, passwordHint: passwordHint(kit.settings.passwordRules) })
  })

  router.post(portalPaths.resetPassword, async (ctx: PortalContext) => {
    const token = tokenOf(ctx)
    const form = formOf(ctx)
    const newPassword = form.text("nouveauMotDePasse", { maxLength: 1024, label: "Nouveau mot de passe" })
    const confirmation = form.text("confirmation", { maxLength: 1024, label: "Confirmation" })
    ctx.set("Cache-Control", "no-store")
    ctx.state.formView = {
      page: "reset-password",
      title: resetTitle,
      model: { title: resetTitle, action: ctx.path, passwordHint: passwordHint(kit.settings.passwordRules) },
      fieldOfTag: { PasswordRefused: "nouveauMotDePasse" }
    }
    checkForm(resetTitle, [filled("nouveauMotDePasse", newPassword, "Choisissez votre nouveau mot de passe."), sameAsPassword(newPassword, confirmation)])
    const result = await kit.attempt(resetPassword({ token, newPassword }, kit.settings.passwordRules))
    if (Either.isLeft(result) && result.left._tag === "PasswordResetLinkInvalid") {
      kit.render(ctx, "reset-password", { title: resetTitle, linkProblem: result.left.message }, 400)
      return
    }
    if (Either.isLeft(result)) return refuse(result.left)
    await kit.run(Effect.flatMap(WebSessionStore, (store) => store.deleteAllForAccount(result.right.id)))
    kit.render(ctx, "reset-password-done", { title: resetTitle })
  })
}
