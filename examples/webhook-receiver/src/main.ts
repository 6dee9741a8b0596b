/**
 * `npm start -w examples/webhook-receiver` with WEBHOOK_SECRET (the subscription's secret) and
 * optionally PORT (8787) and HOST (127.0.0.1): prints every verified event.
 */
import { createWebhookReceiver } from "./Receiver.js"

const secret = process.env["WEBHOOK_SECRET"]
if (secret === undefined || secret === "") {
  console.error("Indiquez le secret de l'abonnement : WEBHOOK_SECRET=whsec_… npm start -w examples/webhook-receiver")
  process.exit(1)
}
const port = Number(process.env["PORT"] ?? 8787)
const host = process.env["HOST"] ?? "127.0.0.1"

const receiver = createWebhookReceiver({
  secret,
  onEvent: (event) => console.log(`${event.occurredAt} ${event.type} ${event.id}`, JSON.stringify(event.data)),
  onRefusal: (status, reason) => console.error(`refusé (${status}) : ${reason}`)
})
receiver.listen(port, host, () => console.log(`Réception des webhooks sur http://${host}:${port}/ (Ctrl+C pour arrêter)`))
