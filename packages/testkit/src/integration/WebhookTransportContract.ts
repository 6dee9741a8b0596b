import { WebhookTransport, type WebhookTransportFailed } from "@spe/core"
import { Effect, Either, type Layer } from "effect"
import { describe, expect, it } from "vitest"

/** A request as the receiver got it: its body and headers (names in lower case). */
export interface ReceivedWebhook {
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/** A transport under test and receivers it can reach. */
export interface WebhookTransportHarness {
  readonly layer: Layer.Layer<WebhookTransport>
  /** The address of a receiver that answers `status` to every request. */
  readonly receiverAnswering: (status: number) => Promise<string>
  /** An address where nothing answers. */
  readonly unreachable: () => Promise<string>
  /** What the receivers got, in order. */
  readonly received: () => ReadonlyArray<ReceivedWebhook>
  readonly dispose: () => Promise<void>
}

/**
 * The behaviour every `WebhookTransport` adapter must have: the exact body and headers arrive at
 * the address and the receiver's status comes back (a 2xx as well as a 4xx or 5xx: judging it is
 * the core's business); an address where nothing answers is `WebhookTransportFailed` naming it.
 */
export function webhookTransportContract(name: string, makeHarness: () => Promise<WebhookTransportHarness>): void {
  const withHarness = async <A>(use: (harness: WebhookTransportHarness) => Promise<A>): Promise<A> => {
    const harness = await makeHarness()
    try {
      return await use(harness)
    } finally {
      await harness.dispose()
    }
  }
  const post = (harness: WebhookTransportHarness, url: string, body: string, headers: Readonly<Record<string, string>>) =>
    Effect.runPromise(Effect.either(Effect.provide(Effect.flatMap(WebhookTransport, (t) => t.post({ url, body, headers })), harness.layer)))

  describe(`WebhookTransport contract: ${name}`, () => {
    it("posts the exact body and headers and gives back the receiver's status", async () => {
      const body = JSON.stringify({ id: "evt-1", type: "invoice.issued", data: { number: "F-2026-000001", famille: "Noé & Zoé « Ça »" } })
      const headers = { "Content-Type": "application/json", "Spe-Signature": `t=1764144000,v1=${"ab".repeat(32)}`, "Spe-Event-Id": "evt-1" }
      const result = await withHarness(async (harness) => {
        const answer = await post(harness, await harness.receiverAnswering(204), body, headers)
        return { answer, received: harness.received() }
      })
      expect(Either.getOrThrow(result.answer)).toEqual({ status: 204 })
      expect(result.received).toHaveLength(1)
      expect(result.received[0]?.body).toBe(body)
      expect(result.received[0]?.headers).toMatchObject({
        "content-type": "application/json",
        "spe-signature": headers["Spe-Signature"],
        "spe-event-id": "evt-1"
      })
    })

    it("gives back a refusal's status as an answer, not as a failure", async () => {
      const answers = await withHarness(async (harness) => [
        await post(harness, await harness.receiverAnswering(401), "{}", {}),
        await post(harness, await harness.receiverAnswering(503), "{}", {})
      ])
      expect(answers.map((a) => Either.getOrThrow(a).status)).toEqual([401, 503])
    })

    it("fails with WebhookTransportFailed naming the address when nothing answers", async () => {
      const result = await withHarness(async (harness) => {
        const url = await harness.unreachable()
        return { url, answer: await post(harness, url, "{}", {}) }
      })
      expect(Either.isLeft(result.answer)).toBe(true)
      const failure = Either.flip(result.answer).pipe(Either.getOrThrow) as WebhookTransportFailed
      expect(failure._tag).toBe("WebhookTransportFailed")
      expect(failure.url).toBe(result.url)
      expect(failure.reason.length).toBeGreaterThan(0)
    })
  })
}
