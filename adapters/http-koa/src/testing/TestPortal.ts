import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import {
  Account,
  AccountEmail,
  AccountId,
  AccountLogin,
  AccountRepository,
  type AgentRole,
  Clock,
  createHouseholdAccount,
  HouseholdId,
  HouseholdRepository,
  MailContent,
  MailOutbox,
  newOutgoingMail,
  OutgoingMailId,
  PasswordHasher,
  type PaymentGateway
} from "@spe/core"
import { handlebarsDocumentRendererLayer } from "@spe/documents-handlebars"
import { concerto, demoAgentPassword, demoAgents, demoFamilyPassword, demoNow, type DemoTownSummary, townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { type DemoWorld, makeDemoWorld } from "@spe/example-saint-pierre-les-elbeuf/testing"
import { handlePayfipNotification, handlePayfipReturn, makeSandboxGateway, SANDBOX_CHOICE_LABELS, type SandboxGateway } from "@spe/payment"
import type { PortalTestWorld } from "@spe/testkit"
import { Effect, Either, type Layer, Option } from "effect"
import { createPortal, type Portal } from "../Portal.js"
import { agentPaths, passwordResetPath, portalPaths } from "../PortalPaths.js"
import { BrowserLikeClient } from "./BrowserLikeClient.js"
import type { PortalSettings } from "../PortalSettings.js"

/** The help block of the seed guide's town, verbatim. */
export const guideHelpBlock: PortalSettings["helpBlock"] = {
  title: "Besoin d'aide ?",
  serviceName: "Service à la population",
  addressLines: ["Place François Mitterrand", "76 320 Saint-Pierre-Lès-Elbeuf"],
  email: "servicepopulation@pierrotin.fr",
  counter: {
    purpose: "Accueil du Service à la population (Hôtel de Ville)",
    phone: "02 32 96 94 51",
    hours: [
      "du lundi au jeudi : 8h30 - 12h | 13h30 - 17h",
      "le vendredi : 8h30 - 12h30 | 13h30 - 16h",
      "et le samedi (hors vacances) : 10h - 12h"
    ]
  },
  website: "www.ville-de-saint-pierre-les-elbeuf.fr"
}

/** The welcome page of the seed guide, verbatim. */
export const guideWelcomeText = [
  "BIENVENUE SUR VOTRE ESPACE CITOYEN",
  "La Ville de Saint-Pierre-lès-Elbeuf vous souhaite la bienvenue sur votre espace citoyen. Destiné à faciliter vos démarches, il est accessible 24h/24 et 7 jours/7 sur ordinateur, mobile et tablette. Dédié aux prestations enfance et jeunesse, votre espace citoyen proposera dans quelques mois d'autres possibilités : état civil, élections, urbanisme, informations diverses...",
  "Bien sûr, l'ensemble de ces services publics restent accessibles à l'Hôtel de Ville.",
  "Nous vous invitons, dès à présent, à créer votre compte en renseignant votre identifiant et mot de passe reçus par mail, puis à les personnaliser. Vous pourrez ensuite accéder aux demandes d'inscription, aux réservations ainsi qu'à la consultation et au paiement en ligne de vos factures pour les services suivants :\n- Accueils du matin et du soir\n- Accueil du mercredi\n- Activités des vacances scolaires\n- Restauration scolaire",
  "Votre Espace Citoyen vous permet également de consulter l'historique de vos demandes et le suivi de l'état de leur traitement.",
  "Besoin d'aide ? Retrouvez le dépliant explicatif en cliquant ici.",
  "Une question sur vos inscriptions ou des difficultés à créer votre espace personnel ? Contactez le Service à la Population :\n- par téléphone au 02 32 96 95 70, du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h (16h30 le vendredi) et le samedi de 10h à 12h.\n- ou par mail à l'adresse suivante : servicepopulation@pierrotin.fr",
  "Bonne navigation !"
].join("\n\n")

/** The guide's family in the demo town: the CONCERTO household and its account. */
export const demoFamily = {
  reference: concerto.registration.reference,
  login: concerto.chosenLogin ?? "maman.concerto",
  password: demoFamilyPassword,
  email: concerto.registration.contact.email
} as const

/** The demo's agents by role (a `reader` is added by the test portal), all with one password. */
export const demoAgentLogins: { readonly [R in AgentRole]: string } = {
  reader: "lecture.test",
  agent: demoAgents.find((a) => a.role === "agent")?.login ?? "agent.demo",
  billing: demoAgents.find((a) => a.role === "billing")?.login ?? "regie.demo",
  admin: demoAgents.find((a) => a.role === "admin")?.login ?? "admin.demo"
}

/** A portal on the demo town in memory, listening on 127.0.0.1. */
export interface TestPortal {
  readonly url: string
  readonly portal: Portal
  /** The clock, the recorded account mails and request events. */
  readonly world: PortalTestWorld
  /** The whole demo world: its runtime runs any use case on the portal's stores. */
  readonly demo: DemoWorld
  /** What the seed wrote. */
  readonly seeded: DemoTownSummary
  /** The payment sandbox the portal's "Payer en ligne" goes through. */
  readonly sandbox: SandboxGateway
  /** The id of a demo household from its reference (`FAM-000101` is CONCERTO). */
  readonly householdId: (reference: string) => Promise<HouseholdId>
  /** A client logged in to the back office as the demo's agent of that role. */
  readonly agentClient: (role: AgentRole) => Promise<BrowserLikeClient>
  /** A client logged in to the portal as a family (`maman.concerto` by default). */
  readonly familyClient: (login?: string) => Promise<BrowserLikeClient>
  /** Creates a household's account as the town does (temporary password, must change it at first login). */
  readonly createTownAccount: (reference: string, email: string) => Promise<{ readonly login: string; readonly temporaryPassword: string }>
  readonly close: () => Promise<void>
}

/** How to start a test portal: the world's start instant (the demo's "now" by default), and settings to override. */
export interface TestPortalOptions {
  readonly start?: string
  readonly settings?: Partial<PortalSettings>
  /** The payment gateway, from the portal's address (the sandbox at `<url>/paiement/bac-a-sable` by default). */
  readonly gateway?: (portalUrl: string) => Layer.Layer<PaymentGateway>
}

/**
 * Starts the portal over the demo town in memory (every port of the core from @spe/testkit, seeded
 * by the demo's own program, at the demo's "now"), with the payment sandbox, the Handlebars
 * documents (PDF through the system's Chromium), the town's settings, and `/dev/mail` on the
 * outbox, where the reset links the world recorded are enqueued when the page is asked for.
 */
export async function startTestPortal(options: TestPortalOptions = {}): Promise<TestPortal> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sandbox = makeSandboxGateway({ pageUrl: `${url}/paiement/bac-a-sable` })
  const demo = makeDemoWorld({ now: options.start ?? demoNow, gateway: options.gateway?.(url) ?? sandbox.layer, renderer: handlebarsDocumentRendererLayer() })
  const seeded = await demo.seed()
  const world = demo.portal
  let mailedResetLinks = 0
  const enqueueResetLinks = Effect.gen(function* () {
    const links = world.mails.passwordResetLinks
    const now = yield* (yield* Clock).now
    const outbox = yield* MailOutbox
    for (; mailedResetLinks < links.length; mailedResetLinks++) {
      const link = links[mailedResetLinks]
      if (link === undefined) continue
      const id = OutgoingMailId.make(`reset-${mailedResetLinks + 1}`)
      const text = `Bonjour,\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable jusqu'au ${link.expiresAt}) :\n${new URL(passwordResetPath(link.token), url).toString()}\n`
      const content = new MailContent({ subject: "Choisir un nouveau mot de passe", text, html: "" })
      const mail = newOutgoingMail({ id, domain: "portail-de-test.fr", draft: { to: link.email, kind: "password-reset", content }, now })
      if (Either.isRight(mail)) yield* outbox.enqueue(mail.right)
    }
  })
  const portal = createPortal({
    layer: await demo.sharedLayer(),
    settings: {
      ...townSettings,
      publicUrl: url,
      linkSecret: "secret-des-liens-du-portail-de-test-76320",
      secureCookies: false,
      devMail: true,
      logError: () => undefined,
      onlinePayment: {
        handleNotification: handlePayfipNotification,
        handleReturn: handlePayfipReturn,
        ...(options.gateway === undefined ? { sandbox: { gateway: sandbox, choiceLabels: SANDBOX_CHOICE_LABELS } } : {})
      },
      ...options.settings
    }
  })
  const handle = portal.callback()
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith(portalPaths.devMail) !== true) return void handle(request, response)
    demo.runtime.runPromise(enqueueResetLinks).then(
      () => handle(request, response),
      () => handle(request, response)
    )
  })
  const householdId = async (reference: string) =>
    Option.getOrThrow(await demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (households) => households.findByReference(reference)))).id
  await demo.runtime.runPromise(
    Effect.gen(function* () {
      yield* (yield* AccountRepository).save(
        new Account({
          id: AccountId.make("acc-lecture-test"),
          login: AccountLogin.make(demoAgentLogins.reader),
          email: AccountEmail.make("lecture.test@example.org"),
          passwordHash: yield* (yield* PasswordHasher).hash(demoAgentPassword),
          mustChangeCredentials: false,
          holder: { _tag: "Agent", displayName: "Lise LECTURE", role: "reader" },
          createdAt: yield* (yield* Clock).now
        })
      )
    })
  )
  const agentClient = async (role: AgentRole) => {
    const client = new BrowserLikeClient(url)
    const answer = await client.submit(agentPaths.login, agentPaths.login, { identifiant: demoAgentLogins[role], motDePasse: demoAgentPassword })
    if (answer.location !== agentPaths.home) throw new Error(`The ${role} agent could not log in (${answer.status})`)
    return client
  }
  const familyClient = async (login: string = demoFamily.login) => {
    const client = new BrowserLikeClient(url)
    const answer = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
    if (answer.status !== 303) throw new Error(`The family ${login} could not log in (${answer.status})`)
    return client
  }
  const createTownAccount = async (reference: string, email: string) => {
    const created = await portal.kit.run(
      createHouseholdAccount({ householdId: HouseholdId.make(`hh-${reference.toLowerCase()}`), householdReference: reference, email: AccountEmail.make(email) })
    )
    return { login: created.account.login, temporaryPassword: created.temporaryPassword }
  }
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    await portal.close()
    await demo.runtime.dispose()
  }
  return { url, portal, world, demo, seeded, sandbox, householdId, agentClient, familyClient, createTownAccount, close }
}
