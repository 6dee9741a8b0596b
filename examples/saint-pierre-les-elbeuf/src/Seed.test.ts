import {
  AbsenceRepository,
  AccountRepository,
  ActivityCatalogue,
  allRequestStatuses,
  AttendanceRegister,
  AuditLog,
  EnrollmentRepository,
  HouseholdRepository,
  InvoiceRepository,
  invoiceTotal,
  loadHouseholdAccount,
  ParisTime,
  PaymentRepository,
  QuotientRepository,
  RequestRepository,
  SessionLedgerRepository,
  SessionRepository,
  SupportingDocumentRepository,
  TariffCatalogue,
  TownCalendarSource,
  UnpaidBalances,
  unsafeBillingMonth
} from "@spe/core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { activityIds, townActivities, unpaidBlockThresholdCents } from "./Activities.js"
import { placeholderMark, placeholderPeriods } from "./Calendar.js"
import { type DemoWorld, makeDemoWorld } from "./testing/DemoWorld.js"
import { demoFamilyPassword, demoHouseholds, newcomer } from "./Households.js"
import { type DemoTownServices, type DemoTownSummary, publishedFrom, publishedTo, seedDemoTown } from "./Seed.js"
import { demoNow } from "./TownSettings.js"

const householdByReference = (reference: string) =>
  Effect.flatMap(HouseholdRepository, (r) => r.findByReference(reference)).pipe(Effect.map(Option.getOrThrow))

/** Everything the seed wrote, as plain JSON, lists in a stable order. */
const snapshot = Effect.gen(function* () {
  const households = yield* (yield* HouseholdRepository).list
  const perHousehold = []
  for (const h of households) {
    perHousehold.push({
      household: h,
      quotients: yield* (yield* QuotientRepository).listByHousehold(h.id),
      enrollments: yield* (yield* EnrollmentRepository).forHousehold(h.id),
      absences: yield* (yield* AbsenceRepository).forHousehold(h.id, publishedFrom, publishedTo),
      invoices: [...(yield* (yield* InvoiceRepository).byHousehold(h.id))].sort((a, b) => (a.number < b.number ? -1 : 1)),
      payments: [...(yield* (yield* PaymentRepository).byHousehold(h.id))].sort((a, b) => (a.id < b.id ? -1 : 1)),
      requests: yield* (yield* RequestRepository).listByHousehold(h.id),
      documents: yield* (yield* SupportingDocumentRepository).listByHousehold(h.id),
      accounts: yield* (yield* AccountRepository).listByHousehold(h.id)
    })
  }
  return JSON.stringify({
    calendar: yield* (yield* TownCalendarSource).get,
    activities: yield* (yield* ActivityCatalogue).list,
    grids: [...(yield* (yield* TariffCatalogue).listForSchoolYear("2025-2026")), ...(yield* (yield* TariffCatalogue).listForSchoolYear("2026-2027"))],
    ledgers: yield* (yield* SessionLedgerRepository).between(publishedFrom, publishedTo),
    attendance: yield* (yield* AttendanceRegister).between(publishedFrom, publishedTo),
    audit: yield* (yield* AuditLog).list({}),
    perHousehold
  })
})

