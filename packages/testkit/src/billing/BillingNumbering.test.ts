import {
  BillingRules,
  type Clock,
  billingTargets,
  BillingSettings,
  Cents,
  type CreditNote,
  CreditNoteRepository,
  DocumentNumbering,
  type EventOutbox,
  type Invoice,
  InvoiceRepository,
  issueBillingPlan,
  issueCreditNote,
  LocalDate,
  planBillingRun,
  type PriceCircumstance,
  RegieId,
  Transactions,
  unsafeBillingMonth,
  type BillingMonth,
  type BillableFact
} from "@spe/core"
import { fc, test } from "@fast-check/vitest"
import { Effect, Layer } from "effect"
import { describe, expect } from "vitest"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { type BillableSituation, billableFactOf, billableSituationArbitrary, billingChildren } from "./BillingFixtures.js"
import { inMemoryCreditNoteRepository } from "./InMemoryCreditNoteRepository.js"
import { inMemoryDocumentNumbering } from "./InMemoryDocumentNumbering.js"
import { inMemoryInvoiceRepository } from "./InMemoryInvoiceRepository.js"

const months = {
  "2026-03": ["2026-03-02", "2026-03-03", "2026-03-05"].map(LocalDate.unsafe),
  "2026-04": ["2026-04-02", "2026-04-03", "2026-04-06"].map(LocalDate.unsafe)
} as const
type Month = keyof typeof months
const monthKeys = Object.keys(months) as Array<Month>
const cellsPerMonth = billingChildren.length * 3
const regie = RegieId.make("regie-enfance")
const settings = BillingSettings.make({})
const rules = BillingRules.make({})
const price = (fact: BillableFact, circumstance: PriceCircumstance) => {
  const unit = fact.childName === "Awa" ? 480 : 350
  return { amount: Cents.cents(circumstance === "reserved" ? unit : unit + 175), explanation: {} }
}

interface Model {
  readonly cells: Record<Month, Array<BillableSituation | undefined>>
}

/** Numbering that yields a scripted number of times before each draw, so that concurrent runs interleave. */
function yieldingNumbering(pauses: ReadonlyArray<number>): Layer.Layer<DocumentNumbering> {
  let call = 0
  return Layer.effect(
    DocumentNumbering,
    Effect.map(DocumentNumbering, (inner) => ({
      next: (regieId: RegieId, year: number, series: "invoice" | "credit") => {
        const pause = pauses.length === 0 ? 0 : (pauses[call++ % pauses.length] ?? 0)
        return Effect.zipRight(Effect.forEach(Array.from({ length: pause }), () => Effect.yieldNow(), { discard: true }), inner.next(regieId, year, series))
      }
    }))
  ).pipe(Layer.provide(inMemoryDocumentNumbering()))
}

type Services = InvoiceRepository | CreditNoteRepository | DocumentNumbering | Transactions | Layer.Layer.Success<ReturnType<typeof sequentialIds>> | EventOutbox | Clock
interface Real {
  readonly run: <A, E>(effect: Effect.Effect<A, E, Services>) => Promise<A>
}

const factsOf = (month: Month, cells: ReadonlyArray<BillableSituation | undefined>): Array<BillableFact> =>
  billingChildren.flatMap((child, c) =>
    months[month].flatMap((date, d) => {
      const s = cells[c * 3 + d]
      return s === undefined ? [] : [billableFactOf(child, date, s)]
    })
  )

const billMonth = (month: Month, facts: ReadonlyArray<BillableFact>, issuedOn: LocalDate.LocalDate) =>
  Effect.gen(function* () {
    const period: BillingMonth = unsafeBillingMonth(month)
    const invoices = yield* (yield* InvoiceRepository).byPeriod(period)
    const creditNotes = yield* (yield* CreditNoteRepository).byPeriod(period)
    const plan = planBillingRun({ period, targets: billingTargets(facts, rules, price), invoices, creditNotes })
    return yield* issueBillingPlan(plan, { regieId: regie, issuedOn, settings })
  })

const issueDate = fc.constantFrom("2026-05-04", "2026-12-30", "2027-01-04").map(LocalDate.unsafe)

class ChangeCell implements fc.AsyncCommand<Model, Real> {
  constructor(readonly month: Month, readonly cell: number, readonly situation: BillableSituation | undefined) {}
  check = () => true
  async run(m: Model) {
    m.cells[this.month][this.cell] = this.situation
  }
  toString = () => `change(${this.month}#${this.cell})`
}

