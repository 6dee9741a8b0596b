import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { type AcceptedRequest, HouseholdId, Instant, RequestAcceptanceEffects, RequestId } from "@spe/core"
import { inMemoryRequestRepository } from "./InMemoryRequestRepository.js"
import { recordingAcceptanceEffects } from "./RecordingAcceptanceEffects.js"
import { recordingRequestNotifications } from "./RecordingRequestNotifications.js"
import { requestAcceptanceEffectsContract } from "./RequestAcceptanceEffectsContract.js"
import { requestNotificationsContract } from "./RequestNotificationsContract.js"
import { requestRepositoryContract } from "./RequestRepositoryContract.js"
import { samplePayloads } from "./RequestFixtures.js"

requestRepositoryContract("in memory", () => inMemoryRequestRepository())
requestNotificationsContract("recording", () => recordingRequestNotifications().layer)
requestAcceptanceEffectsContract("recording", () => recordingAcceptanceEffects().layer)
requestAcceptanceEffectsContract("recording, refusing everything", () => recordingAcceptanceEffects({ refuse: () => "Le foyer est archivé." }).layer)

describe("Recording acceptance effects", () => {
  it("records the calls it accepts, in order, and not those it refuses", async () => {
    const effects = recordingAcceptanceEffects({ refuse: (call) => (call.method === "openEnrollment" ? "Aucune place." : undefined) })
    const accepted: AcceptedRequest = { requestId: RequestId.make("req-1"), householdId: HouseholdId.make("hh-1"), decidedAt: Instant.unsafe("2026-06-02T08:00:00Z") }
    const refused = await Effect.runPromise(
      Effect.gen(function* () {
        const port = yield* RequestAcceptanceEffects
        yield* port.applyQuotientUpdate(accepted, samplePayloads.quotientUpdate)
        return yield* Effect.flip(port.openEnrollment(accepted, samplePayloads.enrollment))
      }).pipe(Effect.provide(effects.layer))
    )
    expect(effects.calls.map((c) => c.method)).toEqual(["applyQuotientUpdate"])
    expect(refused.reason).toBe("Aucune place.")
  })
})
