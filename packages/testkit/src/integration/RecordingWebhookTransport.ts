import { type WebhookRequest, WebhookTransport, WebhookTransportFailed } from "@spe/core"
import { Effect, Layer } from "effect"

/** A webhook transport that records what it posts and answers as it is told. */
export interface RecordingWebhookTransport {
  readonly layer: Layer.Layer<WebhookTransport>
  /** Every request posted, in order, refused ones included. */
  readonly requests: () => ReadonlyArray<WebhookRequest>
  /** The status the receivers at `url` answer from now on (204 by default). */
  readonly answer: (url: string, status: number) => void
  /** From now on, the receivers at `url` are unreachable with this reason; `null` to reach them again. */
  readonly unreachable: (url: string, reason: string | null) => void
}

export function recordingWebhookTransport(): RecordingWebhookTransport {
  const requests: Array<WebhookRequest> = []
  const statuses = new Map<string, number>()
  const down = new Map<string, string>()
  return {
    layer: Layer.succeed(WebhookTransport, {
      post: (request) =>
        Effect.suspend(() => {
          requests.push(request)
          const reason = down.get(request.url)
          if (reason !== undefined) return Effect.fail(new WebhookTransportFailed({ url: request.url, reason }))
          return Effect.succeed({ status: statuses.get(request.url) ?? 204 })
        })
    }),
    requests: () => [...requests],
    answer: (url, status) => {
      statuses.set(url, status)
    },
    unreachable: (url, reason) => {
      if (reason === null) down.delete(url)
      else down.set(url, reason)
    }
  }
}
