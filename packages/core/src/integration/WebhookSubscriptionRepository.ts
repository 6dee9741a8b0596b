import { Context, type Effect } from "effect"
import type { WebhookSubscription, WebhookSubscriptionId, WebhookSubscriptionNotFound } from "./WebhookSubscription.js"

/**
 * Where webhook subscriptions are kept. Any adapter must pass `webhookSubscriptionRepositoryContract`
 * of @spe/testkit.
 */
export class WebhookSubscriptionRepository extends Context.Tag("@spe/core/WebhookSubscriptionRepository")<
  WebhookSubscriptionRepository,
  {
    /** Keeps a new subscription (an id is never reused). */
    readonly add: (subscription: WebhookSubscription) => Effect.Effect<void>
    readonly get: (id: WebhookSubscriptionId) => Effect.Effect<WebhookSubscription, WebhookSubscriptionNotFound>
    /** Replaces a stored subscription. */
    readonly save: (subscription: WebhookSubscription) => Effect.Effect<void, WebhookSubscriptionNotFound>
    /** Removes a subscription: true for the call that removed it, false when it was not there. */
    readonly remove: (id: WebhookSubscriptionId) => Effect.Effect<boolean>
    /** Every subscription, inactive ones included, oldest first (then by id). */
    readonly list: Effect.Effect<ReadonlyArray<WebhookSubscription>>
  }
>() {}
