import {
  ActivityCatalogue,
  AttendanceRecord,
  AttendanceRegister,
  BillingSettings,
  CreditNoteId,
  CreditNoteRepository,
  DocumentNumbering,
  HouseholdId,
  HouseholdRepository,
  issueCreditNote,
  Instant,
  Invoice,
  InvoiceId,
  InvoiceRepository,
  LocalDate,
  MemberId,
  QuotientRepository,
  RegieId,
  runBilling,
  SessionLedger,
  SessionLedgerRepository,
  TariffCatalogue,
  Transactions,
  unsafeBillingMonth
} from "@spe/core"
import {
  aBookedReservation,
  aCanteen,
  aCreditNote,
  aHousehold,
  anInvoice,
  aQuotientRecord,
  aSession,
  aTariffGrid,
  inMemoryAttendanceRegister,
  inMemoryBookingStore,
  makeTestClock,
  sequentialIds
} from "@spe/testkit"
import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { mikroActivityCatalogue } from "../activity/MikroActivityCatalogue.js"
import { mikroHouseholdRepository } from "../household/MikroHouseholdRepository.js"
import { mikroQuotientRepository } from "../household/MikroQuotientRepository.js"
import { mikroEventOutbox } from "../integration/MikroEventOutbox.js"
import { mikroTariffCatalogue } from "../tariff/MikroTariffCatalogue.js"
import { useMigratedDatabase } from "../testing/PersistenceSuite.js"
import { testDatabaseKinds } from "../testing/TestDatabases.js"
import { mikroTransactions } from "../UnitOfWork.js"
import { mikroCreditNoteRepository } from "./MikroCreditNoteRepository.js"
import { mikroDocumentNumbering } from "./MikroDocumentNumbering.js"
import { mikroInvoiceRepository } from "./MikroInvoiceRepository.js"

const regieId = RegieId.make("regie-enfance")
const march = unsafeBillingMonth("2026-03")
const settings = BillingSettings.make({})
const household = aHousehold()
const lea = MemberId.make("hh-1-c1")
const hugo = MemberId.make("hh-1-c2")
const canteen = aCanteen({ id: "canteen" })
const sessions = ["2026-03-02", "2026-03-03", "2026-03-05"].map((d) => aSession(canteen, d))

class Abandoned {
  readonly _tag = "Abandoned"
}

const booked = (childId: MemberId, session: number) => {
  const s = sessions[session]
  if (s === undefined) throw new Error("no such session")
  return aBookedReservation(s, childId, household.id)
}

const present = (childId: MemberId, session: number) => {
  const s = sessions[session]
  if (s === undefined) throw new Error("no such session")
  return AttendanceRecord.make({
    sessionId: s.id,
    activityId: s.activityId,
    date: s.date,
    childId,
    householdId: household.id,
    status: "present",
    recordedAt: Instant.unsafe(`${s.date}T12:30:00Z`)
  })
}

const creditOn = (invoice: Invoice, sequence: number) =>
  aCreditNote(invoice, { id: CreditNoteId.make(`avoir-${sequence}`), number: `A-2026-${String(sequence).padStart(6, "0")}` })

