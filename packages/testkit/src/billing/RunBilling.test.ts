import {
  AbsenceId,
  AttendanceRecord,
  AttendanceRegister,
  BillingSettings,
  Cents,
  CreditNoteRepository,
  HouseholdId,
  Instant,
  InvoiceRepository,
  LocalDate,
  MemberId,
  RegieId,
  ReservationAbsence,
  runBilling,
  SessionLedger,
  SessionLedgerRepository,
  unsafeBillingMonth
} from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { aHousehold, aQuotientRecord } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "../household/InMemoryQuotientRepository.js"
import { aBookedReservation, aCanteen, aSession } from "../reservation/BookingFixtures.js"
import { inMemoryBookingStore } from "../reservation/InMemoryBookingStore.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { aTariffGrid } from "../tariff/TariffFixtures.js"
import { inMemoryTariffCatalogue } from "../tariff/InMemoryTariffCatalogue.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryCreditNoteRepository } from "./InMemoryCreditNoteRepository.js"
import { inMemoryDocumentNumbering } from "./InMemoryDocumentNumbering.js"
import { inMemoryInvoiceRepository } from "./InMemoryInvoiceRepository.js"

/** A register kept in a map by session and child (the attendance module's own in-memory adapter may replace it). */
function attendanceRegisterInMemory(): Layer.Layer<AttendanceRegister> {
  const records = new Map<string, AttendanceRecord>()
  const all = () => [...records.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const within = (r: AttendanceRecord, start: LocalDate.LocalDate, end: LocalDate.LocalDate) => r.date >= start && r.date <= end
  return Layer.succeed(AttendanceRegister, {
    record: (list) => Effect.sync(() => list.forEach((r) => records.set(`${r.sessionId}/${r.childId}`, r))),
    forSession: (sessionId) => Effect.sync(() => all().filter((r) => r.sessionId === sessionId)),
    forChild: (childId, start, end) => Effect.sync(() => all().filter((r) => r.childId === childId && within(r, start, end))),
    forHousehold: (householdId, start, end) => Effect.sync(() => all().filter((r) => r.householdId === householdId && within(r, start, end))),
    between: (start, end) => Effect.sync(() => all().filter((r) => within(r, start, end)))
  })
}

const household = aHousehold()
const lea = MemberId.make("hh-1-c1")
const hugo = MemberId.make("hh-1-c2")
const canteen = aCanteen({ id: "canteen" })
const sessions = ["2026-03-02", "2026-03-03", "2026-03-05"].map((d) => aSession(canteen, d))
const march = unsafeBillingMonth("2026-03")
const regieId = RegieId.make("regie-enfance")
const settings = BillingSettings.make({})
const booked = (childId: MemberId, session: number, absence?: ReservationAbsence) => {
  const s = sessions[session]
  if (s === undefined) throw new Error("no session")
  return aBookedReservation(s, childId, household.id, absence)
}
const mark = (childId: MemberId, session: number, status: "present" | "absent") => {
  const s = sessions[session]
  if (s === undefined) throw new Error("no session")
  return AttendanceRecord.make({
    sessionId: s.id,
    activityId: s.activityId,
    date: s.date,
    childId,
    householdId: household.id,
    status,
    recordedAt: Instant.unsafe(`${s.date}T12:30:00Z`)
  })
}
const justified = ReservationAbsence.make({ absenceId: AbsenceId.make("abs-1"), justified: true, carence: false })

async function makeTown() {
  const clock = makeTestClock("2026-04-01T06:00:00Z")
  const grid = aTariffGrid({
    modifiers: {
      unreservedPresence: { _tag: "Percent", rate: Cents.basisPoints(5000) },
      siblings: { second: Cents.basisPoints(1000), thirdAndMore: Cents.basisPoints(2000) }
    }
  })
  const layer = Layer.mergeAll(
    inMemoryBookingStore(sessions),
    attendanceRegisterInMemory(),
    inMemoryHouseholdRepository([household]),
    inMemoryQuotientRepository([aQuotientRecord({ validFrom: LocalDate.unsafe("2026-01-01"), validTo: LocalDate.unsafe("2026-12-31") })]),
    inMemoryTariffCatalogue([grid]),
    inMemoryActivityCatalogue([canteen]),
    inMemoryInvoiceRepository(),
    inMemoryCreditNoteRepository(),
    inMemoryDocumentNumbering(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    sequentialIds(),
    clock.layer
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.provide(effect, layer))
  await run(Effect.gen(function* () {
    const ledgers = yield* SessionLedgerRepository
    const [mon, tue, thu] = sessions
    if (mon === undefined || tue === undefined || thu === undefined) return
    yield* ledgers.save(SessionLedger.make({ session: mon, reservations: [booked(lea, 0), booked(hugo, 0, justified)], waitlist: [] }))
    yield* ledgers.save(SessionLedger.make({ session: tue, reservations: [booked(lea, 1)], waitlist: [] }))
    yield* (yield* AttendanceRegister).record([mark(lea, 0, "present"), mark(hugo, 0, "absent"), mark(lea, 1, "present"), mark(hugo, 2, "present")])
  }))
  return { run, clock }
}

const euros = (n: number) => Cents.formatEuros(Cents.cents(n))

describe("the monthly billing run", () => {
  it("previews, issues, reruns and corrects the Concerto family's March canteen in euros", async () => {
    const { run } = await makeTown()
    const preview = await run(runBilling(march, { mode: "preview", regieId, settings }))
    const lines = preview.plan.households[0]?.charges ?? []
    expect(lines.map((l) => [l.childName, l.date, l.rule.code, euros(l.amount)])).toEqual([
      ["Hugo", "2026-03-05", "unreserved-presence", "3,38 €"],
      ["Léa", "2026-03-02", "booked-present", "2,50 €"],
      ["Léa", "2026-03-03", "booked-present", "2,50 €"]
    ])
    expect(preview.plan.outcomes.find((o) => o.target.fact.childId === hugo && o.target.fact.date === "2026-03-02")?.target.decision.code).toBe("absent-justified")
    const pricing = lines[1]?.pricing as { gridLabel: string; base: { bandLabel: string }; situation: { quotient: { qf: number; source: string } } }
    expect([pricing.gridLabel, pricing.base.bandLabel, pricing.situation.quotient.qf, pricing.situation.quotient.source]).toEqual([
      "Restauration scolaire", "T2", 750, "caf"
    ])
    expect(preview.issued.invoices).toEqual([])
    expect(await run(Effect.flatMap(InvoiceRepository, (r) => r.byPeriod(march)))).toEqual([])

    const issued = await run(runBilling(march, { mode: "issue", regieId, settings }))
    const invoice = issued.issued.invoices[0]
    expect([invoice?.number, invoice?.issuedOn, invoice?.dueOn, euros(invoice?.lines.reduce((s, l) => s + l.amount, 0) ?? 0)]).toEqual([
      "F-2026-000001", "2026-04-01", "2026-05-01", "8,38 €"
    ])

    const rerun = await run(runBilling(march, { mode: "issue", regieId, settings }))
    expect([rerun.issued.invoices.length, rerun.issued.creditNotes.length]).toEqual([0, 0])

    await run(Effect.gen(function* () {
      const ledgers = yield* SessionLedgerRepository
      const tue = sessions[1]
      if (tue === undefined) return
      yield* ledgers.save(SessionLedger.make({ session: tue, reservations: [booked(lea, 1, justified)], waitlist: [] }))
      yield* (yield* AttendanceRegister).record([mark(lea, 1, "absent")])
    }))
    const corrected = await run(runBilling(march, { mode: "issue", regieId, settings }))
    expect(corrected.issued.invoices).toEqual([])
    expect(corrected.issued.creditNotes.map((c) => [c.number, c.invoiceNumber, c.lines.map((l) => [l.childName, l.date, l.rule.code, euros(l.amount)])])).toEqual([
      ["A-2026-000001", "F-2026-000001", [["Léa", "2026-03-03", "absent-justified", "2,50 €"]]]
    ])
    const notes = await run(Effect.flatMap(CreditNoteRepository, (r) => r.byHousehold(HouseholdId.make("hh-1"))))
    expect(notes).toHaveLength(1)
  })

  it("runs the same month twice at once without billing anything twice", async () => {
    const { run } = await makeTown()
    const both = await run(Effect.all([runBilling(march, { mode: "issue", regieId, settings }), runBilling(march, { mode: "issue", regieId, settings })], { concurrency: "unbounded" }))
    expect(both.map((r) => r.issued.invoices.length).sort()).toEqual([0, 1])
  })
})
