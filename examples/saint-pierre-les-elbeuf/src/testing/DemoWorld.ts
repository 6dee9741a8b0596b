/**
 * The demo town on the in-memory ports of @spe/testkit, for tests of the core's users (the seed's,
 * the portal's): one managed runtime whose stores live as long as it does, a test clock at the demo
 * instant, sequential ids, mails recorded. The payment gateway and the document renderer are
 * adapters: the caller gives them.
 */
import {
  type CorePorts,
  DocumentRenderer,
  DocumentRenderingUnavailable,
  PaymentGateway,
  PaymentGatewayUnavailable,
  unpaidBalancesFromAccounts
} from "@spe/core"
import {
  inMemoryAbsenceRepository,
  inMemoryActivityCatalogue,
  inMemoryApiKeyRepository,
  inMemoryAttendanceRegister,
  inMemoryBookingStore,
  inMemoryCreditNoteRepository,
  inMemoryDocumentNumbering,
  inMemoryEnrollmentRepository,
  inMemoryHouseholdRepository,
  inMemoryInvoiceRepository,
  inMemoryMailOutbox,
  inMemoryMailTransport,
  type InMemoryMailTransport,
  inMemoryPaymentIntentRepository,
  inMemoryPaymentRepository,
  inMemoryQuotientRepository,
  inMemoryTariffCatalogue,
  inMemoryTownCalendarSource,
  inMemoryTransactions,
  inMemoryWebhookSubscriptionRepository,
  inMemoryWebSessionStore,
  makePortalTestWorld,
  nodeWebhookSigner,
  type PortalTestWorld,
  type RecordingWebhookTransport,
  recordingWebhookTransport
} from "@spe/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import { type DemoTownSummary, seedDemoTown } from "../Seed.js"
import { demoNow } from "../TownSettings.js"

/** A fresh world for the demo town, and the runtime that keeps its stores. */
export interface DemoWorld {
  /** The clock, the recorded account mails, request events and acceptance effects. */
  readonly portal: PortalTestWorld
  /** The mails the outbox handed to the transport. */
  readonly transport: InMemoryMailTransport
  /** The webhooks the event outbox's deliveries posted (answered 204 unless told otherwise). */
  readonly webhooks: RecordingWebhookTransport
  readonly runtime: ManagedRuntime.ManagedRuntime<CorePorts, never>
  /** The runtime's ports as a layer, to give another program (a portal) the same stores. */
  readonly sharedLayer: () => Promise<Layer.Layer<CorePorts>>
  /** Writes the demo town (once per world). */
  readonly seed: () => Promise<DemoTownSummary>
}

/** What a demo world may be given: "now", and the adapters of the ports the testkit does not fake. */
export interface DemoWorldOptions {
  readonly now?: string
  readonly gateway?: Layer.Layer<PaymentGateway>
  readonly renderer?: Layer.Layer<DocumentRenderer>
}

const noGateway = Layer.succeed(PaymentGateway, {
  initiate: () => Effect.fail(new PaymentGatewayUnavailable({ reason: "aucun moyen de paiement en ligne n'est branché dans ce monde de test." })),
  confirm: () => Effect.fail(new PaymentGatewayUnavailable({ reason: "aucun moyen de paiement en ligne n'est branché dans ce monde de test." }))
})

const noRenderer = Layer.succeed(DocumentRenderer, {
  render: (kind, _model, format) => Effect.fail(new DocumentRenderingUnavailable({ kind, format, reason: "aucun moteur de documents n'est branché dans ce monde de test." }))
})

/** Every port of the core in memory, sharing one clock (at `demoNow` unless given) and one id generator. */
export function makeDemoWorld(options: DemoWorldOptions = {}): DemoWorld {
  const portal = makePortalTestWorld({ start: options.now ?? demoNow, seed: 76320 })
  const transport = inMemoryMailTransport()
  const webhooks = recordingWebhookTransport()
  const billing = Layer.provideMerge(
    unpaidBalancesFromAccounts,
    Layer.mergeAll(inMemoryInvoiceRepository(), inMemoryCreditNoteRepository(), inMemoryPaymentRepository())
  )
  const layer = Layer.mergeAll(
    portal.layer,
    billing,
    inMemoryDocumentNumbering(),
    inMemoryHouseholdRepository(),
    inMemoryQuotientRepository(),
    inMemoryTariffCatalogue(),
    inMemoryActivityCatalogue(),
    inMemoryTownCalendarSource(),
    inMemoryBookingStore(),
    inMemoryEnrollmentRepository(),
    inMemoryAbsenceRepository(),
    inMemoryAttendanceRegister(),
    inMemoryTransactions(),
    inMemoryWebSessionStore(),
    inMemoryApiKeyRepository(),
    inMemoryMailOutbox(),
    transport.layer,
    inMemoryWebhookSubscriptionRepository(),
    webhooks.layer,
    nodeWebhookSigner(),
    inMemoryPaymentIntentRepository(),
    options.gateway ?? noGateway,
    options.renderer ?? noRenderer
  )
  const runtime = ManagedRuntime.make(layer)
  return {
    portal,
    transport,
    webhooks,
    runtime,
    sharedLayer: async () => Layer.succeedContext((await runtime.runtime()).context),
    seed: () => runtime.runPromise(seedDemoTown)
  }
}
