import type { MailTransport, PaymentGateway } from "@spe/core"
import { type DevMailbox, makeDevMailbox, nodemailerTransport } from "@spe/mail"
import { makeSandboxGateway, payfipGatewayLayer, type SandboxGateway } from "@spe/payment"
import type { Layer } from "effect"
import type { Settings } from "../Settings.js"

/** How mails leave: the transport's layer, and the dev mailbox when mails stay in the process. */
export interface MailSetup {
  readonly transport: Layer.Layer<MailTransport>
  readonly devMailbox?: DevMailbox
}

/** The mail transport the settings ask for: SMTP through nodemailer, or the dev mailbox. */
export function mailSetup(settings: Settings["mail"]): MailSetup {
  if (settings.transport === "smtp") return { transport: nodemailerTransport(settings.smtp) }
  const devMailbox = makeDevMailbox()
  return { transport: devMailbox.layer, devMailbox }
}

/** The online payment gateway, and the sandbox's handle when payments are simulated. */
export interface PaymentSetup {
  readonly gateway: Layer.Layer<PaymentGateway>
  readonly sandbox?: SandboxGateway
}

/** The gateway the settings ask for: PayFiP, or the sandbox for demos. */
export function paymentSetup(settings: Settings["payment"]): PaymentSetup {
  if (settings.gateway === "payfip") return { gateway: payfipGatewayLayer(settings.payfip) }
  const sandbox = makeSandboxGateway({ pageUrl: settings.pageUrl })
  return { gateway: sandbox.layer, sandbox }
}
