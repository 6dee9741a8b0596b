import { logIn, type LoginSucceeded, startWebSession } from "@spe/core"
import type Router from "@koa/router"
import { formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentPaths, portalPaths, safeReturnPath } from "../PortalPaths.js"
import type { ResolvedPortalSettings } from "../PortalSettings.js"
import { seeOther } from "../middleware/Errors.js"
import { adoptSession, dropSession } from "../middleware/Sessions.js"

/** A block of the welcome text: a paragraph (maybe with the leaflet's link) or a list. */
type WelcomeBlock =
  | { readonly text: string; readonly link?: { readonly before: string; readonly label: string; readonly after: string; readonly href: string } }
  | { readonly list: true; readonly items: ReadonlyArray<string> }

const leafletPhrase = "en cliquant ici"

/** The welcome text cut into paragraphs and lists (lines starting with "- "), the title left out. */
export function welcomeBlocks(settings: Pick<ResolvedPortalSettings, "welcomeTitle" | "welcomeText" | "guideUrl">): ReadonlyArray<WelcomeBlock> {
  const blocks: Array<WelcomeBlock> = []
  const paragraphs = settings.welcomeText.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0)
  for (const paragraph of paragraphs) {
    if (paragraph === settings.welcomeTitle.trim()) continue
    const lines = paragraph.split("\n").map((l) => l.trim())
    const text = lines.filter((l) => !l.startsWith("- ")).join(" ")
    const items = lines.filter((l) => l.startsWith("- ")).map((l) => l.slice(2))
    if (text.length > 0) {
      const at = text.indexOf(leafletPhrase)
      blocks.push(
        settings.guideUrl !== undefined && at >= 0
          ? { text, link: { before: text.slice(0, at), label: leafletPhrase, after: text.slice(at + leafletPhrase.length), href: settings.guideUrl } }
          : { text }
      )
    }
    if (items.length > 0) blocks.push({ list: true, items })
  }
  return blocks
}

const homeModel = (kit: PortalKit, values: { readonly identifiant: string; readonly suite: string }) => ({
  title: "Accueil",
  welcomeTitle: kit.settings.welcomeTitle,
  welcomeBlocks: welcomeBlocks(kit.settings),
  values
})

/** Where a logged-in account goes: the first-login page while it must choose its credentials, an agent to the back office. */
const landingOf = (login: LoginSucceeded, returnTo: string | undefined): string =>
  login.mustChangeCredentials ? portalPaths.firstLogin : returnTo ?? (login.account.holder._tag === "Agent" ? agentPaths.home : portalPaths.mySpace)

/**
 * The home page (welcome text, "Mon espace perso" login form, "Je n'ai pas d'espace"), the login
 * (`POST /connexion`: the core's `logIn` with throttling, one refusal whatever was wrong, a new
 * session id) and the logout (`POST /deconnexion`).
 */
export function homeRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(portalPaths.home, (ctx) => {
    if (ctx.state.account !== undefined) return seeOther(ctx, ctx.state.account.holder._tag === "Agent" ? agentPaths.home : portalPaths.mySpace)
    const suite = safeReturnPath(typeof ctx.query["suite"] === "string" ? ctx.query["suite"] : undefined) ?? ""
    const notice = ctx.query["message"] === "deconnecte" ? "Vous êtes déconnecté. À bientôt !" : undefined
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "home", homeModel(kit, { identifiant: "", suite }))
  })

  router.post(portalPaths.login, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const identifier = form.text("identifiant", { maxLength: 254, label: "Identifiant" })
    const password = form.text("motDePasse", { maxLength: 1024, label: "Mot de passe" })
    const returnTo = safeReturnPath(form.text("suite", { maxLength: 500 }))
    ctx.state.formView = {
      page: "home",
      title: "Accueil",
      model: homeModel(kit, { identifiant: identifier, suite: returnTo ?? "" })
    }
    const login = await kit.run(logIn({ identifier, password, address: ctx.ip || "inconnue" }, kit.settings.loginThrottle))
    await dropSession(ctx, kit)
    const started = await kit.run(
      startWebSession({ accountId: login.account.id, mustChangeCredentials: login.mustChangeCredentials }, kit.settings.sessions)
    )
    adoptSession(ctx, started, login.account, kit.settings.secureCookies)
    seeOther(ctx, landingOf(login, returnTo))
  })

  router.post(portalPaths.logout, async (ctx: PortalContext) => {
    await dropSession(ctx, kit)
    seeOther(ctx, `${portalPaths.home}?message=deconnecte`)
  })
}
