import { type AcceptedRequest, AccountId, HouseholdId, Instant, RequestAcceptanceEffects, RequestId } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { samplePayloads } from "./RequestFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<RequestAcceptanceEffects>> | Layer.Layer<RequestAcceptanceEffects>

/**
 * The behaviour every `RequestAcceptanceEffects` implementation must have: each method either
 * applies the accepted request or refuses it with `AcceptanceEffectRefused` naming the request and
 * a French reason; never a defect. (Whether a composition really applies the effect is checked by
 * the other modules' own tests.)
 */
export function requestAcceptanceEffectsContract(name: string, makeLayer: MakeLayer): void {
  const accepted: AcceptedRequest = {
    requestId: RequestId.make("req-1"),
    householdId: HouseholdId.make("hh-concerto"),
    decidedBy: AccountId.make("acc-claire"),
    decidedAt: Instant.unsafe("2026-06-02T08:00:00Z")
  }
  const settled = <E extends { readonly _tag: string; readonly requestId: string; readonly message: string }>(effect: Effect.Effect<void, E>) =>
    Effect.map(Effect.either(effect), (outcome) =>
      outcome._tag === "Right" ? "applied" : outcome.left._tag === "AcceptanceEffectRefused" && outcome.left.requestId === "req-1" && outcome.left.message.length > 0 ? "refused" : "other"
    )

  describe(`RequestAcceptanceEffects contract: ${name}`, () => {
    it("applies or refuses each kind of accepted request with AcceptanceEffectRefused", async () => {
      const layer = await makeLayer()
      const outcomes = await Effect.runPromise(
        Effect.gen(function* () {
          const effects = yield* RequestAcceptanceEffects
          return [
            yield* settled(effects.linkAccountToHousehold(accepted, samplePayloads.accountCreation)),
            yield* settled(effects.applyQuotientUpdate(accepted, samplePayloads.quotientUpdate)),
            yield* settled(effects.applyQuotientUpdate(accepted, samplePayloads.cafQuotient)),
            yield* settled(effects.openEnrollment(accepted, samplePayloads.enrollment)),
            yield* settled(effects.applyContactChange(accepted, samplePayloads.contactChange)),
            yield* settled(effects.justifyAbsence(accepted, samplePayloads.absenceJustification)),
            yield* settled(effects.applyCustomRequest(accepted, samplePayloads.custom))
          ]
        }).pipe(Effect.provide(layer))
      )
      expect(outcomes).toHaveLength(7)
      for (const outcome of outcomes) expect(["applied", "refused"]).toContain(outcome)
    })
  })
}
