import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { createPortal, type PortalOnlinePayment, type PortalSettings } from "@spe/http-koa"
import { startMailWorker } from "@spe/mail"
import { handlePayfipNotification, handlePayfipReturn, SANDBOX_CHOICE_LABELS } from "@spe/payment"
import { migrate, type Database } from "@spe/persistence-mikro-orm"
import { Cause } from "effect"
import type { DependencyContainer } from "tsyringe"
import { portsLayer, shutdown, Tokens } from "../Container.js"
import type { MailSetup, PaymentSetup } from "../ports/MailAndPayment.js"
import { startWebhookWorker } from "../ports/Webhooks.js"
import { describeDatabase, type Settings } from "../Settings.js"
import type { TownPackage } from "../Town.js"
import { CommandFailed } from "./Failure.js"
import { runSeed } from "./Seed.js"
import type { Terminal } from "./Terminal.js"

/** A portal being served, and how to stop everything it started. */
export interface ServingPortal {
  readonly url: string
  readonly stop: () => Promise<void>
}

/**
 * The secret that signs the portal's private links: the settings' `http.linkSecret`; else, on the
 * embedded database, one drawn once and kept in the data folder; else one drawn for this process
 * (links stop working at the next start: the terminal says so).
 */
function linkSecretOf(settings: Settings, terminal: Terminal): string {
  if (settings.http.linkSecret !== undefined) return settings.http.linkSecret
  if (settings.database.kind === "embedded") {
    const file = join(settings.database.dataDir, "link-secret")
    if (existsSync(file)) return readFileSync(file, "utf8").trim()
    mkdirSync(settings.database.dataDir, { recursive: true })
    const secret = randomBytes(32).toString("hex")
    writeFileSync(file, `${secret}\n`, { mode: 0o600 })
    return secret
  }
  terminal.err("Attention : aucun secret des liens signés (SPE_LINK_SECRET) ; les liens privés donnés aujourd'hui ne marcheront plus au prochain démarrage.")
  return randomBytes(32).toString("hex")
}

/**
 * Online payment on the portal: PayFiP's notification and return handlers (the sandbox's page
 * comes back through the same return), the sandbox's page in the demo, and PayFiP's payment page
 * allowed as where "Payer en ligne" sends the family.
 */
export function portalOnlinePayment(payment: PaymentSetup, settings: Settings["payment"]): PortalOnlinePayment {
  return {
    handleNotification: handlePayfipNotification,
    handleReturn: handlePayfipReturn,
    ...(payment.sandbox === undefined ? {} : { sandbox: { gateway: payment.sandbox, choiceLabels: SANDBOX_CHOICE_LABELS } }),
    ...(settings.gateway === "payfip" ? { gatewayOrigins: [new URL(settings.payfip.serviceUrl).origin] } : {})
  }
}

/**
 * `spe serve`: brings the database up to date, loads the demo town when the town package has one
 * (once: the seed does nothing when the town is there), then serves the family portal and runs
 * the workers of the mail outbox and of the webhooks' event outbox. Prints the address, the demo
 * logins and, with the dev mailbox, where to read the mails.
 */
export async function runServe(container: DependencyContainer, terminal: Terminal): Promise<ServingPortal> {
  const settings = container.resolve<Settings>(Tokens.Settings)
  const town = container.resolve<TownPackage>(Tokens.Town)
  const mail = container.resolve<MailSetup>(Tokens.Mail)
  const payment = container.resolve<PaymentSetup>(Tokens.Payment)
  if (town.seedDemoTown !== undefined) await runSeed(container, terminal)
  else {
    terminal.out(`Base : ${describeDatabase(settings.database)}`)
    await migrate(container.resolve<Database>(Tokens.Database))
  }
  const { welcomeTitle, welcomeText, helpBlock } = town.townSettings
  if (welcomeTitle === undefined || welcomeText === undefined || helpBlock === undefined)
    throw new CommandFailed(`La commune ${town.townSettings.townName} ne donne pas le texte d'accueil et le bloc d'aide du portail (welcomeTitle, welcomeText, helpBlock dans townSettings).`)
  const layer = portsLayer(container)
  const portalSettings: PortalSettings = {
    ...town.townSettings,
    welcomeTitle,
    welcomeText,
    helpBlock,
    publicUrl: settings.http.publicUrl,
    linkSecret: linkSecretOf(settings, terminal),
    secureCookies: settings.http.publicUrl.startsWith("https://"),
    onlinePayment: portalOnlinePayment(payment, settings.payment),
    devMail: mail.devMailbox !== undefined
  }
  const portal = createPortal({ layer, settings: portalSettings })
  const listening = await portal.listen(settings.http.port, settings.http.host)
  const worker = startMailWorker({
    interval: "5 seconds",
    batch: 50,
    layer,
    onError: (cause) => terminal.err(`Envoi des courriels : ${Cause.pretty(cause).split("\n")[0]}`)
  })
  const webhooks = startWebhookWorker({
    interval: "5 seconds",
    batch: 20,
    layer,
    onError: (cause) => terminal.err(`Envoi des webhooks : ${Cause.pretty(cause).split("\n")[0]}`)
  })
  terminal.out(`Portail de ${town.townSettings.townName} : ${listening.url}`)
  terminal.out(`Espace des agents : ${listening.url}/agents`)
  if (mail.devMailbox !== undefined) terminal.out(`Courriels envoyés (démonstration) : ${listening.url}/dev/mail`)
  terminal.out("Arrêt : Ctrl+C")
  return {
    url: listening.url,
    stop: async () => {
      await worker.stop()
      await webhooks.stop()
      await listening.close()
      await portal.close()
      await shutdown(container)
    }
  }
}
