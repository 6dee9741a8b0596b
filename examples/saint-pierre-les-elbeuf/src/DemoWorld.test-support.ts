/**
 * The demo town on the in-memory ports of @spe/testkit, for the tests: one managed runtime whose
 * stores live as long as it does, a test clock at the demo instant, sequential ids.
 */
import { unpaidBalancesFromAccounts } from "@spe/core"
import {
  inMemoryAbsenceRepository,
  inMemoryActivityCatalogue,
  inMemoryAttendanceRegister,
  inMemoryBookingStore,
  inMemoryCreditNoteRepository,
  inMemoryDocumentNumbering,
  inMemoryEnrollmentRepository,
  inMemoryHouseholdRepository,
  inMemoryInvoiceRepository,
  inMemoryPaymentRepository,
  inMemoryQuotientRepository,
  inMemoryTariffCatalogue,
  inMemoryTownCalendarSource,
  inMemoryTransactions,
  makePortalTestWorld,
  type PortalTestWorld
} from "@spe/testkit"
import { Layer, ManagedRuntime } from "effect"
import type { DemoTownServices } from "./Seed.js"
import { demoNow } from "./TownSettings.js"

/** A fresh, empty world for the demo town, and the runtime that keeps its stores. */
export interface DemoWorld {
  readonly portal: PortalTestWorld
  readonly runtime: ManagedRuntime.ManagedRuntime<DemoTownServices, never>
}

/** Every port of the seed in memory, sharing one clock (at `demoNow` unless given) and one id generator. */
export function makeDemoWorld(now: string = demoNow): DemoWorld {
  const portal = makePortalTestWorld({ start: now, seed: 76320 })
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
    inMemoryTransactions()
  )
  return { portal, runtime: ManagedRuntime.make(layer) }
}
