import { fc, test } from "@fast-check/vitest"
import { Array as Arr } from "effect"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, CreditNoteId, HouseholdId, InvoiceId, MemberId, RegieId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { BillableAbsence, BillableCancellation, BillableFact, chargeKey } from "../../src/billing/BillableFact.js"
import { unsafeBillingMonth } from "../../src/billing/BillingMonth.js"
import { BillingRules, decideBilling } from "../../src/billing/BillingRules.js"
import { type BillingPlan, billingPlanIsEmpty, billingTargets, type PriceCircumstance, planBillingRun } from "../../src/billing/BillingRun.js"
import { CreditNote, creditNoteTotal, invoiceNet } from "../../src/billing/CreditNote.js"
import { Invoice, invoiceTotal } from "../../src/billing/Invoice.js"

const march = unsafeBillingMonth("2026-03")
const children = [
  { householdId: HouseholdId.make("hh-martin"), childId: MemberId.make("child-lea"), childName: "Léa" },
  { householdId: HouseholdId.make("hh-martin"), childId: MemberId.make("child-hugo"), childName: "Hugo" },
  { householdId: HouseholdId.make("hh-diallo"), childId: MemberId.make("child-awa"), childName: "Awa" }
] as const
type Child = (typeof children)[number]
const dates = ["2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"].map(LocalDate.unsafe)

interface Situation {
  readonly booked: boolean
  readonly cancelled: boolean | undefined
  readonly attendance: "present" | "absent" | "unrecorded"
  readonly absence: { readonly justified: boolean; readonly carence: boolean } | undefined
}
const situationArbitrary: fc.Arbitrary<Situation> = fc.record({
  booked: fc.boolean(),
  cancelled: fc.option(fc.boolean(), { nil: undefined }),
  attendance: fc.constantFrom("present" as const, "absent" as const, "unrecorded" as const),
  absence: fc.option(fc.record({ justified: fc.boolean(), carence: fc.boolean() }), { nil: undefined })
})

const factOf = (child: Child, date: LocalDate.LocalDate, s: Situation): BillableFact =>
  BillableFact.make({
    ...child,
    activityId: ActivityId.make("canteen"),
    activityName: "Restauration scolaire",
    sessionId: SessionId.make(`canteen-${date}`),
    date,
    booked: s.booked,
    ...(s.cancelled === undefined || !s.booked
      ? {}
      : { cancelled: BillableCancellation.make({ at: Instant.unsafe("2026-03-01T10:00:00Z"), late: s.cancelled }) }),
    attendance: s.attendance,
    ...(s.absence === undefined ? {} : { absence: BillableAbsence.make(s.absence) })
  })

type Prices = Readonly<Record<string, number>>
const basePrices: Prices = { "child-lea": 350, "child-hugo": 298, "child-awa": 480 }
const priceWith = (prices: Prices) => (fact: BillableFact, circumstance: PriceCircumstance) => {
  const unit = prices[fact.childId] ?? 0
  const amount = circumstance === "reserved" ? unit : Cents.applyPercent(Cents.cents(unit), Cents.basisPoints(5000))
  return { amount: Cents.cents(amount), explanation: { summary: `${Cents.formatEuros(Cents.cents(amount))} (${circumstance})` } }
}

interface Ledger {
  readonly invoices: ReadonlyArray<Invoice>
  readonly creditNotes: ReadonlyArray<CreditNote>
}
const emptyLedger: Ledger = { invoices: [], creditNotes: [] }

/** Issues a plan in memory, numbering documents in order (what `issueBillingPlan` does through ports). */
function issue(plan: BillingPlan, ledger: Ledger, issuedOn: string): Ledger {
  const invoices = [...ledger.invoices]
  const creditNotes = [...ledger.creditNotes]
  for (const household of plan.households) {
    if (Arr.isNonEmptyReadonlyArray(household.charges)) {
      const n = invoices.length + 1
      invoices.push(Invoice.make({
        id: InvoiceId.make(`inv-${n}`),
        number: `F-2026-${String(n).padStart(6, "0")}`,
        regieId: RegieId.make("regie-enfance"),
        householdId: household.householdId,
        period: plan.period,
        issuedOn: LocalDate.unsafe(issuedOn),
        dueOn: LocalDate.addDays(LocalDate.unsafe(issuedOn), 30),
        lines: household.charges
      }))
    }
    for (const credit of household.credits) {
      const n = creditNotes.length + 1
      creditNotes.push(CreditNote.make({
        id: CreditNoteId.make(`avoir-${n}`),
        number: `A-2026-${String(n).padStart(6, "0")}`,
        regieId: credit.invoice.regieId,
        householdId: credit.invoice.householdId,
        invoiceId: credit.invoice.id,
        invoiceNumber: credit.invoice.number,
        period: credit.invoice.period,
        issuedOn: LocalDate.unsafe(issuedOn),
        reason: credit.reason,
        lines: credit.lines
      }))
    }
  }
  return { invoices, creditNotes }
}

