import { eventOutboxContract } from "./EventOutboxContract.js"
import { inMemoryEventOutbox } from "./InMemoryEventOutbox.js"
import { inMemoryWebhookSubscriptionRepository } from "./InMemoryWebhookSubscriptionRepository.js"
import { recordingWebhookTransport } from "./RecordingWebhookTransport.js"
import { webhookSubscriptionRepositoryContract } from "./WebhookSubscriptionRepositoryContract.js"
import { webhookTransportContract } from "./WebhookTransportContract.js"

eventOutboxContract("in memory", () => inMemoryEventOutbox())

webhookSubscriptionRepositoryContract("in memory", () => inMemoryWebhookSubscriptionRepository())

webhookTransportContract("recording", async () => {
  const transport = recordingWebhookTransport()
  const down = new Set<string>()
  let receivers = 0
  return {
    layer: transport.layer,
    receiverAnswering: async (status) => {
      const url = `https://receveur-${++receivers}.example.fr/webhooks`
      transport.answer(url, status)
      return url
    },
    unreachable: async () => {
      const url = "https://injoignable.example.fr/webhooks"
      down.add(url)
      transport.unreachable(url, "connexion refusée")
      return url
    },
    received: () =>
      transport
        .requests()
        .filter((r) => !down.has(r.url))
        .map((r) => ({ body: r.body, headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])) })),
    dispose: async () => {}
  }
})
