import { actorOf, agentRoleLabel, InvalidCredentials, logIn, permissionLabel, permissionsOf, startWebSession } from "@spe/core"
import type Router from "@koa/router"
import { seeOther } from "../middleware/Errors.js"
import { adoptSession, dropSession } from "../middleware/Sessions.js"
import { formOf, type PortalContext, type PortalState } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import { agentPaths, isAgentPath, portalPaths, safeReturnPath } from "../PortalPaths.js"
import { agentMenu, requireAgent } from "./AgentContext.js"

const loginTitle = "Connexion des agents"

const loginModel = (values: { readonly identifiant: string; readonly suite: string }) => ({ title: loginTitle, values })

/**
 * The back office's door: `GET /agents` (the agent's home: who they are, what their role allows,
 * the sections), `GET /agents/connexion` and `POST /agents/connexion` (the core's `logIn` with its
 * throttling; a family's account is refused here with the same message as wrong credentials, so
 * the page tells nothing about accounts; a new session id at each login).
 */
export function agentHomeRoutes(router: Router<PortalState>, kit: PortalKit): void {
  router.get(agentPaths.login, (ctx) => {
    if (ctx.state.account !== undefined && actorOf(ctx.state.account)._tag === "AgentActor") return seeOther(ctx, agentPaths.home)
    const suite = safeReturnPath(typeof ctx.query["suite"] === "string" ? ctx.query["suite"] : undefined)
    kit.render(ctx, "agents-login", loginModel({ identifiant: "", suite: suite !== undefined && isAgentPath(suite) ? suite : "" }))
  })

  router.post(agentPaths.login, async (ctx: PortalContext) => {
    const form = formOf(ctx)
    const identifier = form.text("identifiant", { maxLength: 254, label: "Identifiant" })
    const password = form.text("motDePasse", { maxLength: 1024, label: "Mot de passe" })
    const suite = safeReturnPath(form.text("suite", { maxLength: 500 }))
    const returnTo = suite !== undefined && isAgentPath(suite) ? suite : undefined
    ctx.state.formView = { page: "agents-login", title: loginTitle, model: loginModel({ identifiant: identifier, suite: returnTo ?? "" }) }
    const login = await kit.run(logIn({ identifier, password, address: ctx.ip || "inconnue" }, kit.settings.loginThrottle))
    if (login.account.holder._tag !== "Agent") return refuse(new InvalidCredentials())
    await dropSession(ctx, kit)
    const started = await kit.run(startWebSession({ accountId: login.account.id, mustChangeCredentials: login.mustChangeCredentials }, kit.settings.sessions))
    adoptSession(ctx, started, login.account, kit.settings.secureCookies)
    seeOther(ctx, login.mustChangeCredentials ? portalPaths.firstLogin : returnTo ?? agentPaths.home)
  })

  router.get(agentPaths.home, (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    kit.render(ctx, "agents-home", {
      title: "Espace agents",
      displayName: agent.displayName,
      roleLabel: agentRoleLabel[agent.role],
      permissions: permissionsOf(agent.role).map((permission) => permissionLabel[permission]),
      sections: agentMenu(agent, ctx.path).filter((entry) => entry.href !== agentPaths.home)
    })
  })
}