const rules = BillingRules.make({})
const plan = (facts: ReadonlyArray<BillableFact>, ledger: Ledger, prices: Prices = basePrices, townRules = rules) =>
  planBillingRun({ period: march, targets: billingTargets(facts, townRules, priceWith(prices)), ...ledger })

/** Net billed per session × child over every invoice and credit note. */
function netBilled(ledger: Ledger): Map<string, number> {
  const net = new Map<string, number>()
  for (const i of ledger.invoices) for (const l of i.lines) net.set(chargeKey(l), (net.get(chargeKey(l)) ?? 0) + l.amount)
  for (const c of ledger.creditNotes) for (const l of c.lines) net.set(chargeKey(l), (net.get(chargeKey(l)) ?? 0) - l.amount)
  return net
}

const euros = (n: number) => Cents.formatEuros(Cents.cents(n))

describe("billing runs", () => {
  it("bills Léa's March as her family would check it, then corrects it by a credit note and a new invoice", () => {
    const lea = children[0]
    const [mon2, tue3, thu5, fri6, mon9, tue10] = ["2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"].map(LocalDate.unsafe) as [
      LocalDate.LocalDate, LocalDate.LocalDate, LocalDate.LocalDate, LocalDate.LocalDate, LocalDate.LocalDate, LocalDate.LocalDate
    ]
    const booked = (attendance: Situation["attendance"], extra: Partial<Situation> = {}): Situation =>
      ({ booked: true, cancelled: undefined, attendance, absence: undefined, ...extra })
    let facts = [
      factOf(lea, mon2, booked("present")),
      factOf(lea, tue3, booked("present")),
      factOf(lea, thu5, booked("absent", { cancelled: false })),
      factOf(lea, fri6, booked("absent", { absence: { justified: true, carence: false } })),
      factOf(lea, mon9, { booked: false, cancelled: undefined, attendance: "present", absence: undefined }),
      factOf(lea, tue10, booked("absent", { cancelled: true }))
    ]
    const first = plan(facts, emptyLedger)
    const charges = first.households[0]?.charges ?? []
    expect(charges.map((l) => [l.date, l.rule.code, euros(l.amount)])).toEqual([
      ["2026-03-02", "booked-present", "3,50 €"],
      ["2026-03-03", "booked-present", "3,50 €"],
      ["2026-03-09", "unreserved-presence", "5,25 €"],
      ["2026-03-10", "late-cancellation", "3,50 €"]
    ])
    expect(charges[2]?.pricing).toEqual({ summary: "5,25 € (unreserved-presence)" })
    let ledger = issue(first, emptyLedger, "2026-04-01")
    expect(euros(invoiceTotal(ledger.invoices[0]!))).toBe("15,75 €")

    facts = facts.map((f) => (f.date === tue10 ? factOf(lea, tue10, booked("absent", { cancelled: true, absence: { justified: true, carence: false } })) : f))
    const correction = plan(facts, ledger)
    expect(correction.households[0]?.charges).toEqual([])
    expect(correction.households[0]?.credits.map((c) => [c.invoice.number, c.lines.map((l) => [l.date, l.rule.code, euros(l.amount)])])).toEqual([
      ["F-2026-000001", [["2026-03-10", "absent-justified", "3,50 €"]]]
    ])
    ledger = issue(correction, ledger, "2026-04-20")
    expect(euros(invoiceNet(ledger.invoices[0]!, ledger.creditNotes))).toBe("12,25 €")

    facts = facts.map((f) => (f.date === thu5 ? factOf(lea, thu5, booked("present", { cancelled: false })) : f))
    const lateRegister = plan(facts, ledger)
    expect(lateRegister.households[0]?.charges.map((l) => [l.date, l.rule.code, euros(l.amount)])).toEqual([
      ["2026-03-05", "unreserved-presence", "5,25 €"]
    ])
    ledger = issue(lateRegister, ledger, "2026-04-25")
    expect(ledger.invoices.map((i) => i.number)).toEqual(["F-2026-000001", "F-2026-000002"])
    expect(billingPlanIsEmpty(plan(facts, ledger))).toBe(true)
  })

  it("bills the difference when a price changed, and credits the difference when it fell", () => {
    const facts = [factOf(children[2], dates[0]!, { booked: true, cancelled: undefined, attendance: "present", absence: undefined })]
    const ledger = issue(plan(facts, emptyLedger), emptyLedger, "2026-04-01")
    const dearer = plan(facts, ledger, { ...basePrices, "child-awa": 520 })
    expect(dearer.households[0]?.charges.map((l) => [euros(l.amount), l.previouslyBilled])).toEqual([["0,40 €", 480]])
    const cheaper = plan(facts, ledger, { ...basePrices, "child-awa": 130 })
    expect(cheaper.households[0]?.credits[0]?.lines.map((l) => euros(l.amount))).toEqual(["3,50 €"])
  })

  it("withdraws a billed session whose booking was removed, and waits for the register where the town says so", () => {
    const fact = factOf(children[0], dates[0]!, { booked: true, cancelled: undefined, attendance: "unrecorded", absence: undefined })
    const ledger = issue(plan([fact], emptyLedger), emptyLedger, "2026-04-01")
    const removed = plan([], ledger)
    expect(removed.households[0]?.credits[0]?.lines.map((l) => [l.rule.code, euros(l.amount)])).toEqual([["booking-removed", "3,50 €"]])
    const waiting = BillingRules.make({ bookedUnrecorded: "wait" })
    expect(billingPlanIsEmpty(plan([fact], emptyLedger, basePrices, waiting))).toBe(true)
    expect(decideBilling(fact, waiting).charge).toBe("wait")
  })

  const monthArbitrary = fc.array(fc.option(situationArbitrary, { nil: undefined }), {
    minLength: children.length * dates.length,
    maxLength: children.length * dates.length
  })
  const factsOf = (cells: ReadonlyArray<Situation | undefined>): Array<BillableFact> =>
    children.flatMap((child, c) =>
      dates.flatMap((date, d) => {
        const s = cells[c * dates.length + d]
        return s === undefined ? [] : [factOf(child, date, s)]
      })
    )
  const stepArbitrary = fc.oneof(
    fc.record({ kind: fc.constant("change" as const), cell: fc.nat(children.length * dates.length - 1), situation: fc.option(situationArbitrary, { nil: undefined }) }),
    fc.record({ kind: fc.constant("price" as const), child: fc.constantFrom(...children.map((c) => c.childId)), price: fc.integer({ min: 0, max: 900 }) }),
    fc.record({ kind: fc.constant("run" as const) })
  )

  test.prop([monthArbitrary, fc.array(stepArbitrary, { maxLength: 25 })], { numRuns: 60 })(
    "no session billed twice across any sequence of runs and corrections",
    (initial, steps) => {
      const cells = [...initial]
      let prices: Prices = basePrices
      let ledger = emptyLedger
      let day = 1
      const runAndCheck = () => {
        ledger = issue(plan(factsOf(cells), ledger, prices), ledger, `2026-04-${String(day++).padStart(2, "0")}`)
        const targets = billingTargets(factsOf(cells), rules, priceWith(prices))
        const net = netBilled(ledger)
        for (const target of targets) expect(net.get(chargeKey(target.fact)) ?? 0).toBe(target.amount)
        const live = new Set(targets.map((t) => chargeKey(t.fact)))
        for (const [key, amount] of net) if (!live.has(key)) expect(amount).toBe(0)
        for (const invoice of ledger.invoices) {
          expect(new Set(invoice.lines.map(chargeKey)).size).toBe(invoice.lines.length)
          expect(invoiceNet(invoice, ledger.creditNotes)).toBeGreaterThanOrEqual(0)
        }
        expect(billingPlanIsEmpty(plan(factsOf(cells), ledger, prices))).toBe(true)
      }
      runAndCheck()
      for (const step of steps) {
        if (step.kind === "change") cells[step.cell] = step.situation
        else if (step.kind === "price") prices = { ...prices, [step.child]: step.price }
        else runAndCheck()
      }
      runAndCheck()
      const billed = ledger.invoices.reduce((s, i) => s + invoiceTotal(i), 0) - ledger.creditNotes.reduce((s, c) => s + creditNoteTotal(c), 0)
      const expected = billingTargets(factsOf(cells), rules, priceWith(prices)).reduce((s, t) => s + (t.amount ?? 0), 0)
      expect(billed).toBe(expected)
    }
  )

  test.prop([monthArbitrary])("a rerun of the same month issues nothing", (cells) => {
    const facts = factsOf(cells)
    const ledger = issue(plan(facts, emptyLedger), emptyLedger, "2026-04-01")
    expect(billingPlanIsEmpty(plan(facts, ledger))).toBe(true)
    expect(ledger.invoices.length).toBeLessThanOrEqual(2)
    expect(ledger.creditNotes).toEqual([])
  })
})
