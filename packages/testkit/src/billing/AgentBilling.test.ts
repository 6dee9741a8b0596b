import {
  AbsenceId,
  AttendanceRecord,
  AttendanceRegister,
  AuditLog,
  BillingSettings,
  Cents,
  Instant,
  InvoiceRepository,
  issueMonthlyBilling,
  LocalDate,
  MemberId,
  previewMonthlyBilling,
  RegieId,
  ReservationAbsence,
  SessionLedger,
  SessionLedgerRepository,
  unsafeBillingMonth
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { inMemoryAuditLog } from "../account/InMemoryAuditLog.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { inMemoryAttendanceRegister } from "../attendance/InMemoryAttendanceRegister.js"
import { aHousehold, aQuotientRecord } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "../household/InMemoryQuotientRepository.js"
import { aBookedReservation, aCanteen, aSession } from "../reservation/BookingFixtures.js"
import { inMemoryBookingStore } from "../reservation/InMemoryBookingStore.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { inMemoryTariffCatalogue } from "../tariff/InMemoryTariffCatalogue.js"
import { aTariffGrid } from "../tariff/TariffFixtures.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryCreditNoteRepository } from "./InMemoryCreditNoteRepository.js"
import { inMemoryDocumentNumbering } from "./InMemoryDocumentNumbering.js"
import { inMemoryInvoiceRepository } from "./InMemoryInvoiceRepository.js"

const household = aHousehold()
const lea = MemberId.make("hh-1-c1")
const canteen = aCanteen({ id: "canteen" })
const sessions = ["2026-03-02", "2026-03-03", "2026-03-05"].map((d) => aSession(canteen, d))
const march = unsafeBillingMonth("2026-03")
const options = { regieId: RegieId.make("regie-enfance"), settings: BillingSettings.make({}) }
const billing = anAgent("billing", "Marc Régie")

const session = (i: number) => {
  const s = sessions[i]
  if (s === undefined) throw new Error("no session")
  return s
}
const present = (i: number) =>
  AttendanceRecord.make({
    sessionId: session(i).id,
    activityId: session(i).activityId,
    date: session(i).date,
    childId: lea,
    householdId: household.id,
    status: "present",
    recordedAt: Instant.unsafe(`${session(i).date}T12:30:00Z`)
  })

async function makeTown() {
  const layer = Layer.mergeAll(
    inMemoryBookingStore(sessions),
    inMemoryAttendanceRegister(),
    inMemoryHouseholdRepository([household]),
    inMemoryQuotientRepository([aQuotientRecord({ validFrom: LocalDate.unsafe("2026-01-01"), validTo: LocalDate.unsafe("2026-12-31") })]),
    inMemoryTariffCatalogue([aTariffGrid()]),
    inMemoryActivityCatalogue([canteen]),
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryDocumentNumbering(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    inMemoryAuditLog(),
    sequentialIds(),
    makeTestClock("2026-04-01T06:00:00Z").layer
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  await run(Effect.gen(function* () {
    const ledgers = yield* SessionLedgerRepository
    for (const i of [0, 1]) yield* ledgers.save(SessionLedger.make({ session: session(i), reservations: [aBookedReservation(session(i), lea, household.id)], waitlist: [] }))
    yield* (yield* AttendanceRegister).record([present(0), present(1)])
  }))
  const journal = () => run(Effect.flatMap(AuditLog, (log) => log.list({})))
  return { run, journal }
}

describe("an agent's monthly billing run", () => {
  it("previews the month in figures and names the households, without issuing anything", async () => {
    const { run } = await makeTown()
    const preview = await run(previewMonthlyBilling(march, options))
    const { summary } = preview
    expect([summary.monthLabel, summary.households, summary.invoices, summary.creditNotes, summary.chargeLines]).toEqual(["mars 2026", 1, 1, 0, 2])
    expect(summary.byActivity).toEqual([{ activityName: canteen.name, lines: 2, amount: summary.charged }])
    expect(summary.changes.map((c) => [c.kind, c.childName, c.date])).toEqual([["new", "Léa", "2026-03-02"], ["new", "Léa", "2026-03-03"]])
    expect(preview.households.get(household.id)).toEqual({ householdId: household.id, reference: "FAM-000001", familyName: "Concerto", payerName: "Anne Concerto" })
    expect(await run(Effect.flatMap(InvoiceRepository, (r) => r.byPeriod(march)))).toEqual([])
  })

  it("issues the month, journals what it issued, and issues nothing the second time", async () => {
    const { run, journal } = await makeTown()
    const first = await run(issueMonthlyBilling(billing, { month: march, ...options }))
    expect(first.invoiceNumbers).toEqual(["F-2026-000001"])
    expect(first.invoiced).toBe(first.summary.charged)
    const [record] = await journal()
    expect([record?.action, record?.outcome, record?.target.kind, record?.target.id, record?.actorName, record?.before]).toEqual([
      "billing.issue", "done", "billingMonth", "2026-03", "Marc Régie", null
    ])
    expect(record?.after).toMatchObject({ month: "2026-03", invoices: 1, invoiceNumbers: { first: "F-2026-000001", last: "F-2026-000001" }, invoiced: first.invoiced, creditNotes: 0 })

    const second = await run(issueMonthlyBilling(billing, { month: march, ...options }))
    expect([second.invoiceNumbers, second.creditNoteNumbers]).toEqual([[], []])
    expect((await journal())[0]?.after).toMatchObject({ invoices: 0, creditNotes: 0, invoiceNumbers: null })
    expect(await run(Effect.flatMap(InvoiceRepository, (r) => r.byPeriod(march)))).toHaveLength(1)
  })

  it("shows a correction as a credited line in the preview, and issues it as a credit note", async () => {
    const { run } = await makeTown()
    await run(issueMonthlyBilling(billing, { month: march, ...options }))
    await run(Effect.flatMap(SessionLedgerRepository, (ledgers) =>
      ledgers.save(SessionLedger.make({
        session: session(1),
        reservations: [aBookedReservation(session(1), lea, household.id, ReservationAbsence.make({ absenceId: AbsenceId.make("abs-1"), justified: true, carence: false }))],
        waitlist: []
      }))
    ))
    await run(Effect.flatMap(AttendanceRegister, (register) => register.record([AttendanceRecord.make({ ...present(1), status: "absent" })])))
    const preview = await run(previewMonthlyBilling(march, options))
    expect(preview.summary.changes.map((c) => [c.kind, c.date, c.invoiceNumber])).toEqual([["credited", "2026-03-03", "F-2026-000001"]])
    expect([preview.summary.invoices, preview.summary.creditNotes, preview.summary.households]).toEqual([0, 1, 1])
    const issued = await run(issueMonthlyBilling(billing, { month: march, ...options }))
    expect(issued.creditNoteNumbers).toEqual(["A-2026-000001"])
    expect(issued.credited).toBe(preview.summary.credited)
    expect(Cents.formatEuros(issued.credited)).not.toBe(Cents.formatEuros(Cents.zero))
  })

  it("refuses a role without billing.run, journals the refusal, and issues nothing", async () => {
    const { run, journal } = await makeTown()
    for (const role of ["reader", "agent"] as const) {
      const refused = await run(Effect.flip(issueMonthlyBilling(anAgent(role), { month: march, ...options })))
      expect(refused._tag).toBe("PermissionDenied")
    }
    expect((await journal()).map((r) => [r.action, r.outcome, r.actorRole])).toEqual([
      ["billing.issue", "denied", "agent"],
      ["billing.issue", "denied", "reader"]
    ])
    expect(await run(Effect.flatMap(InvoiceRepository, (r) => r.byPeriod(march)))).toEqual([])
  })
})
