import { mailTransportContract } from "./MailTransportContract.js"
import { inMemoryMailTransport } from "./InMemoryMailTransport.js"

mailTransportContract("in memory", async () => {
  const transport = inMemoryMailTransport()
  return {
    layer: transport.layer,
    delivered: async () => transport.sent().map((m) => ({ messageId: m.messageId, to: m.to, subject: m.subject })),
    refuse: (reason) => transport.failWith(reason),
    dispose: async () => {}
  }
})
