import { AcceptanceEffectRefused, type AcceptedRequest, RequestAcceptanceEffects, type RequestPayload } from "@spe/core"
import { Effect, Layer } from "effect"

/** The methods of `RequestAcceptanceEffects`. */
export type AcceptanceEffectMethod = keyof RequestAcceptanceEffects["Type"]

/** One call the use case made to the acceptance effects. */
export interface AcceptanceEffectCall {
  readonly method: AcceptanceEffectMethod
  readonly accepted: AcceptedRequest
  readonly payload: RequestPayload
}

/** The effects port that records calls, and the calls. */
export interface RecordingAcceptanceEffects {
  readonly layer: Layer.Layer<RequestAcceptanceEffects>
  readonly calls: ReadonlyArray<AcceptanceEffectCall>
}

/** How the recording port behaves: refuse some calls (with the reason given), or run a handler after recording. */
export interface RecordingAcceptanceEffectsOptions {
  readonly refuse?: (call: AcceptanceEffectCall) => string | undefined
  readonly handle?: (call: AcceptanceEffectCall) => Effect.Effect<void, AcceptanceEffectRefused>
}

/**
 * Acceptance effects that record each call (in order) and succeed, unless `refuse` gives a reason
 * (the call is then not recorded) or `handle` does something more (e.g. link a real account).
 */
export function recordingAcceptanceEffects(options: RecordingAcceptanceEffectsOptions = {}): RecordingAcceptanceEffects {
  const calls: Array<AcceptanceEffectCall> = []
  const record = (method: AcceptanceEffectMethod) => (accepted: AcceptedRequest, payload: RequestPayload) =>
    Effect.suspend(() => {
      const call = { method, accepted, payload }
      const reason = options.refuse?.(call)
      if (reason !== undefined) return Effect.fail(new AcceptanceEffectRefused({ requestId: accepted.requestId, reason }))
      calls.push(call)
      return options.handle === undefined ? Effect.void : options.handle(call)
    })
  return {
    layer: Layer.succeed(RequestAcceptanceEffects, {
      linkAccountToHousehold: record("linkAccountToHousehold"),
      applyQuotientUpdate: record("applyQuotientUpdate"),
      openEnrollment: record("openEnrollment"),
      applyContactChange: record("applyContactChange"),
      justifyAbsence: record("justifyAbsence"),
      applyCustomRequest: record("applyCustomRequest")
    }),
    calls
  }
}