describe.each(testDatabaseKinds())("billing under concurrency on %s", (kind) => {
  const { db, empty } = useMigratedDatabase(kind)

  const billingRuntime = () => {
    const orm = db().orm
    return ManagedRuntime.make(
      Layer.mergeAll(
        inMemoryBookingStore(sessions),
        inMemoryAttendanceRegister(),
        mikroHouseholdRepository(orm),
        mikroQuotientRepository(orm),
        mikroTariffCatalogue(orm),
        mikroActivityCatalogue(orm),
        mikroInvoiceRepository(orm),
        mikroCreditNoteRepository(orm),
        mikroDocumentNumbering(orm),
        mikroTransactions(orm),
        mikroEventOutbox(orm),
        sequentialIds(),
        makeTestClock("2026-04-01T06:00:00Z").layer
      )
    )
  }

  it("keeps committed invoice and credit-note numbers 1..k without gaps or duplicates when 50 transactions draw at once and some roll back", async () => {
    await empty()
    const runtime = billingRuntime()
    const invoice = anInvoice({ id: InvoiceId.make("inv-corrected"), number: "F-2025-000001" })
    await runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.add(invoice)))
    const attempt = (i: number) =>
      Effect.flatMap(Transactions, (tx) =>
        tx.withTransaction(
          Effect.gen(function* () {
            const numbering = yield* DocumentNumbering
            const series = i % 2 === 0 ? "invoice" : "credit"
            const sequence = yield* numbering.next(regieId, 2026, series)
            if (series === "invoice") {
              yield* (yield* InvoiceRepository).add(
                anInvoice({ id: InvoiceId.make(`inv-${i}`), number: `F-2026-${String(sequence).padStart(6, "0")}` })
              )
            } else {
              yield* (yield* CreditNoteRepository).add(creditOn(invoice, sequence))
            }
            yield* Effect.yieldNow()
            if (i % 5 === 1 || i % 5 === 2) return yield* Effect.fail(new Abandoned())
            return sequence
          })
        )
      )
    const outcomes = await runtime.runPromise(
      Effect.all(Array.from({ length: 50 }, (_, i) => Effect.either(attempt(i))), { concurrency: "unbounded" })
    )
    const committed = outcomes.filter((o) => o._tag === "Right").length
    expect(outcomes.flatMap((o) => (o._tag === "Left" ? [o.left._tag] : []))).toEqual(Array.from({ length: 20 }, () => "Abandoned"))
    const stored = await runtime.runPromise(
      Effect.gen(function* () {
        return {
          invoices: (yield* (yield* InvoiceRepository).byHousehold(HouseholdId.make("hh-1"))).map((i) => i.number).filter((n) => n.startsWith("F-2026")),
          credits: (yield* (yield* CreditNoteRepository).byInvoice(invoice.id)).map((n) => n.number),
          nextInvoice: yield* (yield* DocumentNumbering).next(regieId, 2026, "invoice"),
          nextCredit: yield* (yield* DocumentNumbering).next(regieId, 2026, "credit")
        }
      })
    )
    await runtime.dispose()
    const sequences = (numbers: ReadonlyArray<string>) => numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b)
    const oneTo = (k: number) => Array.from({ length: k }, (_, i) => i + 1)
    expect(committed).toBe(30)
    expect(sequences(stored.invoices)).toEqual(oneTo(stored.invoices.length))
    expect(sequences(stored.credits)).toEqual(oneTo(stored.credits.length))
    expect(stored.invoices.length + stored.credits.length).toBe(30)
    expect([stored.nextInvoice, stored.nextCredit]).toEqual([stored.invoices.length + 1, stored.credits.length + 1])
  })

  it("bills a month once when billing runs for it overlap", async () => {
    await empty()
    const runtime = billingRuntime()
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* HouseholdRepository).save(household)
        yield* (yield* QuotientRepository).save(aQuotientRecord({ validFrom: LocalDate.unsafe("2026-01-01"), validTo: LocalDate.unsafe("2026-12-31") }))
        yield* (yield* TariffCatalogue).save(aTariffGrid())
        yield* (yield* ActivityCatalogue).save(canteen)
        const ledgers = yield* SessionLedgerRepository
        const [mon, tue] = sessions
        if (mon === undefined || tue === undefined) return
        yield* ledgers.save(SessionLedger.make({ session: mon, reservations: [booked(lea, 0), booked(hugo, 0)], waitlist: [] }))
        yield* ledgers.save(SessionLedger.make({ session: tue, reservations: [booked(lea, 1)], waitlist: [] }))
        yield* (yield* AttendanceRegister).record([present(lea, 0), present(hugo, 0), present(lea, 1)])
      })
    )
    const runs = await runtime.runPromise(
      Effect.all(Array.from({ length: 4 }, () => runBilling(march, { mode: "issue", regieId, settings })), { concurrency: "unbounded" })
    )
    const stored = await runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.byHousehold(household.id)))
    await runtime.dispose()
    expect(runs.map((r) => r.issued.invoices.length).sort()).toEqual([0, 0, 0, 1])
    expect(stored.map((i) => [i.number, i.lines.length])).toEqual([["F-2026-000001", 3]])
  })

  it("never credits an invoice line beyond its amount when agents correct it at once", async () => {
    await empty()
    const runtime = billingRuntime()
    const invoice = anInvoice()
    const line = invoice.lines[0]
    await runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.add(invoice)))
    const correct = Effect.flatMap(Transactions, (tx) =>
      tx.withTransaction(
        issueCreditNote({
          invoiceId: invoice.id,
          lines: [{ sessionId: line.sessionId, childId: line.childId, amount: line.amount }],
          reason: "Absence justifiée",
          issuedOn: LocalDate.unsafe("2026-04-15"),
          settings
        })
      )
    )
    const outcomes = await runtime.runPromise(Effect.all(Array.from({ length: 6 }, () => Effect.either(correct)), { concurrency: "unbounded" }))
    const notes = await runtime.runPromise(Effect.flatMap(CreditNoteRepository, (r) => r.byInvoice(invoice.id)))
    await runtime.dispose()
    expect(outcomes.flatMap((o) => (o._tag === "Left" ? [o.left._tag] : [])).sort()).toEqual(Array.from({ length: 5 }, () => "CreditExceedsInvoice"))
    expect(notes.map((n) => [n.number, n.lines.map((l) => l.amount)])).toEqual([["A-2026-000001", [line.amount]]])
  })
})
