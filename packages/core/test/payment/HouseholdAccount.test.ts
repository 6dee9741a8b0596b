import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { unsafeBillingMonth } from "../../src/billing/BillingMonth.js"
import { billingRuleLabel } from "../../src/billing/BillingRules.js"
import { CreditNote, CreditNoteLine } from "../../src/billing/CreditNote.js"
import { BilledRule, Invoice, InvoiceLine, TreasuryTransmission } from "../../src/billing/Invoice.js"
import * as Cents from "../../src/shared/Cents.js"
import { AccountId, ActivityId, CreditNoteId, HouseholdId, InvoiceId, MemberId, PaymentId, RegieId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { householdAccount, householdStatement, pastDueUnpaidAmount } from "../../src/payment/HouseholdAccount.js"
import { Payment } from "../../src/payment/Payment.js"
import type { PaymentMethod } from "../../src/payment/PaymentMethod.js"

const household = HouseholdId.make("hh-martin")
const line = (session: string, amount: number) =>
  InvoiceLine.make({
    childId: MemberId.make("child-lea"),
    childName: "Léa",
    activityId: ActivityId.make("canteen"),
    activityName: "Restauration scolaire",
    sessionId: SessionId.make(session),
    date: LocalDate.unsafe("2026-03-02"),
    rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
    amount: Cents.cents(amount),
    pricing: {}
  })
const invoice = (n: number, issuedOn: string, amounts: ReadonlyArray<number>) =>
  Invoice.make({
    id: InvoiceId.make(`inv-${n}`),
    number: `F-2026-${String(n).padStart(6, "0")}`,
    regieId: RegieId.make("regie-enfance"),
    householdId: household,
    period: unsafeBillingMonth(issuedOn.slice(0, 7)),
    issuedOn: LocalDate.unsafe(issuedOn),
    dueOn: LocalDate.addDays(LocalDate.unsafe(issuedOn), 30),
    lines: amounts.map((a, i) => line(`s-${n}-${i}`, a)) as [InvoiceLine, ...Array<InvoiceLine>]
  })
const credit = (n: number, of: Invoice, amount: number, issuedOn: string) =>
  CreditNote.make({
    id: CreditNoteId.make(`avoir-${n}`),
    number: `A-2026-${String(n).padStart(6, "0")}`,
    regieId: of.regieId,
    householdId: household,
    invoiceId: of.id,
    invoiceNumber: of.number,
    period: of.period,
    issuedOn: LocalDate.unsafe(issuedOn),
    reason: "Absence justifiée",
    lines: [CreditNoteLine.make({ ...of.lines[0], rule: BilledRule.make({ code: "absent-justified", label: "Absence justifiée" }), amount: Cents.cents(amount) })]
  })
const payment = (n: number, amount: number, at: string, method: PaymentMethod = "counter", invoiceIds: ReadonlyArray<InvoiceId> = []) =>
  Payment.make({
    id: PaymentId.make(`pay-${n}`),
    householdId: household,
    amount: Cents.cents(amount),
    method,
    receivedAt: Instant.unsafe(at),
    idempotencyKey: `${method}:R-${n}`,
    invoiceIds,
    reference: `R-${n}`
  })
const euros = (n: number) => Cents.formatEuros(Cents.cents(n))

describe("a household's account", () => {
  const marchInvoice = invoice(1, "2026-04-01", [350, 350, 525, 350])
  const aprilInvoice = invoice(2, "2026-05-01", [350, 525, 350])

  it("settles the oldest invoice first, then the named one, and turns what is left into a credit", () => {
    const counter = payment(1, 2000, "2026-05-03T08:00:00Z")
    let account = householdAccount([aprilInvoice, marchInvoice], [], [counter])
    expect(account.invoices.map((s) => [s.invoice.number, euros(s.paid), euros(s.remaining), s.status])).toEqual([
      ["F-2026-000001", "15,75 €", "0,00 €", "paid"],
      ["F-2026-000002", "4,25 €", "8,00 €", "partlyPaid"]
    ])
    expect(euros(account.balance)).toBe("8,00 €")

    const online = payment(2, 800, "2026-05-04T18:12:00Z", "card", [aprilInvoice.id])
    const correction = credit(1, marchInvoice, 350, "2026-05-05")
    account = householdAccount([marchInvoice, aprilInvoice], [correction], [counter, online])
    expect(account.invoices.map((s) => [s.invoice.number, euros(s.net), euros(s.remaining), s.status])).toEqual([
      ["F-2026-000001", "12,25 €", "0,00 €", "paid"],
      ["F-2026-000002", "12,25 €", "0,00 €", "paid"]
    ])
    expect(account.allocations.find((a) => a.paymentId === online.id)).toEqual({ paymentId: online.id, invoiceId: aprilInvoice.id, amount: 800 })
    expect(euros(account.credit)).toBe("3,50 €")
    expect(euros(account.balance)).toBe("-3,50 €")
  })

  it("marks a fully credited invoice cancelled and one at the Treasury as such", () => {
    const sent = Invoice.make({ ...aprilInvoice, sentToTreasury: TreasuryTransmission.make({ sentOn: LocalDate.unsafe("2026-06-15"), by: AccountId.make("agent-1") }) })
    const account = householdAccount([marchInvoice, sent], [credit(1, marchInvoice, 1575, "2026-04-10")], [])
    expect(account.invoices.map((s) => s.status)).toEqual(["cancelled", "sentToTreasury"])
  })

  it("prints a statement with the running balance, and knows what is past due", () => {
    const account = householdAccount(
      [marchInvoice, aprilInvoice],
      [credit(1, marchInvoice, 350, "2026-04-20")],
      [payment(1, 1000, "2026-04-10T10:00:00Z"), payment(2, 500, "2026-05-02T21:30:00Z", "card")]
    )
    expect(householdStatement(account).map((l) => [l.date, l.label, euros(l.debit), euros(l.credit), euros(l.balance)])).toEqual([
      ["2026-04-01", "Facture F-2026-000001 (avril 2026)", "15,75 €", "0,00 €", "15,75 €"],
      ["2026-04-10", "Paiement par paiement au guichet de la régie", "0,00 €", "10,00 €", "5,75 €"],
      ["2026-04-20", "Avoir A-2026-000001 sur la facture F-2026-000001", "0,00 €", "3,50 €", "2,25 €"],
      ["2026-05-01", "Facture F-2026-000002 (mai 2026)", "12,25 €", "0,00 €", "14,50 €"],
      ["2026-05-02", "Paiement par carte bancaire en ligne", "0,00 €", "5,00 €", "9,50 €"]
    ])
    expect(euros(pastDueUnpaidAmount(account, LocalDate.unsafe("2026-05-15")))).toBe("0,00 €")
    expect(euros(pastDueUnpaidAmount(account, LocalDate.unsafe("2026-06-01")))).toBe("9,50 €")
  })

  const ledgerArbitrary = fc
    .array(fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 5 })
    .chain((invoiceAmounts) => {
      const invoices = invoiceAmounts.map((amounts, i) => invoice(i + 1, `2026-0${i + 1}-01`, amounts))
      return fc.record({
        invoices: fc.constant(invoices),
        credits: invoices.length === 0
          ? fc.constant<Array<[number, number]>>([])
          : fc.array(fc.tuple(fc.nat(invoices.length - 1), fc.integer({ min: 1, max: 100 })), { maxLength: 4 }),
        payments: fc.array(
          fc.record({
            amount: fc.integer({ min: 1, max: 12_000 }),
            day: fc.integer({ min: 1, max: 28 }),
            named: fc.subarray(invoices.map((i) => i.id))
          }),
          { maxLength: 6 }
        )
      })
    })
    .map(({ invoices, credits, payments }) => {
      const creditNotes = credits.flatMap(([index, percent], n) => {
        const of = invoices[index]
        if (of === undefined) return []
        return [credit(n + 1, of, Math.max(1, Math.floor((of.lines[0].amount * percent) / 100)), "2026-06-01")]
      })
      const usable = creditNotes.filter((c, i) => creditNotes.slice(0, i + 1).filter((d) => d.invoiceId === c.invoiceId).reduce((s, d) => s + d.lines[0].amount, 0) <= (invoices.find((x) => x.id === c.invoiceId)?.lines[0].amount ?? 0))
      return {
        invoices,
        creditNotes: usable,
        payments: payments.map((p, n) => payment(n + 1, p.amount, `2026-06-${String(p.day).padStart(2, "0")}T10:00:00Z`, "counter", p.named))
      }
    })

  test.prop([ledgerArbitrary])("balance = invoices − credits − payments", ({ invoices, creditNotes, payments }) => {
    const account = householdAccount(invoices, creditNotes, payments)
    const sum = (xs: ReadonlyArray<number>) => xs.reduce((s, x) => s + x, 0)
    const expected = sum(invoices.flatMap((i) => i.lines.map((l) => l.amount))) - sum(creditNotes.flatMap((c) => c.lines.map((l) => l.amount))) - sum(payments.map((p) => p.amount))
    expect(account.balance).toBe(expected)
    expect(account.balance).toBe(sum(account.invoices.map((s) => s.remaining)) - account.credit)
    expect(householdStatement(account).at(-1)?.balance ?? 0).toBe(expected)
  })

  test.prop([ledgerArbitrary])("allocation never exceeds an invoice's remaining amount and overpayment becomes credit", ({ invoices, creditNotes, payments }) => {
    const account = householdAccount(invoices, creditNotes, payments)
    for (const s of account.invoices) {
      const allocated = account.allocations.filter((a) => a.invoiceId === s.invoice.id).reduce((t, a) => t + a.amount, 0)
      expect(allocated).toBe(s.paid)
      expect(allocated).toBeLessThanOrEqual(s.net)
      expect(s.remaining).toBe(s.net - allocated)
    }
    for (const p of payments) {
      expect(account.allocations.filter((a) => a.paymentId === p.id).reduce((t, a) => t + a.amount, 0)).toBeLessThanOrEqual(p.amount)
    }
    const allocatedTotal = account.allocations.reduce((t, a) => t + a.amount, 0)
    expect(account.credit).toBe(payments.reduce((t, p) => t + p.amount, 0) - allocatedTotal)
    if (account.credit > 0) expect(account.invoices.every((s) => s.remaining === 0)).toBe(true)
    expect(account.allocations.every((a) => a.amount > 0)).toBe(true)
  })
})
