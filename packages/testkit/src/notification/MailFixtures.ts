import { Either } from "effect"
import { Instant, MailContent, type MailKind, newOutgoingMail, type OutgoingMail, OutgoingMailId, SenderIdentity } from "@spe/core"

/** The seed's town as a mail sender. */
export const aSender: SenderIdentity = new SenderIdentity({
  townName: "Saint-Pierre-lès-Elbeuf",
  serviceName: "Service à la Population",
  address: "Place de la Mairie\n76320 Saint-Pierre-lès-Elbeuf",
  phone: "02 35 81 00 00",
  email: "population@mairie-example.fr",
  portalUrl: "https://espace-citoyen.mairie-example.fr"
})

/** A pending mail, due at `createdAt` (by default 2026-03-27 08:00 UTC). */
export function aMail(options: { id: string; to?: string; kind?: MailKind; createdAt?: string; subject?: string; domain?: string }): OutgoingMail {
  return Either.getOrThrow(
    newOutgoingMail({
      id: OutgoingMailId.make(options.id),
      domain: options.domain ?? "mairie-example.fr",
      draft: {
        to: options.to ?? "famille@example.fr",
        kind: options.kind ?? "invoice-issued",
        content: new MailContent({ subject: options.subject ?? `Courriel ${options.id}`, text: `Texte ${options.id}`, html: `<p>Texte ${options.id}</p>` })
      },
      now: Instant.unsafe(options.createdAt ?? "2026-03-27T08:00:00Z")
    })
  )
}
