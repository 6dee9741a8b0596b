import { Instant, WebhookSubscription, WebhookSubscriptionId, WebhookSubscriptionRepository } from "@spe/core"
import { Effect, Either, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aWebhookSecret, aWebhookSubscription } from "./IntegrationFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<WebhookSubscriptionRepository>> | Layer.Layer<WebhookSubscriptionRepository>

/**
 * The behaviour every `WebhookSubscriptionRepository` adapter must have: a subscription kept with
 * every field (its secret too), replaced, removed once, listed oldest first; an unknown id is
 * `WebhookSubscriptionNotFound`.
 */
export function webhookSubscriptionRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, WebhookSubscriptionRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`WebhookSubscriptionRepository contract: ${name}`, () => {
    it("gives back an added subscription with every field, its secret included; WebhookSubscriptionNotFound for another id", async () => {
      const subscription = aWebhookSubscription({
        id: "whk-1",
        url: "https://logiciel.mairie-example.fr/hooks?source=espace-citoyen&v=1",
        eventTypes: ["invoice.issued", "reservation.changed"],
        secret: aWebhookSecret("3f")
      })
      const result = await run(Effect.gen(function* () {
        const repo = yield* WebhookSubscriptionRepository
        yield* repo.add(subscription)
        return { found: yield* repo.get(subscription.id), other: yield* Effect.either(repo.get(WebhookSubscriptionId.make("whk-2"))) }
      }))
      expect(result.found).toEqual(subscription)
      expect(Either.isLeft(result.other) && result.other.left._tag).toBe("WebhookSubscriptionNotFound")
    })

    it("keeps the first subscription when an id is added twice", async () => {
      const found = await run(Effect.gen(function* () {
        const repo = yield* WebhookSubscriptionRepository
        yield* repo.add(aWebhookSubscription({ id: "whk-1", url: "https://premier.example.fr/" }))
        yield* repo.add(aWebhookSubscription({ id: "whk-1", url: "https://second.example.fr/" }))
        return yield* repo.list
      }))
      expect(found.map((s) => s.url)).toEqual(["https://premier.example.fr/"])
    })

    it("replaces a subscription on save, and refuses to save an unknown one", async () => {
      const subscription = aWebhookSubscription({ id: "whk-1" })
      const disabled = new WebhookSubscription({ ...subscription, active: false, disabledAt: Instant.unsafe("2026-03-28T10:00:00Z") })
      const result = await run(Effect.gen(function* () {
        const repo = yield* WebhookSubscriptionRepository
        yield* repo.add(subscription)
        yield* repo.save(disabled)
        return { found: yield* repo.get(subscription.id), unknown: yield* Effect.either(repo.save(aWebhookSubscription({ id: "whk-9" }))) }
      }))
      expect(result.found).toEqual(disabled)
      expect(Either.isLeft(result.unknown) && result.unknown.left.subscriptionId).toBe("whk-9")
    })

    it("removes a subscription once: true for the call that removed it, then false", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* WebhookSubscriptionRepository
        yield* repo.add(aWebhookSubscription({ id: "whk-1" }))
        yield* repo.add(aWebhookSubscription({ id: "whk-2" }))
        const first = yield* repo.remove(WebhookSubscriptionId.make("whk-1"))
        const second = yield* repo.remove(WebhookSubscriptionId.make("whk-1"))
        return { first, second, left: (yield* repo.list).map((s) => s.id), gone: yield* Effect.either(repo.get(WebhookSubscriptionId.make("whk-1"))) }
      }))
      expect(result).toMatchObject({ first: true, second: false, left: ["whk-2"] })
      expect(Either.isLeft(result.gone)).toBe(true)
    })

    it("lists every subscription, inactive ones included, oldest first then by id", async () => {
      const listed = await run(Effect.gen(function* () {
        const repo = yield* WebhookSubscriptionRepository
        yield* repo.add(aWebhookSubscription({ id: "whk-c", createdAt: "2026-03-03T08:00:00Z" }))
        yield* repo.add(aWebhookSubscription({ id: "whk-b", createdAt: "2026-03-01T08:00:00Z", active: false }))
        yield* repo.add(aWebhookSubscription({ id: "whk-a", createdAt: "2026-03-01T08:00:00Z" }))
        return yield* repo.list
      }))
      expect(listed.map((s) => [s.id, s.active])).toEqual([["whk-a", true], ["whk-b", false], ["whk-c", true]])
    })
  })
}
