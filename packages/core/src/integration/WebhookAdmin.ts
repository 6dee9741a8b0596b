import { Effect, Option, Schema } from "effect"
import type { AgentActor } from "../account/Actor.js"
import { auditedAgentCommand } from "../account/AgentCommand.js"
import { requirePermission } from "../account/Permission.js"
import { SecretGenerator } from "../account/SecretGenerator.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { validate } from "../shared/Validation.js"
import { EventOutbox, type OutboxEventFilter } from "./EventOutbox.js"
import { IntegrationEventType } from "./IntegrationEvent.js"
import {
  WebhookSubscription,
  webhookSubscriptionAuditView,
  WebhookSubscriptionId,
  WebhookSubscriptionNotFound,
  webhookSecretBytes,
  webhookSecretFrom,
  WebhookUrl
} from "./WebhookSubscription.js"
import { WebhookSubscriptionRepository } from "./WebhookSubscriptionRepository.js"

/** What an administrator gives to subscribe the town's software: the address and the event types. */
export const WebhookSubscriptionRequest = Schema.Struct({
  url: Schema.propertySignature(WebhookUrl).annotations({ missingMessage: () => "Indiquez l'adresse qui recevra les événements (https://…)." }),
  eventTypes: Schema.propertySignature(
    Schema.Array(IntegrationEventType.annotations({ message: () => "Choisissez les événements dans la liste." })).pipe(
      Schema.minItems(1, { message: () => "Choisissez au moins un type d'événement à recevoir." })
    )
  ).annotations({ missingMessage: () => "Choisissez au moins un type d'événement à recevoir." })
}).annotations({ identifier: "WebhookSubscriptionRequest" })
export type WebhookSubscriptionRequest = typeof WebhookSubscriptionRequest.Type

/** A subscription just created and its signing secret: shown once, to give to the town's software. */
export interface CreatedWebhookSubscription {
  readonly subscription: WebhookSubscription
  readonly secret: string
}

const targetUrl = (input: unknown): string => {
  const url = typeof input === "object" && input !== null ? (input as { readonly url?: unknown }).url : undefined
  return typeof url === "string" && url.trim().length > 0 ? url.trim().slice(0, 200) : "nouvel-abonnement"
}

const subscriptionTarget = (input: { readonly subscriptionId: string }) => ({
  kind: "webhook",
  id: input.subscriptionId.trim().length > 0 ? input.subscriptionId.trim().slice(0, 64) : "inconnu"
})

const loadSubscription = (subscriptionId: string) =>
  Effect.gen(function* () {
    const id = Schema.decodeUnknownOption(WebhookSubscriptionId)(subscriptionId)
    if (Option.isNone(id)) return yield* Effect.fail(new WebhookSubscriptionNotFound({ subscriptionId }))
    return yield* (yield* WebhookSubscriptionRepository).get(id.value)
  })

/**
 * An administrator subscribes the town's software to events: the address (https) and the event
 * types are checked, a secret of 256 random bits is drawn; the subscription is active at once.
 * The secret is returned once (the journal never holds it). Audited `webhooks.create`.
 */
export const createWebhookSubscription = auditedAgentCommand({
  action: "webhooks.create",
  permission: "accounts.manage",
  target: (input: unknown) => ({ kind: "webhook", id: targetUrl(input) }),
  run: (_agent, input: unknown) =>
    Effect.gen(function* () {
      const request = yield* validate(WebhookSubscriptionRequest, "L'abonnement aux webhooks")(input)
      const secret = webhookSecretFrom(yield* (yield* SecretGenerator).randomBytes(webhookSecretBytes))
      const subscription = new WebhookSubscription({
        id: WebhookSubscriptionId.make(yield* (yield* IdGenerator).next("whk")),
        url: request.url,
        secret,
        eventTypes: [...new Set(request.eventTypes)] as [IntegrationEventType, ...Array<IntegrationEventType>],
        active: true,
        createdAt: yield* (yield* Clock).now
      })
      yield* (yield* WebhookSubscriptionRepository).add(subscription)
      return {
        result: { subscription, secret } satisfies CreatedWebhookSubscription,
        before: null,
        after: webhookSubscriptionAuditView(subscription)
      }
    })
})

const setActive = (subscriptionId: string, active: boolean) =>
  Effect.gen(function* () {
    const before = yield* loadSubscription(subscriptionId)
    const now = yield* (yield* Clock).now
    const after =
      before.active === active
        ? before
        : new WebhookSubscription({
            id: before.id,
            url: before.url,
            secret: before.secret,
            eventTypes: before.eventTypes,
            active,
            createdAt: before.createdAt,
            ...(active ? {} : { disabledAt: now })
          })
    if (after !== before) yield* (yield* WebhookSubscriptionRepository).save(after)
    return { result: after, before: webhookSubscriptionAuditView(before), after: webhookSubscriptionAuditView(after) }
  })

/**
 * An administrator pauses a subscription: it receives nothing from now on (events not yet
 * delivered to it are not sent to it either). Audited `webhooks.disable`.
 */
export const disableWebhookSubscription = auditedAgentCommand({
  action: "webhooks.disable",
  permission: "accounts.manage",
  target: subscriptionTarget,
  run: (_agent, input: { readonly subscriptionId: string }) => setActive(input.subscriptionId, false)
})

/** An administrator turns a paused subscription back on, with the same secret. Audited `webhooks.enable`. */
export const enableWebhookSubscription = auditedAgentCommand({
  action: "webhooks.enable",
  permission: "accounts.manage",
  target: subscriptionTarget,
  run: (_agent, input: { readonly subscriptionId: string }) => setActive(input.subscriptionId, true)
})

/** An administrator deletes a subscription and its secret for good. Audited `webhooks.delete`. */
export const deleteWebhookSubscription = auditedAgentCommand({
  action: "webhooks.delete",
  permission: "accounts.manage",
  target: subscriptionTarget,
  run: (_agent, input: { readonly subscriptionId: string }) =>
    Effect.gen(function* () {
      const before = yield* loadSubscription(input.subscriptionId)
      const removed = yield* (yield* WebhookSubscriptionRepository).remove(before.id)
      if (!removed) return yield* Effect.fail(new WebhookSubscriptionNotFound({ subscriptionId: input.subscriptionId }))
      return { result: before.id, before: webhookSubscriptionAuditView(before), after: null }
    })
})

/** Every webhook subscription, for the back office; needs `accounts.manage`. */
export const listWebhookSubscriptions = (agent: AgentActor) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "accounts.manage")
    return yield* (yield* WebhookSubscriptionRepository).list
  })

/** The latest events of the outbox and where their delivery stands, for the back office; needs `accounts.manage`. */
export const listWebhookEvents = (agent: AgentActor, filter: OutboxEventFilter) =>
  Effect.gen(function* () {
    yield* requirePermission(agent, "accounts.manage")
    return yield* (yield* EventOutbox).list(filter)
  })
