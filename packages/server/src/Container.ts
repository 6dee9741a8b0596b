import {
  entities,
  mikroAbsenceRepository,
  mikroAccountRepository,
  mikroActivityCatalogue,
  mikroAttendanceRegister,
  mikroAuditLog,
  mikroFileStore,
  mikroHouseholdLinkCodes,
  mikroLoginFailureLog,
  mikroMailOutbox,
  mikroPasswordResetTokenRepository,
  mikroRequestRepository,
  mikroSupportingDocumentRepository,
  mikroCreditNoteRepository,
  mikroDocumentNumbering,
  mikroEnrollmentRepository,
  mikroHouseholdRepository,
  mikroInvoiceRepository,
  mikroPaymentIntentRepository,
  mikroPaymentRepository,
  mikroQuotientRepository,
  mikroSessionLedgerRepository,
  mikroSessionRepository,
  mikroTariffCatalogue,
  mikroTownCalendarSource,
  mikroTransactions,
  mikroWebSessionStore,
  mikroApiKeyRepository,
  mikroEventOutbox,
  mikroWebhookSubscriptionRepository,
  openDatabase,
  type Database
} from "@spe/persistence-mikro-orm"
import {
  accountNotificationsByMail,
  Instant,
  type PasswordHasher,
  SenderIdentity,
  unpaidBalancesFromAccounts
} from "@spe/core"
import { handlebarsDocumentRendererLayer } from "@spe/documents-handlebars"
import { passwordResetPath, requestPath } from "@spe/http-koa"
import { Layer, ManagedRuntime } from "effect"
import { container as rootContainer, type DependencyContainer, instanceCachingFactory } from "tsyringe"
import { argon2PasswordHasher } from "./ports/Argon2PasswordHasher.js"
import { type MailSetup, mailSetup, type PaymentSetup, paymentSetup } from "./ports/MailAndPayment.js"
import { clockStartingAt, nodeCryptoDigest, nodeCryptoSecrets, randomIds, systemClock } from "./ports/NodeCrypto.js"
import { requestAcceptanceEffects, requestNotificationsByMail } from "./ports/RequestComposition.js"
import { fetchWebhookTransport, nodeWebhookSigner } from "./ports/Webhooks.js"
import type { DatabaseSettings, Settings } from "./Settings.js"
import { loadTown, type TownPackage } from "./Town.js"

/** The tokens of the container's singletons. */
export const Tokens = {
  /** `Settings`: the installation's validated settings. */
  Settings: Symbol.for("@spe/server/Settings"),
  /** `Database`: the open database (MikroORM and how to close it). */
  Database: Symbol.for("@spe/server/Database"),
  /** `MailSetup`: the mail transport and, in the demo, the dev mailbox. */
  Mail: Symbol.for("@spe/server/Mail"),
  /** `PaymentSetup`: the payment gateway and, in the demo, the sandbox. */
  Payment: Symbol.for("@spe/server/Payment"),
  /** `TownPackage`: the town's settings and, for a demo town, its seed. */
  Town: Symbol.for("@spe/server/Town"),
  /** `Layer<PasswordHasher>`: argon2id. */
  PasswordHasher: Symbol.for("@spe/server/PasswordHasher"),
  /** `Layer<ServerPorts>`: every port, built once from the singletons above. */
  Ports: Symbol.for("@spe/server/Ports"),
  /** `ManagedRuntime<ServerPorts>`: the ports built once, to run use cases with. */
  Runtime: Symbol.for("@spe/server/Runtime"),
  /** `Array<() => Promise<void>>`: what `shutdown` closes, last opened first. */
  Closers: Symbol.for("@spe/server/Closers")
} as const

/** What `createContainer` may replace, for tests and tools. */
export interface ContainerOptions {
  /** Another database than the settings' (an in-memory PGlite in tests). */
  readonly database?: DatabaseSettings | { readonly kind: "embedded" }
  /** Another password hasher (a cheaper argon2 cost in tests). */
  readonly passwordHasher?: Layer.Layer<PasswordHasher>
  /** The town, when it is not the settings' package. */
  readonly town?: TownPackage
}

/**
 * Builds the installation's container: loads the town package, opens the database, then registers
 * every singleton under its token. Close it with `shutdown`.
 *
 * @example
 * const container = await createContainer(settings)
 * try { await migrate(container.resolve<Database>(Tokens.Database)) } finally { await shutdown(container) }
 */