class RunMonth implements fc.AsyncCommand<Model, Real> {
  constructor(readonly month: Month, readonly issuedOn: LocalDate.LocalDate) {}
  check = () => true
  async run(m: Model, r: Real) {
    const facts = factsOf(this.month, m.cells[this.month])
    await r.run(Effect.flatMap(Transactions, (t) => t.withTransaction(billMonth(this.month, facts, this.issuedOn))))
    await checkNumbers(r)
  }
  toString = () => `run(${this.month}, ${this.issuedOn})`
}

class ConcurrentWork implements fc.AsyncCommand<Model, Real> {
  constructor(readonly issuedOn: LocalDate.LocalDate, readonly credits: ReadonlyArray<readonly [number, number]>) {}
  check = () => true
  async run(m: Model, r: Real) {
    const existing = await r.run(Effect.flatMap(InvoiceRepository, (repo) => Effect.all(monthKeys.map((k) => repo.byPeriod(unsafeBillingMonth(k))))))
    const invoices = existing.flat()
    const credits = this.credits.flatMap(([index, amount]) => {
      const invoice = invoices[index % Math.max(1, invoices.length)]
      const line = invoice?.lines[0]
      if (invoice === undefined || line === undefined) return []
      return [Effect.either(issueCreditNote({
        invoiceId: invoice.id,
        lines: [{ sessionId: line.sessionId, childId: line.childId, amount: Cents.cents(amount) }],
        reason: "Correction par la régie",
        issuedOn: this.issuedOn,
        settings
      }))]
    })
    const runs = monthKeys.map((k) => billMonth(k, factsOf(k, m.cells[k]), this.issuedOn))
    await r.run(Effect.all([...runs, ...credits], { concurrency: "unbounded", discard: true }))
    await checkNumbers(r)
  }
  toString = () => `concurrently(both months, ${this.credits.length} credits, ${this.issuedOn})`
}

const sequence = (number: string) => ({ series: number.slice(0, 6), n: Number(number.slice(7)) })

async function checkNumbers(r: Real) {
  const [invoices, notes] = await r.run(
    Effect.all([
      Effect.flatMap(InvoiceRepository, (repo) => Effect.all(monthKeys.map((k) => repo.byPeriod(unsafeBillingMonth(k))))),
      Effect.flatMap(CreditNoteRepository, (repo) => Effect.all(monthKeys.map((k) => repo.byPeriod(unsafeBillingMonth(k)))))
    ])
  )
  const documents: Array<Invoice | CreditNote> = [...invoices.flat(), ...notes.flat()]
  const bySeries = new Map<string, Array<number>>()
  for (const d of documents) {
    const { series, n } = sequence(d.number)
    expect(series.slice(2)).toBe(String(LocalDate.year(d.issuedOn)))
    bySeries.set(series, [...(bySeries.get(series) ?? []), n])
  }
  for (const numbers of bySeries.values()) {
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1))
  }
}

const situations = fc.option(billableSituationArbitrary, { nil: undefined })
const commandArbitraries = [
  fc.tuple(fc.constantFrom(...monthKeys), fc.nat(cellsPerMonth - 1), situations).map(([m, c, s]) => new ChangeCell(m, c, s)),
  fc.tuple(fc.constantFrom(...monthKeys), issueDate).map(([m, d]) => new RunMonth(m, d)),
  fc.tuple(issueDate, fc.array(fc.tuple(fc.nat(20), fc.integer({ min: 1, max: 400 })), { maxLength: 3 })).map(([d, c]) => new ConcurrentWork(d, c))
]

describe("document numbering across billing runs", () => {
  test.prop(
    [
      fc.array(fc.array(situations, { minLength: cellsPerMonth, maxLength: cellsPerMonth }), { minLength: 2, maxLength: 2 }),
      fc.array(fc.nat(3), { maxLength: 12 }),
      fc.commands(commandArbitraries, { maxCommands: 15 })
    ],
    { numRuns: 40 }
  )("numbers unique and gapless per régie, year and series under any interleaving of runs (model-based)", async (initial, pauses, commands) => {
    const layer = Layer.mergeAll(
      inMemoryInvoiceRepository(),
      inMemoryCreditNoteRepository(),
      yieldingNumbering(pauses),
      inMemoryTransactions(),
      inMemoryEventOutbox(),
      makeTestClock("2026-05-01T08:00:00Z").layer,
      sequentialIds()
    )
    const real: Real = { run: (effect) => Effect.runPromise(Effect.provide(effect, layer)) }
    const model: Model = { cells: { "2026-03": [...(initial[0] ?? [])], "2026-04": [...(initial[1] ?? [])] } }
    await fc.asyncModelRun(() => ({ model, real }), commands)
  })
})
