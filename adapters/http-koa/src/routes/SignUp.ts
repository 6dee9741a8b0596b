import { signUp } from "@spe/core"
import type Router from "@koa/router"
import { checkForm, filled, formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"
import { loginHint, passwordHint, sameAsPassword } from "./FirstLogin.js"

const title = "Créer mon espace"

const emptyValues = {
  identifiant: "",
  email: "",
  nom: "",
  telephone: "",
  referenceFoyer: "",
  codeCourrier: "",
  message: ""
}

type SignUpValues = typeof emptyValues

const model = (kit: PortalKit, values: SignUpValues) => ({ title, values, loginHint, passwordHint: passwordHint(kit.settings.passwordRules) })

/**
 * "Créer mon espace": the sign-up form (the core's `signUp`) and its confirmation, which says
 * whether the space is linked to the household at once (reference and letter code matched) or
 * after the Service à la Population accepts the request.
 */
export function signUpRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.signUp, (ctx) => {
    kit.render(ctx, "sign-up", model(kit, emptyValues))
  })

  router.post(portalPaths.signUp, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const values: SignUpValues = {
      identifiant: form.text("identifiant", { maxLength: 254, label: "Identifiant" }),
      email: form.text("email", { maxLength: 254, label: "Adresse e-mail" }),
      nom: form.text("nom", { maxLength: 200, label: "Nom et prénom" }),
      telephone: form.text("telephone", { maxLength: 30, label: "Téléphone" }),
      referenceFoyer: form.text("referenceFoyer", { maxLength: 64, label: "Référence du foyer" }),
      codeCourrier: form.text("codeCourrier", { maxLength: 64, label: "Code du courrier" }),
      message: form.text("message", { maxLength: 10_000, label: "Message" })
    }
    const password = form.text("motDePasse", { maxLength: 1024, label: "Mot de passe" })
    const confirmation = form.text("confirmation", { maxLength: 1024, label: "Confirmation" })
    ctx.state.formView = {
      page: "sign-up",
      title,
      model: model(kit, values),
      fieldOfPath: {
        login: "identifiant",
        email: "email",
        declaredName: "nom",
        phone: "telephone",
        householdReference: "referenceFoyer",
        letterCode: "codeCourrier",
        message: "message"
      },
      fieldOfTag: { LoginTaken: "identifiant", PasswordRefused: "motDePasse", LetterCodeMismatch: "codeCourrier" }
    }
    checkForm(title, [
      filled("identifiant", values.identifiant, "Choisissez votre identifiant."),
      filled("motDePasse", password, "Choisissez votre mot de passe."),
      sameAsPassword(password, confirmation),
      filled("nom", values.nom, "Indiquez votre nom et votre prénom."),
      filled("email", values.email, "Indiquez votre adresse e-mail : les messages de la mairie y seront envoyés.")
    ])
    const signedUp = await kit.run(
      signUp(
        {
          login: values.identifiant,
          password,
          email: values.email,
          declaredName: values.nom,
          phone: values.telephone,
          householdReference: values.referenceFoyer,
          letterCode: values.codeCourrier,
          message: values.message
        },
        kit.settings.passwordRules
      )
    )
    kit.render(ctx, "sign-up-done", {
      title,
      login: signedUp.account.login,
      linked: signedUp.linkedHouseholdId !== undefined,
      requestId: signedUp.request.id
    })
  })
}
