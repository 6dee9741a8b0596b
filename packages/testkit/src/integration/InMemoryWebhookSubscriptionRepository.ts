import { type WebhookSubscription, type WebhookSubscriptionId, WebhookSubscriptionNotFound, WebhookSubscriptionRepository } from "@spe/core"
import { Effect, Layer } from "effect"

/** Webhook subscriptions in a map, oldest first in lists. */
export function inMemoryWebhookSubscriptionRepository(initial: ReadonlyArray<WebhookSubscription> = []): Layer.Layer<WebhookSubscriptionRepository> {
  const byId = new Map<WebhookSubscriptionId, WebhookSubscription>(initial.map((s) => [s.id, s]))
  return Layer.succeed(WebhookSubscriptionRepository, {
    add: (subscription) =>
      Effect.sync(() => {
        if (!byId.has(subscription.id)) byId.set(subscription.id, subscription)
      }),
    get: (id) =>
      Effect.suspend(() => {
        const found = byId.get(id)
        return found === undefined ? Effect.fail(new WebhookSubscriptionNotFound({ subscriptionId: id })) : Effect.succeed(found)
      }),
    save: (subscription) =>
      Effect.suspend(() => {
        if (!byId.has(subscription.id)) return Effect.fail(new WebhookSubscriptionNotFound({ subscriptionId: subscription.id }))
        byId.set(subscription.id, subscription)
        return Effect.void
      }),
    remove: (id) => Effect.sync(() => byId.delete(id)),
    list: Effect.sync(() =>
      [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    )
  })
}
