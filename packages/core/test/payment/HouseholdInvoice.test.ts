import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { unsafeBillingMonth } from "../../src/billing/BillingMonth.js"
import { billingRuleLabel } from "../../src/billing/BillingRules.js"
import { BilledRule, Invoice, InvoiceLine, TreasuryTransmission } from "../../src/billing/Invoice.js"
import { householdAccount, type InvoiceSituation } from "../../src/payment/HouseholdAccount.js"
import { invoicePayments, isPastDue, onlinePaymentRefusal, paymentReceipt } from "../../src/payment/HouseholdInvoice.js"
import { Payment } from "../../src/payment/Payment.js"
import { PaymentSettings } from "../../src/payment/PaymentSettings.js"
import * as Cents from "../../src/shared/Cents.js"
import { AccountId, ActivityId, HouseholdId, InvoiceId, MemberId, PaymentId, RegieId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"

const household = HouseholdId.make("hh-martin")
const invoice = (n: number, issuedOn: string, amount: number, sentToTreasury = false) =>
  Invoice.make({
    id: InvoiceId.make(`inv-${n}`),
    number: `F-2026-${String(n).padStart(6, "0")}`,
    regieId: RegieId.make("regie-enfance"),
    householdId: household,
    period: unsafeBillingMonth(issuedOn.slice(0, 7)),
    issuedOn: LocalDate.unsafe(issuedOn),
    dueOn: LocalDate.addDays(LocalDate.unsafe(issuedOn), 30),
    lines: [
      InvoiceLine.make({
        childId: MemberId.make("child-lea"),
        childName: "Léa",
        activityId: ActivityId.make("canteen"),
        activityName: "Restauration scolaire",
        sessionId: SessionId.make(`s-${n}`),
        date: LocalDate.unsafe(issuedOn),
        rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
        amount: Cents.cents(amount),
        pricing: {}
      })
    ],
    ...(sentToTreasury ? { sentToTreasury: TreasuryTransmission.make({ sentOn: LocalDate.unsafe("2026-08-01"), by: AccountId.make("acc-regie") }) } : {})
  })
const payment = (n: number, amount: number, invoiceIds: ReadonlyArray<InvoiceId> = []) =>
  Payment.make({
    id: PaymentId.make(`pay-${n}`),
    householdId: household,
    amount: Cents.cents(amount),
    method: "counter",
    receivedAt: Instant.unsafe("2026-04-20T08:00:00.000Z"),
    idempotencyKey: `counter:R-${n}`,
    invoiceIds,
    reference: `R-${n}`
  })
const situationOf = (situations: ReadonlyArray<InvoiceSituation>, id: string): InvoiceSituation => {
  const found = situations.find((s) => s.invoice.id === id)
  if (found === undefined) throw new Error(`no ${id}`)
  return found
}

const march = invoice(1, "2026-03-31", 5000)
const april = invoice(2, "2026-04-30", 3000)
const may = invoice(3, "2026-05-31", 50)
const treasury = invoice(4, "2026-06-30", 2000, true)
const account = householdAccount([march, april, may, treasury], [], [payment(1, 6000, [march.id]), payment(2, 300, [treasury.id])])

describe("an invoice of the household", () => {
  it("is past due from the day after its due date while something remains", () => {
    const aprilSituation = situationOf(account.invoices, april.id)
    expect(isPastDue(aprilSituation, LocalDate.unsafe("2026-05-30"))).toBe(false)
    expect(isPastDue(aprilSituation, LocalDate.unsafe("2026-05-31"))).toBe(true)
    expect(isPastDue(situationOf(account.invoices, march.id), LocalDate.unsafe("2026-12-31"))).toBe(false)
  })

  it("may be paid online unless settled, with the Treasury, outside the limits, or the régie takes no card", () => {
    const settings = PaymentSettings.make({})
    expect(Option.isNone(onlinePaymentRefusal(situationOf(account.invoices, april.id), settings))).toBe(true)
    const tags = [march.id, may.id, treasury.id].map((id) => Option.map(onlinePaymentRefusal(situationOf(account.invoices, id), settings), (e) => e._tag))
    expect(tags).toEqual([Option.some("InvoiceNotPayable"), Option.some("PaymentAmountOutOfRange"), Option.some("InvoiceNotPayable")])
    const noCard = PaymentSettings.make({ acceptedMethods: ["counter"] })
    expect(Option.map(onlinePaymentRefusal(situationOf(account.invoices, april.id), noCard), (e) => e._tag)).toEqual(Option.some("PaymentMethodNotAccepted"))
  })

  it("lists the payments that settle it, with the part each gives", () => {
    expect(invoicePayments(account, march.id).map((p) => [p.payment.id, p.amount])).toEqual([["pay-1", 5000]])
    expect(invoicePayments(account, april.id).map((p) => [p.payment.id, p.amount])).toEqual([["pay-1", 1000]])
    expect(invoicePayments(account, treasury.id).map((p) => [p.payment.id, p.amount])).toEqual([["pay-2", 300]])
  })
})

describe("a payment receipt", () => {
  it("names the invoices the payment settled and what it left as credit", () => {
    const receipt = Option.getOrThrow(paymentReceipt(account, PaymentId.make("pay-1")))
    expect(receipt.lines.map((l) => [l.invoice.number, l.amount])).toEqual([
      ["F-2026-000001", 5000],
      ["F-2026-000002", 1000]
    ])
    expect(receipt.credit).toBe(0)
    const generous = householdAccount([march], [], [payment(3, 7000)])
    expect(Option.getOrThrow(paymentReceipt(generous, PaymentId.make("pay-3"))).credit).toBe(2000)
  })

  it("is none for a payment that is not the household's", () => {
    expect(Option.isNone(paymentReceipt(account, PaymentId.make("pay-other")))).toBe(true)
  })
})
