import { AuditLog, type HouseholdLinkCode } from "@spe/core"
import { type Either, Effect, Layer } from "effect"
import { inMemoryAccountRepository } from "../account/InMemoryAccountRepository.js"
import { inMemoryApiKeyRepository } from "../account/InMemoryApiKeyRepository.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { inMemoryHouseholdLinkCodes } from "../account/InMemoryHouseholdLinkCodes.js"
import { inMemoryLoginFailureLog } from "../account/InMemoryLoginFailureLog.js"
import { inMemoryPasswordResetTokenRepository } from "../account/InMemoryPasswordResetTokenRepository.js"
import { insecureTestPasswordHasher } from "../account/InsecureTestPasswordHasher.js"
import { nodeDigest } from "../account/NodeDigest.js"
import { recordingAccountNotifications, type RecordingAccountNotifications } from "../account/RecordingAccountNotifications.js"
import { seededSecretGenerator } from "../account/SeededSecretGenerator.js"
import { inMemoryFileStore } from "../document/InMemoryFileStore.js"
import { inMemorySupportingDocumentRepository } from "../document/InMemorySupportingDocumentRepository.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock, type TestClock } from "../TestClock.js"
import { inMemoryRequestRepository } from "./InMemoryRequestRepository.js"
import {
  recordingAcceptanceEffects,
  type RecordingAcceptanceEffects,
  type RecordingAcceptanceEffectsOptions
} from "./RecordingAcceptanceEffects.js"
import { recordingRequestNotifications, type RecordingRequestNotifications } from "./RecordingRequestNotifications.js"

const portalLayer = (clock: TestClock, options: PortalTestWorldOptions, mails: RecordingAccountNotifications, events: RecordingRequestNotifications, effects: RecordingAcceptanceEffects) =>
  Layer.mergeAll(
    clock.layer,
    sequentialIds(),
    inMemoryAccountRepository(),
    inMemoryApiKeyRepository(),
    inMemoryPasswordResetTokenRepository(),
    inMemoryLoginFailureLog(),
    inMemoryAuditLog(),
    insecureTestPasswordHasher(),
    nodeDigest(),
    seededSecretGenerator(options.seed ?? 7),
    mails.layer,
    inMemoryHouseholdLinkCodes(options.letterCodes ?? []),
    inMemoryRequestRepository(),
    events.layer,
    effects.layer,
    inMemoryFileStore(),
    inMemorySupportingDocumentRepository(),
    inMemoryTransactions(),
    inMemoryEventOutbox()
  )

/** Every port of the account, request and document modules, with transactions and the event outbox. */
export type PortalServices = Layer.Layer.Success<ReturnType<typeof portalLayer>>

/** How to set up a portal test world. */
export interface PortalTestWorldOptions {
  readonly start?: string
  readonly seed?: number
  readonly letterCodes?: ReadonlyArray<HouseholdLinkCode>
  readonly acceptanceEffects?: RecordingAcceptanceEffectsOptions
}

/** In-memory ports of the account, request and document modules, sharing state across runs. */
export interface PortalTestWorld {
  readonly layer: Layer.Layer<PortalServices>
  readonly clock: TestClock
  readonly mails: RecordingAccountNotifications
  readonly events: RecordingRequestNotifications
  readonly effects: RecordingAcceptanceEffects
  readonly run: <A, E>(effect: Effect.Effect<A, E, PortalServices>) => Promise<A>
  readonly attempt: <A, E>(effect: Effect.Effect<A, E, PortalServices>) => Promise<Either.Either<A, E>>
}

/**
 * A fresh in-memory world for the account, request and document use cases: a test clock, sequential
 * ids, seeded secrets, recorded mails, events and acceptance effects.
 */
export function makePortalTestWorld(options: PortalTestWorldOptions = {}): PortalTestWorld {
  const clock = makeTestClock(options.start ?? "2026-06-01T07:00:00Z")
  const mails = recordingAccountNotifications()
  const events = recordingRequestNotifications()
  const effects = recordingAcceptanceEffects(options.acceptanceEffects)
  const layer = portalLayer(clock, options, mails, events, effects)
  const run = <A, E>(effect: Effect.Effect<A, E, PortalServices>) => Effect.runPromise(Effect.provide(effect, layer))
  const attempt = <A, E>(effect: Effect.Effect<A, E, PortalServices>) => run(Effect.either(effect))
  return { layer, clock, mails, events, effects, run, attempt }
}

/** The audit records of a world, newest first. */
export const auditRecordsOf = (world: PortalTestWorld) => world.run(Effect.flatMap(AuditLog, (log) => log.list({})))

