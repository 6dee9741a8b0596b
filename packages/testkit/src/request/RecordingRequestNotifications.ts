import { type RequestEvent, RequestNotifications } from "@spe/core"
import { Effect, Layer } from "effect"

/** Request events "published", kept in order for the test to read. */
export interface RecordingRequestNotifications {
  readonly layer: Layer.Layer<RequestNotifications>
  readonly published: ReadonlyArray<RequestEvent>
}

/** Request notifications that record each event instead of publishing it. */
export function recordingRequestNotifications(): RecordingRequestNotifications {
  const published: Array<RequestEvent> = []
  return {
    layer: Layer.succeed(RequestNotifications, { publish: (events) => Effect.sync(() => void published.push(...events)) }),
    published
  }
}
