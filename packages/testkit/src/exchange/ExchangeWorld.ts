import {
  type Activity,
  type AttendanceRecord,
  AuditLog,
  type CreditNote,
  CreditNoteRepository,
  type Household,
  type Invoice,
  InvoiceRepository,
  type Payment,
  PaymentRepository,
  type QuotientRecord,
  type Session
} from "@spe/core"
import { Effect, Layer, ManagedRuntime } from "effect"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { inMemoryAttendanceRegister } from "../attendance/InMemoryAttendanceRegister.js"
import { inMemoryCreditNoteRepository } from "../billing/InMemoryCreditNoteRepository.js"
import { inMemoryInvoiceRepository } from "../billing/InMemoryInvoiceRepository.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "../household/InMemoryQuotientRepository.js"
import { inMemoryPaymentRepository } from "../payment/InMemoryPaymentRepository.js"
import { makePortalTestWorld } from "../request/PortalTestWorld.js"
import { inMemoryBookingStore } from "../reservation/InMemoryBookingStore.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"

/** What an exchange test world starts with. */
export interface ExchangeWorldData {
  readonly households?: ReadonlyArray<Household>
  readonly quotients?: ReadonlyArray<QuotientRecord>
  readonly invoices?: ReadonlyArray<Invoice>
  readonly creditNotes?: ReadonlyArray<CreditNote>
  readonly payments?: ReadonlyArray<Payment>
  readonly activities?: ReadonlyArray<Activity>
  readonly sessions?: ReadonlyArray<Session>
  readonly attendance?: ReadonlyArray<AttendanceRecord>
}

/** Every port the exports and imports use, in memory, at 26 November 2026 09:00 in Paris, with the data given. */
export async function makeExchangeWorld(data: ExchangeWorldData = {}) {
  const portal = makePortalTestWorld({ start: "2026-11-26T08:00:00Z" })
  const layer = Layer.mergeAll(
    portal.layer,
    inMemoryHouseholdRepository(data.households ?? []),
    inMemoryQuotientRepository(data.quotients ?? []),
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryPaymentRepository(),
    inMemoryActivityCatalogue(data.activities ?? []),
    inMemoryBookingStore(data.sessions ?? []),
    inMemoryAttendanceRegister(data.attendance ?? []),
    inMemoryTransactions()
  )
  const runtime = ManagedRuntime.make(layer)
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => runtime.runPromise(effect)
  const attempt = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => run(Effect.either(effect))
  await run(
    Effect.gen(function* () {
      for (const invoice of data.invoices ?? []) yield* (yield* InvoiceRepository).add(invoice)
      for (const note of data.creditNotes ?? []) yield* (yield* CreditNoteRepository).add(note)
      for (const payment of data.payments ?? []) yield* (yield* PaymentRepository).recordOnce(payment)
    })
  )
  const audit = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { ...portal, run, attempt, audit, dispose: () => runtime.dispose() }
}
