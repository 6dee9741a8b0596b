import { Effect, Schema } from "effect"
import { ActivityCatalogue } from "../activity/ActivityCatalogue.js"
import { AttendanceRegister } from "../attendance/AttendanceRegister.js"
import type { AttendanceRecord } from "../attendance/AttendanceRecord.js"
import { type Household, siblingRank } from "../household/Household.js"
import { HouseholdRepository } from "../household/HouseholdRepository.js"
import type { QuotientRecord } from "../household/QuotientFamilial.js"
import { QuotientRepository } from "../household/QuotientRepository.js"
import type { Reservation } from "../reservation/Reservation.js"
import { SessionLedgerRepository } from "../reservation/SessionLedgerRepository.js"
import { Clock } from "../shared/Clock.js"
import type { ActivityId, HouseholdId, MemberId, RegieId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { Transactions } from "../shared/Transactions.js"
import { PriceExplanation, priceSession, quotientForPricing } from "../tariff/Pricing.js"
import { TariffCatalogue } from "../tariff/TariffCatalogue.js"
import type { TariffGrid } from "../tariff/TariffGrid.js"
import { BillableAbsence, BillableCancellation, BillableFact, chargeKey } from "./BillableFact.js"
import { type BillingMonth, billingMonthBounds } from "./BillingMonth.js"
import { decideBilling } from "./BillingRules.js"
import { type BillingPlan, billingPlanIsEmpty, billingTargets, type PriceQuote, planBillingRun } from "./BillingRun.js"
import type { BillingSettings } from "./BillingSettings.js"
import { CreditNoteRepository } from "./CreditNoteRepository.js"
import type { PricingExplanation } from "./Invoice.js"
import { InvoiceRepository } from "./InvoiceRepository.js"
import { type IssuedBilling, issueBillingPlan } from "./IssueBilling.js"

/** The reservation that speaks for a child on a session: the active one, else the last cancelled. */
function standingReservation(reservations: ReadonlyArray<Reservation>): Reservation | undefined {
  const active = reservations.find((r) => r.cancellation === undefined)
  if (active !== undefined) return active
  return [...reservations].sort((a, b) => ((a.cancellation?.at ?? "") < (b.cancellation?.at ?? "") ? 1 : -1))[0]
}

/**
 * The month's billable facts: every child with a reservation (even cancelled) on a session of the
 * month, and every child the register shows present without one, with the register's mark.
 */
export const gatherBillableFacts = (month: BillingMonth) =>
  Effect.gen(function* () {
    const { start, end } = billingMonthBounds(month)
    const ledgers = yield* (yield* SessionLedgerRepository).between(start, end)
    const records = yield* (yield* AttendanceRegister).between(start, end)
    const marks = new Map<string, AttendanceRecord>(records.map((r) => [chargeKey(r), r]))
    const households = new Map<HouseholdId, Household>()
    const activityNames = new Map<ActivityId, string>()
    const householdOf = (id: HouseholdId) =>
      Effect.gen(function* () {
        const known = households.get(id)
        if (known !== undefined) return known
        const household = yield* (yield* HouseholdRepository).get(id)
        households.set(id, household)
        return household
      })
    const activityName = (id: ActivityId) =>
      Effect.gen(function* () {
        const known = activityNames.get(id)
        if (known !== undefined) return known
        const activity = yield* (yield* ActivityCatalogue).byId(id)
        activityNames.set(id, activity.name)
        return activity.name
      })
    const facts: Array<BillableFact> = []
    const seen = new Set<string>()
    const push = (input: {
      readonly householdId: HouseholdId
      readonly childId: MemberId
      readonly activityId: ActivityId
      readonly sessionId: BillableFact["sessionId"]
      readonly date: LocalDate.LocalDate
      readonly reservation: Reservation | undefined
    }) =>
      Effect.gen(function* () {
        const key = chargeKey(input)
        if (seen.has(key)) return
        seen.add(key)
        const household = yield* householdOf(input.householdId)
        const { reservation } = input
        const mark = marks.get(key)
        facts.push(BillableFact.make({
          householdId: input.householdId,
          childId: input.childId,
          childName: household.child(input.childId)?.firstName ?? input.childId,
          activityId: input.activityId,
          activityName: yield* activityName(input.activityId),
          sessionId: input.sessionId,
          date: input.date,
          booked: reservation !== undefined,
          ...(reservation?.cancellation === undefined
            ? {}
            : { cancelled: BillableCancellation.make({ at: reservation.cancellation.at, late: reservation.cancellation.late }) }),
          attendance: mark?.status ?? "unrecorded",
          ...(reservation?.absence === undefined
            ? {}
            : { absence: BillableAbsence.make({ justified: reservation.absence.justified, carence: reservation.absence.carence }) })
        }))
      })
    for (const ledger of ledgers) {
      const byChild = new Map<MemberId, Array<Reservation>>()
      for (const r of ledger.reservations) byChild.set(r.childId, [...(byChild.get(r.childId) ?? []), r])
      for (const [childId, reservations] of byChild) {
        const reservation = standingReservation(reservations)
        if (reservation === undefined) continue
        yield* push({
          householdId: reservation.householdId,
          childId,
          activityId: ledger.session.activityId,
          sessionId: ledger.session.id,
          date: ledger.session.date,
          reservation
        })
      }
    }
    for (const record of records) {
      if (record.status !== "present") continue
      yield* push({ ...record, reservation: undefined })
    }
    return { facts: facts as ReadonlyArray<BillableFact>, households: households as ReadonlyMap<HouseholdId, Household> }
  })

const encodeExplanation = Schema.encodeSync(PriceExplanation)

/**
 * Prices the facts the billing table bills, with the tariff module's `priceSession` (the function
 * the simulation uses): the grid of the activity for the session's school year, the household's
 * QF on the session's date and its residency, and the child's rank among the household's children
 * who use the activity that month.
 */
export const priceBillableFacts = (
  facts: ReadonlyArray<BillableFact>,
  households: ReadonlyMap<HouseholdId, Household>,
  settings: BillingSettings
) =>
  Effect.gen(function* () {
    const catalogue = yield* TariffCatalogue
    const quotients = yield* QuotientRepository
    const grids = new Map<string, TariffGrid>()
    const records = new Map<HouseholdId, ReadonlyArray<QuotientRecord>>()
    const users = new Map<string, Set<MemberId>>()
    for (const fact of facts) {
      if (!fact.booked && fact.attendance !== "present") continue
      const key = `${fact.householdId}\u0000${fact.activityId}`
      users.set(key, (users.get(key) ?? new Set()).add(fact.childId))
    }
    const quotes = new Map<string, PriceQuote>()
    for (const fact of facts) {
      const decision = decideBilling(fact, settings.rules)
      if (decision.charge !== "unit-price" && decision.charge !== "unreserved-price") continue
      const schoolYear = LocalDate.schoolYear(fact.date)
      const gridKey = `${fact.activityId}\u0000${schoolYear}`
      const grid = grids.get(gridKey) ?? (yield* catalogue.gridFor(fact.activityId, schoolYear))
      grids.set(gridKey, grid)
      const householdRecords = records.get(fact.householdId) ?? (yield* quotients.listByHousehold(fact.householdId))
      records.set(fact.householdId, householdRecords)
      const household = households.get(fact.householdId)
      const siblings = household?.children.filter((c) => users.get(`${fact.householdId}\u0000${fact.activityId}`)?.has(c.id)) ?? []
      const price = priceSession(grid, {
        quotient: quotientForPricing(householdRecords, fact.date),
        residency: household?.residency ?? "resident",
        childRank: Math.max(1, siblingRank(siblings, fact.childId)),
        circumstance: decision.charge === "unit-price" ? "reserved" : "unreserved-presence"
      })
      quotes.set(chargeKey(fact), { amount: price.amount, explanation: encodeExplanation(price.explanation) as PricingExplanation })
    }
    return billingTargets(facts, settings.rules, (fact) => {
      const quote = quotes.get(chargeKey(fact))
      if (quote === undefined) throw new Error(`No price for ${chargeKey(fact)}`)
      return quote
    })
  })

/** A billing run's result: the plan (what the preview shows) and, when issued, the documents. */
export interface BillingRunResult {
  readonly plan: BillingPlan
  readonly issued: IssuedBilling
}

/**
 * The monthly billing run, inside one transaction: gathers the month's reservations, absences and
 * attendance, prices them, reads them through the billing table, and compares with what the
 * month's invoices and credit notes already bill. `preview` issues nothing; `issue` issues the
 * new invoices and credit notes, dated today in Paris. Running it again issues nothing new.
 */
export const runBilling = (
  month: BillingMonth,
  options: { readonly mode: "preview" | "issue"; readonly regieId: RegieId; readonly settings: BillingSettings }
) =>
  Effect.flatMap(Transactions, (transactions) =>
    transactions.withTransaction(
      Effect.gen(function* () {
        const { facts, households } = yield* gatherBillableFacts(month)
        const targets = yield* priceBillableFacts(facts, households, options.settings)
        const invoices = yield* (yield* InvoiceRepository).byPeriod(month)
        const creditNotes = yield* (yield* CreditNoteRepository).byPeriod(month)
        const plan = planBillingRun({ period: month, targets, invoices, creditNotes })
        const nothing: IssuedBilling = { invoices: [], creditNotes: [] }
        if (options.mode === "preview" || billingPlanIsEmpty(plan)) return { plan, issued: nothing } satisfies BillingRunResult
        const issuedOn = ParisTime.dateAt(yield* (yield* Clock).now)
        const issued = yield* issueBillingPlan(plan, { regieId: options.regieId, issuedOn, settings: options.settings })
        return { plan, issued } satisfies BillingRunResult
      })
    )
  )
