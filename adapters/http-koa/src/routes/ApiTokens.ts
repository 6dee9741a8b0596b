import { type ApiKey, apiKeyStatus, Clock, createApiKey, type Instant, listApiKeys, revokeApiKey } from "@spe/core"
import type Router from "@koa/router"
import { Effect } from "effect"
import { openApiPath } from "../api/ApiRouter.js"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type PortalContext, type PortalState, requireAccount, requireHousehold } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { portalPaths } from "../PortalPaths.js"

const title = "Accès pour vos applications"

const notices: Readonly<Record<string, string>> = {
  "jeton-revoque": "Le jeton est révoqué : les applications qui l'utilisaient n'ont plus accès à votre espace."
}

const validityChoices = [
  { value: "30", label: "30 jours" },
  { value: "90", label: "90 jours" },
  { value: "365", label: "1 an" },
  { value: "", label: "Sans date d'expiration (jusqu'à sa révocation)" }
] as const

const emptyValues = { nom: "", validite: "90" }

type TokenValues = typeof emptyValues

const revokePath = (keyId: string): string => portalPaths.apiAccessRevoke.replace(":keyId", encodeURIComponent(keyId))

/** A key as the page lists it: its name, its public prefix (never the secret), its dates and state. */
const keyModel = (key: ApiKey, at: Instant.Instant) => {
  const status = apiKeyStatus(key, at)
  return {
    label: key.label,
    shownToken: `spe_${key.prefix}_…`,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    active: status === "active",
    revoked: status === "revoked",
    expired: status === "expired",
    revokeHref: revokePath(key.id)
  }
}

const now = Effect.flatMap(Clock, (clock) => clock.now)

/**
 * "Accès pour vos applications": the family's API keys. A key is created with a name and a
 * validity; its token is shown once, on the answer to the creation (never stored, never in an
 * address); the list shows each key's public prefix, dates and state; a key is revoked with a
 * button (POST with the form's CSRF token), and stops working at once.
 */
export function apiTokenRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const pageModel = async (ctx: PortalContext, values: TokenValues) => {
    const account = requireAccount(ctx)
    const [keys, at] = await Promise.all([kit.run(listApiKeys(account.id)), kit.run(now)])
    return {
      title,
      keys: keys.map((key) => keyModel(key, at)),
      values,
      validityChoices: validityChoices.map((c) => ({ ...c, selected: c.value === values.validite })),
      documentationHref: openApiPath
    }
  }

  router.get(portalPaths.apiAccess, async (ctx: PortalContext) => {
    requireHousehold(ctx)
    const message = ctx.query["message"]
    const notice = typeof message === "string" ? notices[message] : undefined
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "api-tokens", await pageModel(ctx, emptyValues))
  })

  router.post(portalPaths.apiAccess, async (ctx: PortalContext) => {
    const householdId = requireHousehold(ctx)
    const account = requireAccount(ctx)
    const form = formOf(ctx)
    const values: TokenValues = {
      nom: form.text("nom", { maxLength: 200, label: "Nom du jeton" }),
      validite: form.text("validite", { maxLength: 10, label: "Durée de validité" })
    }
    ctx.state.formView = {
      page: "api-tokens",
      title,
      model: await pageModel(ctx, values),
      fieldOfPath: { label: "nom", validForDays: "validite" },
      fieldOfTag: { ApiKeyLimitReached: "nom" }
    }
    const validity = values.validite.trim()
    const created = await kit.run(
      createApiKey(
        { _tag: "Family", accountId: account.id, householdId },
        { label: values.nom, ...(validity === "" ? {} : { validForDays: /^\d{1,5}$/.test(validity) ? Number(validity) : validity }) }
      )
    )
    kit.render(ctx, "api-tokens", { ...(await pageModel(ctx, emptyValues)), created: { label: created.key.label, token: created.token, expiresAt: created.key.expiresAt } }, 201)
  })

  router.post(portalPaths.apiAccessRevoke, async (ctx: PortalContext) => {
    requireHousehold(ctx)
    const account = requireAccount(ctx)
    await kit.run(revokeApiKey(account.id, ctx.params["keyId"] ?? ""))
    seeOther(ctx, `${portalPaths.apiAccess}?message=jeton-revoque`)
  })
}
