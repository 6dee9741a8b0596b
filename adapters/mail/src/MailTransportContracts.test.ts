import { mailTransportContract } from "@spe/testkit"
import { Either } from "effect"
import { makeDevMailbox } from "./DevMailbox.js"
import { nodemailerTransport } from "./NodemailerTransport.js"
import { parseSmtpSettings } from "./SmtpSettings.js"
import { startLoopbackSmtpServer } from "./testing/LoopbackSmtpServer.js"

mailTransportContract("nodemailer over SMTP", async () => {
  const server = await startLoopbackSmtpServer()
  const settings = Either.getOrThrow(
    parseSmtpSettings({ host: "127.0.0.1", port: server.port, secure: false, from: "ne-pas-repondre@mairie-example.fr", fromName: "Mairie", timeoutSeconds: 5 })
  )
  return {
    layer: nodemailerTransport(settings),
    delivered: async () =>
      server.received.map((m) => ({ messageId: m.header("message-id") ?? "", to: m.envelopeTo.join(","), subject: m.header("subject") ?? "" })),
    refuse: (reason) => server.refuse({ code: 550, message: reason, stage: "rcpt" }),
    dispose: () => server.close()
  }
})

mailTransportContract(
  "dev mailbox",
  async () => {
    const mailbox = makeDevMailbox()
    return {
      layer: mailbox.layer,
      delivered: async () => mailbox.list().flatMap((m) => Array.from({ length: mailbox.deliveries(m.id) }, () => ({ messageId: m.messageId, to: m.to, subject: m.subject }))),
      refuse: () => undefined,
      dispose: async () => {}
    }
  },
  { canRefuse: false }
)