describe("seedDemoTown on the in-memory ports", () => {
  let world: DemoWorld
  let summary: DemoTownSummary
  const run = <A, E>(effect: Effect.Effect<A, E, DemoTownServices>) => world.runtime.runPromise(effect)

  beforeAll(async () => {
    world = makeDemoWorld()
    summary = await world.runtime.runPromise(seedDemoTown)
  }, 120_000)
  afterAll(() => world.runtime.dispose())

  it("creates every service with its rules and the sessions from September to February", async () => {
    const activities = await run(Effect.flatMap(ActivityCatalogue, (c) => c.list))
    expect(activities.map((a) => a.id).sort()).toEqual(townActivities.map((a) => a.id).sort())
    for (const id of [activityIds.wednesday, activityIds.canteen]) {
      const activity = activities.find((a) => a.id === id)
      expect(activity?.bookingPolicy.bookingDeadline).toMatchObject({ daysBefore: 2, counting: "calendar", at: activity?.startsAt })
      expect(activity?.bookingPolicy.cancellationDeadline).toMatchObject({ daysBefore: 2, counting: "calendar" })
    }
    const holiday = activities.find((a) => a.id === activityIds.holiday)
    expect(holiday?.bookingPolicy.windows).toHaveLength(placeholderPeriods.length)
    expect(holiday?.bookingPolicy.wholeWeekOnly).toBe(true)
    for (const activity of activities) {
      const sessions = await run(Effect.flatMap(SessionRepository, (s) => s.listByActivity(activity.id, publishedFrom, publishedTo)))
      expect(sessions.length, activity.name).toBeGreaterThan(0)
      expect(sessions.every((s) => s.date >= "2026-09-01" && s.date <= "2027-02-28")).toBe(true)
    }
    expect(summary.counts.tariffGrids).toBe(10)
    expect(summary.counts.activities).toBe(5)
  })

  it("has the guide's family exactly as the guide prints it", async () => {
    const concerto = await run(householdByReference("FAM-000101"))
    expect(concerto.familyName).toBe("CONCERTO")
    expect(`${concerto.payer.relationship} ${concerto.payer.lastName}`).toBe("Maman CONCERTO")
    expect(concerto.payer.email).toBe("a.baud@arpege.fr")
    expect(concerto.contact.email).toBe("a.baud@arpege.fr")
    expect(concerto.address.line1).toBe("1 Chemin de la Cote")
    expect(`${concerto.address.postalCode} ${concerto.address.city}`).toBe("76320 SAINT-PIERRE-LES-ELBEUF")
    expect(concerto.residency).toBe("resident")
    expect(concerto.adults.filter((a) => !a.isPayer).map((a) => `${a.relationship} ${a.lastName}`)).toEqual(["Papa CONCERTO"])
    expect(concerto.children.map((c) => [c.firstName, c.schoolLevel])).toEqual([
      ["Léa", "CE2"],
      ["Hugo", "MS"]
    ])
    const login = summary.logins.find((l) => l.login === "maman.concerto")
    expect(login?.password).toBe(demoFamilyPassword)
  })

  it("gives each household a QF record with its source, and one household none valid today", async () => {
    const sources = new Map<string, ReadonlyArray<string>>()
    for (const demo of demoHouseholds) {
      const household = await run(householdByReference(demo.registration.reference))
      const records = await run(Effect.flatMap(QuotientRepository, (r) => r.listByHousehold(household.id)))
      expect(records.length, demo.key).toBeGreaterThan(0)
      sources.set(demo.key, records.map((r) => r.source._tag))
    }
    expect([...sources.values()].flat().sort()).toEqual(["CafNumber", "CafNumber", "DeclaredWithProof", "DeclaredWithProof", "SetByAgent"])
    const lefebvre = await run(householdByReference("FAM-000103"))
    const records = await run(Effect.flatMap(QuotientRepository, (r) => r.listByHousehold(lefebvre.id)))
    expect(records.every((r) => r.validTo < ParisTime.dateAt(demoNow))).toBe(true)
  })

  it("issues invoices paid, partly paid and unpaid past due, each totalling its lines", async () => {
    const statuses = new Set<string>()
    let pastDueUnpaid = 0
    for (const demo of demoHouseholds) {
      const household = await run(householdByReference(demo.registration.reference))
      const account = await run(loadHouseholdAccount(household.id))
      for (const s of account.invoices) {
        statuses.add(s.status)
        expect(invoiceTotal(s.invoice)).toBe(s.invoice.lines.reduce((sum, line) => sum + line.amount, 0))
        expect(s.total).toBe(s.invoice.lines.reduce((sum, line) => sum + line.amount, 0))
        expect(s.invoice.number).toMatch(/^F-2026-\d{6}$/)
        if (s.status === "issued" && s.invoice.dueOn < ParisTime.dateAt(demoNow)) pastDueUnpaid++
      }
    }
    expect([...statuses].sort()).toEqual(["issued", "paid", "partlyPaid"])
    expect(pastDueUnpaid).toBe(1)
    expect(summary.invoices.map((i) => i.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `F-2026-${String(i + 1).padStart(6, "0")}`))
  })

  it("bills by the town's table: late cancellation, unjustified absence, presence without booking, never a justified absence", async () => {
    const invoices = await run(Effect.flatMap(InvoiceRepository, (r) => r.byPeriod(unsafeBillingMonth("2026-10"))))
    const codes = new Set(invoices.flatMap((i) => i.lines.map((l) => l.rule.code)))
    for (const code of ["booked-present", "late-cancellation", "absent-unjustified", "unreserved-presence"]) expect(codes, code).toContain(code)
    const concerto = await run(householdByReference("FAM-000101"))
    const hugo = concerto.children.find((c) => c.firstName === "Hugo")
    const hugoIll = invoices.flatMap((i) => i.lines).filter((l) => l.childId === hugo?.id && (l.date === "2026-10-05" || l.date === "2026-10-06"))
    expect(hugoIll).toEqual([])
    const reductions = invoices.flatMap((i) => i.lines).filter((l) => JSON.stringify(l.pricing).includes("Réduction fratrie, 3e enfant"))
    expect(reductions.length).toBeGreaterThan(0)
    const holidayLines = invoices.flatMap((i) => i.lines).filter((l) => l.activityId === activityIds.holiday)
    expect(new Set(holidayLines.map((l) => l.childName))).toEqual(new Set(["Hugo", "Emma", "Louis", "Rose", "Jade"]))
    expect(holidayLines.filter((l) => l.childName === "Jade").every((l) => JSON.stringify(l.pricing).includes("Plafonné au coût de revient"))).toBe(true)
    expect(codes).not.toContain("booked-unrecorded")
  })

  it("blocks the household with an unpaid invoice past due, and shows why", async () => {
    const petit = await run(householdByReference("FAM-000105"))
    const owed = await run(Effect.flatMap(UnpaidBalances, (u) => u.pastDueUnpaid(petit.id, ParisTime.dateAt(demoNow))))
    expect(owed).toBeGreaterThan(unpaidBlockThresholdCents)
    const rules = summary.refusals.map((r) => `${r.household}:${r.rule}`)
    expect(rules).toContain("PETIT:HouseholdBlockedForUnpaidInvoices")
    expect(rules).toContain("MARCHAND:PhaseClosedToNonResidents")
    expect(new Set(summary.refusals.map((r) => r.rule))).toEqual(new Set(["HouseholdBlockedForUnpaidInvoices", "PhaseClosedToNonResidents"]))
  })

  it("has requests in every status, each with its dated history", async () => {
    const statuses = new Set<string>()
    for (const demo of demoHouseholds) {
      const household = await run(householdByReference(demo.registration.reference))
      for (const request of await run(Effect.flatMap(RequestRepository, (r) => r.listByHousehold(household.id)))) {
        statuses.add(request.status)
        expect(request.history[0]?.to).toBe("submitted")
        expect(request.history.at(-1)?.to).toBe(request.status)
        expect(request.history.map((h) => h.at)).toEqual([...request.history.map((h) => h.at)].sort())
      }
    }
    const newcomerAccount = await run(Effect.flatMap(AccountRepository, (r) => r.findByLogin(newcomer.login)).pipe(Effect.map(Option.getOrThrow)))
    const pending = await run(Effect.flatMap(RequestRepository, (r) => r.listByAccount(newcomerAccount.id)))
    expect(pending.map((r) => [r.payload._tag, r.status])).toEqual([["AccountCreation", "submitted"]])
    expect([...statuses].sort()).toEqual([...allRequestStatuses].sort())
    expect(world.portal.effects.calls.map((c) => c.method)).toEqual(["openEnrollment"])
  })

  it("never puts more children on a session than its capacity, nor in an age group", async () => {
    const ledgers = await run(Effect.flatMap(SessionLedgerRepository, (r) => r.between(publishedFrom, publishedTo)))
    expect(ledgers.length).toBeGreaterThan(100)
    for (const ledger of ledgers) {
      const active = ledger.reservations.filter((r) => r.isActive)
      const held = active.length + ledger.waitlist.filter((e) => e.offer !== undefined).length
      expect(held).toBeLessThanOrEqual(ledger.session.capacity)
      const activity = townActivities.find((a) => a.id === ledger.session.activityId)
      for (const group of activity?.ageGroups ?? []) {
        expect(active.filter((r) => r.ageGroup === group.label).length).toBeLessThanOrEqual(group.capacity)
      }
    }
  })

  it("records attendance only for sessions started before now, and reservations past and future", async () => {
    const records = await run(Effect.flatMap(AttendanceRegister, (r) => r.between(publishedFrom, publishedTo)))
    expect(records.length).toBe(summary.counts.attendanceRecords)
    const sessions = await run(Effect.flatMap(SessionLedgerRepository, (r) => r.between(publishedFrom, publishedTo)))
    const future = sessions.filter((l) => l.session.date > ParisTime.dateAt(demoNow) && l.reservations.some((r) => r.isActive))
    expect(future.length).toBeGreaterThan(0)
    expect(records.every((r) => r.date <= ParisTime.dateAt(demoNow))).toBe(true)
    expect(records.some((r) => r.status === "absent")).toBe(true)
    expect(summary.counts.absences).toBe(3)
    expect(summary.counts.cancelledReservations).toBeGreaterThan(0)
  })

  it("flags the placeholder holiday periods in the stored calendar and in the summary", async () => {
    const calendar = await run(Effect.flatMap(TownCalendarSource, (s) => s.get))
    expect(calendar.knownSchoolYears).toContainEqual({ schoolYear: "2026-2027", placeholder: true })
    expect(calendar.schoolHolidays.filter((p) => p.schoolYear === "2026-2027").every((p) => p.name.includes(placeholderMark))).toBe(true)
    expect(summary.placeholderPeriods.map((p) => p.name)).toEqual(placeholderPeriods.map((p) => p.name))
  })

  it("changes nothing when run again, and says so", async () => {
    const before = await run(snapshot)
    const again = await world.runtime.runPromise(seedDemoTown)
    expect(again.status).toBe("already-seeded")
    expect(again.message).toContain("rien n'a été modifié")
    expect(again.counts).toEqual(summary.counts)
    expect(await run(snapshot)).toBe(before)
  })

  it("writes the same town twice on empty stores with the same clock and ids", async () => {
    const other = makeDemoWorld()
    try {
      const otherSummary = await other.runtime.runPromise(seedDemoTown)
      expect(otherSummary).toEqual(summary)
      expect(await other.runtime.runPromise(snapshot)).toBe(await run(snapshot))
    } finally {
      await other.runtime.dispose()
    }
  }, 120_000)
})
