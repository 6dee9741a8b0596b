import { Schema } from "effect"
import { hexOf } from "../account/Secrets.js"
import { Instant } from "../shared/Instant.js"
import { IntegrationEventType } from "./IntegrationEvent.js"

/** The identifier of a webhook subscription (never secret: it names it in lists and in the audit). */
export const WebhookSubscriptionId = Schema.NonEmptyTrimmedString.pipe(
  Schema.maxLength(64),
  Schema.pattern(/^[A-Za-z0-9._-]+$/, {
    message: () => "L'identifiant d'un abonnement ne contient que des lettres, des chiffres, « . », « _ » et « - »."
  }),
  Schema.brand("WebhookSubscriptionId"),
  Schema.annotations({ identifier: "WebhookSubscriptionId" })
)
export type WebhookSubscriptionId = typeof WebhookSubscriptionId.Type

const urlShape = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?([/?][^\s#]*)?$/

/** Whether a host name is this machine (`localhost`, `127.x.x.x`, `[::1]`): plain HTTP never leaves it. */
export const isLoopbackHost = (host: string): boolean =>
  host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)

/**
 * Why an address cannot receive webhooks, or `undefined` when it can: an absolute `https://`
 * address without credentials or fragment; plain `http://` only on this machine (loopback, for
 * tests and the demo), since the events carry families' data.
 */
export function webhookUrlProblem(url: string): string | undefined {
  const match = urlShape.exec(url)
  if (match === null) {
    return "Indiquez l'adresse complète qui recevra les événements, par exemple https://logiciel.mairie.fr/webhooks/espace-citoyen (sans identifiant ni mot de passe dans l'adresse)."
  }
  const host = (match[2] ?? "").toLowerCase()
  if (match[1] === "http" && !isLoopbackHost(host)) {
    return "L'adresse doit commencer par https:// : les événements contiennent des données des familles et ne circulent que chiffrés."
  }
  return undefined
}

/** An address that receives webhooks: see `webhookUrlProblem`. At most 2000 characters. */
export const WebhookUrl = Schema.String.annotations({ message: () => "L'adresse doit être un texte." }).pipe(
  Schema.compose(Schema.Trim),
  Schema.minLength(1, { message: () => "Indiquez l'adresse qui recevra les événements (https://…)." }),
  Schema.maxLength(2000, { message: () => "L'adresse ne doit pas dépasser 2000 caractères." }),
  Schema.filter((url) => webhookUrlProblem(url) ?? true),
  Schema.annotations({ identifier: "WebhookUrl" })
)

/** Random bytes in a subscription's secret (256 bits). */
export const webhookSecretBytes = 32

/** A signing secret: `whsec_` and 64 hexadecimal characters. */
export const WebhookSecret = Schema.String.pipe(
  Schema.pattern(/^whsec_[0-9a-f]{64}$/, { message: () => "Un secret de webhook s'écrit whsec_ suivi de 64 caractères hexadécimaux." }),
  Schema.annotations({ identifier: "WebhookSecret" })
)

/** The secret made of random bytes (the first 32). */
export function webhookSecretFrom(bytes: Uint8Array): string {
  if (bytes.length < webhookSecretBytes) throw new RangeError(`Need ${webhookSecretBytes} random bytes, got ${bytes.length}`)
  return `whsec_${hexOf(bytes.subarray(0, webhookSecretBytes))}`
}

/**
 * The town's software asks for events at an address: each event of the chosen types is POSTed
 * there, signed with the subscription's secret (HMAC-SHA256). The secret is kept as is (it signs
 * every delivery) and shown once, at creation. An inactive subscription receives nothing.
 */
export class WebhookSubscription extends Schema.Class<WebhookSubscription>("WebhookSubscription")({
  id: WebhookSubscriptionId,
  url: WebhookUrl,
  secret: WebhookSecret,
  eventTypes: Schema.NonEmptyArray(IntegrationEventType),
  active: Schema.Boolean,
  createdAt: Instant,
  disabledAt: Schema.optional(Instant)
}) {}

/** Whether a subscription wants events of this type now. */
export const wantsEvent = (subscription: WebhookSubscription, type: IntegrationEventType): boolean =>
  subscription.active && subscription.eventTypes.includes(type)

/** What the agents' journal keeps of a subscription: everything but its secret. */
export const webhookSubscriptionAuditView = (subscription: WebhookSubscription) => ({
  id: subscription.id,
  url: subscription.url,
  eventTypes: [...subscription.eventTypes],
  active: subscription.active,
  createdAt: subscription.createdAt,
  ...(subscription.disabledAt === undefined ? {} : { disabledAt: subscription.disabledAt })
})

/** No webhook subscription has this identifier. */
export class WebhookSubscriptionNotFound extends Schema.TaggedError<WebhookSubscriptionNotFound>()("WebhookSubscriptionNotFound", {
  subscriptionId: Schema.String
}) {
  override get message(): string {
    return `Aucun abonnement aux webhooks ne porte l'identifiant ${this.subscriptionId}. Rechargez la liste des abonnements.`
  }
}
