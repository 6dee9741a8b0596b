import { MailTransport, MailTransportFailed, type OutgoingMail } from "@spe/core"
import { Effect, Layer } from "effect"

/** A mail transport that records what it sends and can be told to refuse. */
export interface InMemoryMailTransport {
  readonly layer: Layer.Layer<MailTransport>
  /** Every mail handed over, in order, copies included. */
  readonly sent: () => ReadonlyArray<OutgoingMail>
  /** From now on, refuse every mail with this reason; `null` to accept again. */
  readonly failWith: (reason: string | null) => void
  /** Refuse the mails to this address (a mailbox that does not exist), whatever `failWith` says. */
  readonly refuseRecipient: (to: string, reason: string) => void
}

export function inMemoryMailTransport(): InMemoryMailTransport {
  const sent: Array<OutgoingMail> = []
  const refused = new Map<string, string>()
  let down: string | null = null
  return {
    layer: Layer.succeed(MailTransport, {
      send: (mail) =>
        Effect.suspend(() => {
          const reason = refused.get(mail.to) ?? down
          if (reason !== null) return Effect.fail(new MailTransportFailed({ mailId: mail.id, reason }))
          sent.push(mail)
          return Effect.void
        })
    }),
    sent: () => [...sent],
    failWith: (reason) => {
      down = reason
    },
    refuseRecipient: (to, reason) => {
      refused.set(to, reason)
    }
  }
}
