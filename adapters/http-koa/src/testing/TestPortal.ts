import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import {
  Account,
  AccountEmail,
  AccountId,
  AccountLogin,
  createHouseholdAccount,
  HouseholdId,
  HouseholdRepository,
  Instant,
  PasswordHasher,
  AccountRepository
} from "@spe/core"
import {
  aHousehold,
  inMemoryHouseholdRepository,
  inMemoryWebSessionStore,
  makePortalTestWorld,
  type PortalTestWorld
} from "@spe/testkit"
import { Effect, Layer } from "effect"
import { createPortal, type Portal } from "../Portal.js"
import { passwordResetPath } from "../PortalPaths.js"
import type { DevMailView, PortalSettings } from "../PortalSettings.js"

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

/** The demo family of the test world: the guide's "CONCERTO" household and its account. */
export const demoFamily = {
  householdId: HouseholdId.make("hh-concerto"),
  login: "maman.concerto",
  password: "Espace-Citoyen-76320",
  email: "a.baud@arpege.fr"
} as const

/** A portal on the in-memory world, listening on 127.0.0.1. */
export interface TestPortal {
  readonly url: string
  readonly portal: Portal
  readonly world: PortalTestWorld
  /** Creates a household's account as the town does (temporary password, must change it at first login). */
  readonly createTownAccount: (reference: string, email: string) => Promise<{ readonly login: string; readonly temporaryPassword: string }>
  readonly close: () => Promise<void>
}

/** How to start a test portal: the world's start instant, and settings to override. */
export interface TestPortalOptions {
  readonly start?: string
  readonly settings?: Partial<PortalSettings>
}

/**
 * Starts the portal over the testkit's in-memory world (plus households and sessions in memory),
 * with the guide's town settings, the demo family (`maman.concerto`, linked to the CONCERTO
 * household), and a dev mailbox showing the reset links the world "sent".
 */
export async function startTestPortal(options: TestPortalOptions = {}): Promise<TestPortal> {
  const world = makePortalTestWorld({ start: options.start ?? "2026-11-26T08:00:00Z", seed: 76320 })
  const layer = Layer.mergeAll(world.layer, inMemoryHouseholdRepository(), inMemoryWebSessionStore())
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const mails = (): ReadonlyArray<DevMailView> =>
    world.mails.passwordResetLinks
      .map((mail, i) => ({
        id: `reset-${i + 1}`,
        to: mail.email,
        subject: "Choisir un nouveau mot de passe",
        text: `Bonjour,\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable jusqu'au ${mail.expiresAt}) :\n${new URL(passwordResetPath(mail.token), url).toString()}\n`,
        createdAt: mail.expiresAt
      }))
      .reverse()
  const portal = createPortal({
    layer,
    settings: {
      townName: "Saint-Pierre-lès-Elbeuf",
      welcomeTitle: "BIENVENUE SUR VOTRE ESPACE CITOYEN",
      welcomeText: guideWelcomeText,
      helpBlock: guideHelpBlock,
      publicUrl: url,
      secureCookies: false,
      devMailbox: { list: mails },
      logError: () => undefined,
      ...options.settings
    }
  })
  server.on("request", portal.callback())
  await portal.kit.run(
    Effect.gen(function* () {
      yield* (yield* HouseholdRepository).save(
        aHousehold({
          id: demoFamily.householdId,
          reference: "FAM-000076",
          familyName: "Concerto",
          address: { line1: "1 Chemin de la Cote", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
          contact: { email: demoFamily.email, phones: [] }
        })
      )
      yield* (yield* AccountRepository).save(
        new Account({
          id: AccountId.make("acc-concerto"),
          login: AccountLogin.make(demoFamily.login),
          email: AccountEmail.make(demoFamily.email),
          passwordHash: yield* (yield* PasswordHasher).hash(demoFamily.password),
          mustChangeCredentials: false,
          holder: { _tag: "Family", householdId: demoFamily.householdId },
          createdAt: Instant.unsafe("2026-09-01T08:00:00Z")
        })
      )
    })
  )
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
  }
  return { url, portal, world, createTownAccount, close }
}
