import { AccountId, HouseholdId, Instant, RequestId, RequestMessagePosted, RequestNotifications, RequestStatusChanged } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<RequestNotifications>> | Layer.Layer<RequestNotifications>

/** The behaviour every `RequestNotifications` adapter must have: any batch of events accepted, an empty one too. */
export function requestNotificationsContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, RequestNotifications>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`RequestNotifications contract: ${name}`, () => {
    it("publishes status changes and messages, and an empty batch", async () => {
      const at = Instant.unsafe("2026-06-01T07:00:00Z")
      const common = { requestId: RequestId.make("req-1"), kind: "QuotientUpdate" as const, householdId: HouseholdId.make("hh-concerto"), accountId: AccountId.make("acc-concerto"), at }
      const outcome = await run(Effect.gen(function* () {
        const notifications = yield* RequestNotifications
        yield* notifications.publish([])
        yield* notifications.publish([
          new RequestStatusChanged({ ...common, to: "submitted", author: { _tag: "Family", accountId: common.accountId } }),
          new RequestStatusChanged({ ...common, from: "submitted", to: "inReview", author: { _tag: "Agent", accountId: AccountId.make("acc-claire"), displayName: "Claire Agent" } }),
          new RequestMessagePosted({ ...common, author: { _tag: "Agent", accountId: AccountId.make("acc-claire"), displayName: "Claire Agent" } })
        ])
        return "published"
      }))
      expect(outcome).toBe("published")
    })
  })
}
