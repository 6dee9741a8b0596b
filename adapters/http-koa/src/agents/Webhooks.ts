import {
  allIntegrationEventTypes,
  type AgentActor,
  createWebhookSubscription,
  deleteWebhookSubscription,
  disableWebhookSubscription,
  enableWebhookSubscription,
  type IntegrationEventType,
  integrationEventTypeLabel,
  listWebhookEvents,
  listWebhookSubscriptions,
  type OutboxEvent,
  type OutboxEventStatus,
  type WebhookSubscription
} from "@spe/core"
import type Router from "@koa/router"
import { seeOther } from "../middleware/Errors.js"
import { formOf, type FormView, type PortalContext, type PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { agentPaths, agentWebhookPath, agentWebhookPaths } from "../PortalPaths.js"
import { agentCan, requireAgent, requireAgentPermission } from "./AgentContext.js"

const title = "Intégrations : webhooks"

/** Events listed under "Derniers envois". */
const recentEvents = 50

const notices: Readonly<Record<string, string>> = {
  desactive: "L'abonnement est désactivé : il ne reçoit plus aucun événement jusqu'à ce que vous le réactiviez.",
  reactive: "L'abonnement est réactivé : il reçoit de nouveau les événements choisis, signés avec le même secret.",
  supprime: "L'abonnement est supprimé, avec son secret : le logiciel ne recevra plus rien à cette adresse."
}

const statusLabels: { readonly [S in OutboxEventStatus]: string } = {
  pending: "En attente",
  delivered: "Envoyé",
  failed: "Abandonné"
}

const statusChoices = [
  { value: "", label: "Tous les états" },
  { value: "pending", label: "En attente (dont nouveaux essais)" },
  { value: "delivered", label: "Envoyés" },
  { value: "failed", label: "Abandonnés" }
] as const

/** The checkbox of an event type in the form (one field per type: a form never sends a field twice). */
const typeField = (type: IntegrationEventType): string => `evenement-${type.replace(/[._]/g, "-")}`

interface WebhookValues {
  readonly adresse: string
  readonly types: ReadonlyArray<IntegrationEventType>
}

const emptyValues: WebhookValues = { adresse: "", types: [] }

const firstQueryValue = (ctx: PortalContext, name: string): string => {
  const value = ctx.query[name]
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === "string" ? text.slice(0, 40) : ""
}

const subscriptionView = (subscription: WebhookSubscription) => ({
  id: subscription.id,
  url: subscription.url,
  events: subscription.eventTypes.map((type) => integrationEventTypeLabel[type]),
  active: subscription.active,
  createdAt: subscription.createdAt,
  disabledAt: subscription.disabledAt,
  disableAction: agentWebhookPath(subscription.id, "desactiver"),
  enableAction: agentWebhookPath(subscription.id, "reactiver"),
  removeAction: agentWebhookPath(subscription.id, "supprimer")
})

const eventView = (entry: OutboxEvent) => ({
  id: entry.event.id,
  type: entry.event.type,
  typeLabel: integrationEventTypeLabel[entry.event.type],
  occurredAt: entry.event.occurredAt,
  statusLabel: statusLabels[entry.status],
  delivered: entry.status === "delivered",
  failed: entry.status === "failed",
  retrying: entry.status === "pending" && entry.attempts > 0,
  attempts: entry.attempts,
  nextAttemptAt: entry.nextAttemptAt,
  deliveredAt: entry.deliveredAt,
  receivers: entry.deliveredTo.length,
  lastError: entry.lastError
})

/**
 * The administrators' webhooks (`accounts.manage`): `GET /agents/integrations/webhooks` lists the
 * subscriptions of the town's software (address, events, state) and the latest events of the
 * outbox with where their delivery stands (filtered by state); `POST` on the same address creates
 * a subscription (the core's audited `webhooks.create`: https address, at least one event type)
 * and shows its secret once; `POST …/:subscriptionId/desactiver`, `…/reactiver`, `…/supprimer`
 * run the audited `webhooks.disable`, `webhooks.enable`, `webhooks.delete`.
 */
export function agentWebhookRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const pageModel = async (ctx: PortalContext, agent: AgentActor, values: WebhookValues) => {
    const state = firstQueryValue(ctx, "etat")
    const status = statusChoices.some((c) => c.value === state && state !== "") ? (state as OutboxEventStatus) : undefined
    const [subscriptions, events] = await Promise.all([
      kit.run(listWebhookSubscriptions(agent)),
      kit.run(listWebhookEvents(agent, { limit: recentEvents, ...(status === undefined ? {} : { status }) }))
    ])
    return {
      title,
      action: agentPaths.webhooks,
      subscriptions: subscriptions.map(subscriptionView),
      events: events.map(eventView),
      recentEvents,
      filtered: status !== undefined,
      statusChoices: statusChoices.map((c) => ({ ...c, selected: c.value === (status ?? "") })),
      eventTypes: allIntegrationEventTypes.map((type) => ({ field: typeField(type), code: type, label: integrationEventTypeLabel[type], checked: values.types.includes(type) })),
      values: { adresse: values.adresse }
    }
  }

  router.get(agentPaths.webhooks, async (ctx: PortalContext) => {
    const agent = requireAgentPermission(ctx, "accounts.manage")
    const notice = notices[firstQueryValue(ctx, "message")]
    if (notice !== undefined) ctx.state.notice = notice
    kit.render(ctx, "agents-webhooks", await pageModel(ctx, agent, emptyValues))
  })

  router.post(agentPaths.webhooks, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    const form = formOf(ctx)
    const values: WebhookValues = {
      adresse: form.text("adresse", { maxLength: 2000, label: "Adresse de réception" }),
      types: allIntegrationEventTypes.filter((type) => form.text(typeField(type), { maxLength: 3 }) === "oui")
    }
    if (agentCan(agent, "accounts.manage")) {
      ctx.state.formView = {
        page: "agents-webhooks",
        title,
        model: await pageModel(ctx, agent, values),
        fieldOfPath: { url: "adresse", eventTypes: "evenements" }
      } satisfies FormView
    }
    const created = await kit.run(createWebhookSubscription(agent, { url: values.adresse, eventTypes: values.types }))
    ctx.state.formView = undefined
    kit.render(
      ctx,
      "agents-webhooks",
      { ...(await pageModel(ctx, agent, emptyValues)), created: { url: created.subscription.url, secret: created.secret } },
      201
    )
  })

  const subscriptionAction = (
    path: string,
    command: typeof disableWebhookSubscription,
    message: keyof typeof notices
  ) =>
    router.post(path, async (ctx: PortalContext) => {
      const agent = requireAgent(ctx)
      await kit.run(command(agent, { subscriptionId: ctx.params["subscriptionId"] ?? "" }))
      seeOther(ctx, `${agentPaths.webhooks}?message=${message}`)
    })

  subscriptionAction(agentWebhookPaths.disable, disableWebhookSubscription, "desactive")
  subscriptionAction(agentWebhookPaths.enable, enableWebhookSubscription, "reactive")
  router.post(agentWebhookPaths.remove, async (ctx: PortalContext) => {
    const agent = requireAgent(ctx)
    await kit.run(deleteWebhookSubscription(agent, { subscriptionId: ctx.params["subscriptionId"] ?? "" }))
    seeOther(ctx, `${agentPaths.webhooks}?message=supprime`)
  })
}
