import {
  allApiScopes,
  type ApiScope,
  apiKeyStatus,
  apiScopeLabel,
  Clock,
  createIntegrationKey,
  type Instant,
  type IntegrationKey,
  listIntegrationKeys,
  revokeIntegrationKey
} from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type FormView, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentApiKeyRevoke, agentApiKeyRevokePath, agentPaths } from "../PortalPaths.js"
import { agentCan, requireAgent, requireAgentPermission } from "./AgentContext.js"

const title = "Intégrations : clés d'API"

const notices: Readonly<Record<string, string>> = {
  revoquee: "La clé est révoquée : le logiciel qui l'utilisait reçoit désormais un refus (401) à chaque appel."
}

/** The checkbox of a scope in the form (one field per scope). */
const scopeField = (scope: ApiScope): string => `droit-${scope.replace(":", "-")}`

interface KeyValues {
  readonly nom: string
  readonly scopes: ReadonlyArray<ApiScope>
}

const emptyValues: KeyValues = { nom: "", scopes: [] }

const keyView = (key: IntegrationKey, now: Instant.Instant) => {
  const status = apiKeyStatus(key, now)
  return {
    id: key.id,
    label: key.label,
    prefix: key.prefix,
    scopes: key.holder.scopes.map((scope) => ({ code: scope, label: apiScopeLabel[scope] })),
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
    active: status === "active",
    revokeAction: agentApiKeyRevoke(key.id)
  }
}

/**
 * The administrators' integration keys (`accounts.manage`): `GET /agents/integrations/cles` lists
 * the keys of the town's software for the agents' API (name, prefix, scopes, last use, state);
 * `POST` on the same address creates one (the core's audited `integrations.keys.create`: a name,
 * at least one scope) and shows its token once; `POST …/:keyId/revoquer` runs the audited
 * `integrations.keys.revoke`.
 */
export function agentApiKeyRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const pageModel = async (values: KeyValues) => {
    const [keys, now] = await Promise.all([kit.run(listIntegrationKeys), kit.run(Effect.flatMap(Clock, (clock) => clock.now))])
    return {
      title,
      action: agentPaths.apiKeys,
      webhooks: agentPaths.webhooks,
      keys: keys.map((key) => keyView(key, now)),
      scopes: allApiScopes.map((scope) => ({ field: scopeField(scope), code: scope, label: apiScopeLabel[scope], checked: values.scopes.includes(scope) })),
      values: { nom: values.nom }
    }
  }

  router.get(agentPaths.apiKeys, async (ctx: PortalContext) => {
    requireAgentPermission(ctx, "accounts.manage")
    const message = ctx.query["message"]
    const notice = typeof message === "string" ? notices[message] : undefined
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "agents-api-keys", await pageModel(emptyValues))
  })

  router.post(agentPaths.apiKeys, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const form = formOf(ctx)
    const values: KeyValues = {
      nom: form.text("nom", { maxLength: 200, label: "Nom de la clé" }),
      scopes: allApiScopes.filter((scope) => form.text(scopeField(scope), { maxLength: 3 }) === "oui")
    }
    if (agentCan(agent, "accounts.manage")) {
      ctx.state.formView = {
        page: "agents-api-keys",
        title,
        model: await pageModel(values),
        fieldOfPath: { label: "nom", scopes: "droits" }
      } satisfies FormView
    }
    const created = await kit.run(createIntegrationKey(agent, { label: values.nom, scopes: values.scopes }))
    ctx.state.formView = undefined
    kit.render(ctx, "agents-api-keys", { ...(await pageModel(emptyValues)), created: { label: created.key.label, token: created.token } }, 201)
  })

  router.post(agentApiKeyRevokePath, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    await kit.run(revokeIntegrationKey(agent, { keyId: ctx.params["keyId"] ?? "" }))
    seeOther(ctx, `${agentPaths.apiKeys}?message=revoquee`)
  })
}
