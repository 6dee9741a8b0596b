import { MailTransport, type OutgoingMail, type OutgoingMailId } from "@spe/core"
import { Effect, Layer } from "effect"

/** A mailbox in the process: the demo's transport, shown by the portal's `/dev/mail` page. */
export interface DevMailbox {
  readonly layer: Layer.Layer<MailTransport>
  /** Mails received, newest first; a mail sent again (same Message-ID) appears once. */
  readonly list: () => ReadonlyArray<OutgoingMail>
  readonly byId: (id: OutgoingMailId | string) => OutgoingMail | undefined
  /** How many times a mail was received (more than once only after a crash). */
  readonly deliveries: (id: OutgoingMailId | string) => number
  readonly clear: () => void
}

/** A dev mailbox keeping the last `capacity` mails (200 by default). */
export function makeDevMailbox(options: { readonly capacity?: number } = {}): DevMailbox {
  const capacity = options.capacity ?? 200
  const byMessageId = new Map<string, { mail: OutgoingMail; count: number }>()
  const find = (id: string) => [...byMessageId.values()].find((e) => e.mail.id === id)
  return {
    layer: Layer.succeed(MailTransport, {
      send: (mail) =>
        Effect.sync(() => {
          const previous = byMessageId.get(mail.messageId)
          byMessageId.delete(mail.messageId)
          byMessageId.set(mail.messageId, { mail, count: (previous?.count ?? 0) + 1 })
          while (byMessageId.size > capacity) {
            const oldest = byMessageId.keys().next()
            if (oldest.done === true) break
            byMessageId.delete(oldest.value)
          }
        })
    }),
    list: () => [...byMessageId.values()].map((e) => e.mail).reverse(),
    byId: (id) => find(id)?.mail,
    deliveries: (id) => find(id)?.count ?? 0,
    clear: () => byMessageId.clear()
  }
}