export async function createContainer(settings: Settings, options: ContainerOptions = {}): Promise<DependencyContainer> {
  const town = options.town ?? (await loadTown(settings.town.package))
  const database = await openDatabase(options.database ?? settings.database, entities)
  const container = rootContainer.createChildContainer()
  container.register(Tokens.Settings, { useValue: settings })
  container.register(Tokens.Town, { useValue: town })
  container.register(Tokens.Database, { useValue: database })
  container.register(Tokens.Mail, { useFactory: instanceCachingFactory<MailSetup>(() => mailSetup(settings.mail)) })
  container.register(Tokens.Payment, { useFactory: instanceCachingFactory<PaymentSetup>(() => paymentSetup(settings.payment)) })
  container.register(Tokens.PasswordHasher, { useValue: options.passwordHasher ?? argon2PasswordHasher() })
  container.register(Tokens.Ports, { useFactory: instanceCachingFactory((c) => portsLayer(c)) })
  const closers: Array<() => Promise<void>> = [() => database.close()]
  container.register(Tokens.Closers, { useValue: closers })
  container.register(Tokens.Runtime, {
    useFactory: instanceCachingFactory((c) => {
      const runtime = ManagedRuntime.make(c.resolve<ReturnType<typeof portsLayer>>(Tokens.Ports))
      closers.push(() => runtime.dispose())
      return runtime
    })
  })
  return container
}

/**
 * The one Layer providing every port of the core from the container's singletons: the database's
 * repositories, outboxes and transactions, the system clock, random ids, the mail transport, the
 * payment gateway, argon2id, SHA-256, the cryptographic generator, the webhooks' fetch and HMAC,
 * and the ports composed from
 * them with the town's settings: account and request mails through the outbox, the effects of an
 * accepted request, the unpaid balances booking asks for.
 */
export function portsLayer(container: DependencyContainer) {
  const { orm } = container.resolve<Database>(Tokens.Database)
  const settings = container.resolve<Settings>(Tokens.Settings)
  const town = container.resolve<TownPackage>(Tokens.Town).townSettings
  const mail = container.resolve<MailSetup>(Tokens.Mail)
  const payment = container.resolve<PaymentSetup>(Tokens.Payment)
  const hasher = container.resolve<Layer.Layer<PasswordHasher>>(Tokens.PasswordHasher)
  const portal = settings.http.publicUrl
  const sender = SenderIdentity.make({ ...town.sender, portalUrl: portal })
  const messageIdDomain = new URL(portal).hostname
  const repositories = Layer.mergeAll(
    mikroTransactions(orm),
    mikroHouseholdRepository(orm),
    mikroQuotientRepository(orm),
    mikroTariffCatalogue(orm),
    mikroActivityCatalogue(orm),
    mikroTownCalendarSource(orm),
    mikroSessionRepository(orm),
    mikroSessionLedgerRepository(orm),
    mikroEnrollmentRepository(orm),
    mikroAbsenceRepository(orm),
    mikroAttendanceRegister(orm),
    mikroInvoiceRepository(orm),
    mikroCreditNoteRepository(orm),
    mikroDocumentNumbering(orm),
    mikroPaymentRepository(orm),
    mikroPaymentIntentRepository(orm),
    mikroAccountRepository(orm),
    mikroAuditLog(orm),
    mikroHouseholdLinkCodes(orm),
    mikroLoginFailureLog(orm),
    mikroPasswordResetTokenRepository(orm),
    mikroRequestRepository(orm),
    mikroSupportingDocumentRepository(orm),
    mikroFileStore(orm),
    mikroMailOutbox(orm),
    mikroWebSessionStore(orm),
    mikroApiKeyRepository(orm),
    mikroEventOutbox(orm),
    mikroWebhookSubscriptionRepository(orm)
  )
  const platform = Layer.mergeAll(
    settings.town.clockStart === undefined ? systemClock : clockStartingAt(Instant.unsafe(settings.town.clockStart)),
    randomIds,
    mail.transport,
    payment.gateway,
    hasher,
    nodeCryptoDigest,
    nodeCryptoSecrets,
    nodeWebhookSigner,
    fetchWebhookTransport(),
    handlebarsDocumentRendererLayer(settings.documents)
  )
  const composed = Layer.mergeAll(
    unpaidBalancesFromAccounts,
    accountNotificationsByMail({ sender, messageIdDomain, passwordResetLink: (token) => `${portal}${passwordResetPath(token)}` }),
    requestNotificationsByMail({ sender, messageIdDomain, requestLink: (id) => `${portal}${requestPath(id)}` }),
    requestAcceptanceEffects({ partTable: town.partTable, absences: town.absences })
  )
  return Layer.provideMerge(composed, Layer.merge(repositories, platform))
}

/** Every port the server provides. */
export type ServerPorts = Layer.Layer.Success<ReturnType<typeof portsLayer>>

/** The container's runtime, holding the ports until `shutdown`: run use cases with `runtime.runPromise`. */
export function portsRuntime(container: DependencyContainer): ManagedRuntime.ManagedRuntime<ServerPorts, never> {
  return container.resolve<ManagedRuntime.ManagedRuntime<ServerPorts, never>>(Tokens.Runtime)
}

/** Closes what the container opened, last opened first: the ports' runtime, then the database (and the embedded server). */
export async function shutdown(container: DependencyContainer): Promise<void> {
  const closers = container.resolve<Array<() => Promise<void>>>(Tokens.Closers)
  while (closers.length > 0) await closers.pop()?.()
  container.clearInstances()
}
