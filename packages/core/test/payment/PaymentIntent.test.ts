import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { unsafeBillingMonth } from "../../src/billing/BillingMonth.js"
import { billingRuleLabel } from "../../src/billing/BillingRules.js"
import { BilledRule, Invoice, InvoiceLine } from "../../src/billing/Invoice.js"
import * as Cents from "../../src/shared/Cents.js"
import { ActivityId, HouseholdId, InvoiceId, MemberId, PaymentId, PaymentIntentId, RegieId, SessionId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { householdAccount } from "../../src/payment/HouseholdAccount.js"
import {
  expirePaymentIntent,
  type GatewayOutcome,
  markPaymentIntentPending,
  openPaymentIntent,
  type PaymentIntent,
  settlePaymentIntent
} from "../../src/payment/PaymentIntent.js"
import { PaymentSettings } from "../../src/payment/PaymentSettings.js"

const household = HouseholdId.make("hh-martin")
const invoiceOf = (amount: number, householdId = household) =>
  Invoice.make({
    id: InvoiceId.make("inv-1"),
    number: "F-2026-000001",
    regieId: RegieId.make("regie-enfance"),
    householdId,
    period: unsafeBillingMonth("2026-03"),
    issuedOn: LocalDate.unsafe("2026-04-01"),
    dueOn: LocalDate.unsafe("2026-05-01"),
    lines: [InvoiceLine.make({
      childId: MemberId.make("child-lea"),
      childName: "Léa",
      activityId: ActivityId.make("canteen"),
      activityName: "Restauration scolaire",
      sessionId: SessionId.make("canteen-2026-03-02"),
      date: LocalDate.unsafe("2026-03-02"),
      rule: BilledRule.make({ code: "booked-present", label: billingRuleLabel("booked-present") }),
      amount: Cents.cents(amount),
      pricing: {}
    })]
  })
const now = Instant.unsafe("2026-04-10T18:00:00Z")
const settings = PaymentSettings.make({})
const open = (amount: number, householdId = household) => {
  const situation = householdAccount([invoiceOf(amount, householdId)], [], []).invoices[0]
  if (situation === undefined) throw new Error("no invoice")
  return openPaymentIntent({ id: PaymentIntentId.make("pi-1"), householdId: household, invoices: [situation], payerEmail: "a.baud@arpege.fr", now, settings })
}
const pendingIntent = (): PaymentIntent => {
  const opened = open(1575)
  if (Either.isLeft(opened)) throw opened.left
  return markPaymentIntentPending(opened.right, { operationId: "op-1", redirectUrl: "https://payfip.test/?idop=op-1" }, now, 15)
}
const paid: GatewayOutcome = { _tag: "Paid", method: "card" }

describe("online payment intents", () => {
  it("opens a €15.75 payment valid 15 minutes", () => {
    const intent = pendingIntent()
    expect(intent.status).toBe("pending")
    expect(intent.amount).toBe(1575)
    expect(intent.expiresAt).toBe("2026-04-10T18:15:00.000Z")
  })

  it("refuses amounts outside €1–€100,000 before any gateway call, in French", () => {
    const small = open(50)
    expect(Either.isLeft(small) && small.left.message).toBe(
      "Le paiement en ligne accepte les montants de 1,00 € à 100\u202f000,00 € ; ce paiement de 0,50 € ne peut pas se faire en ligne. Réglez au guichet de la régie ou contactez le Service à la Population."
    )
    const large = open(10_000_001)
    expect(Either.isLeft(large) && large.left._tag).toBe("PaymentAmountOutOfRange")
    expect(Either.isRight(open(100))).toBe(true)
    expect(Either.isRight(open(10_000_000))).toBe(true)
  })

  it("refuses another household's invoice", () => {
    const other = open(1575, HouseholdId.make("hh-diallo"))
    expect(Either.isLeft(other) && other.left._tag).toBe("InvoiceOfAnotherHousehold")
  })

  it("expires an open intent at its expiry, and a late payment still wins", () => {
    const intent = pendingIntent()
    expect(expirePaymentIntent(intent, Instant.unsafe("2026-04-10T18:14:59Z")).status).toBe("pending")
    const expired = expirePaymentIntent(intent, Instant.unsafe("2026-04-10T18:15:00Z"))
    expect(expired.status).toBe("expired")
    expect(settlePaymentIntent(expired, { _tag: "Refused" }, now).status).toBe("expired")
    expect(settlePaymentIntent(expired, paid, now, PaymentId.make("pay-1")).status).toBe("paid")
  })

  const outcome = fc.constantFrom<GatewayOutcome>(paid, { _tag: "Paid", method: "directDebit" }, { _tag: "Refused" }, { _tag: "Cancelled" }, { _tag: "Unknown" })

  test.prop([fc.array(outcome, { maxLength: 10 })])("once paid an intent stays paid with its first payment, whatever the gateway says next", (outcomes) => {
    let intent = settlePaymentIntent(pendingIntent(), paid, now, PaymentId.make("pay-1"))
    for (const [i, o] of outcomes.entries()) {
      const again = settlePaymentIntent(intent, o, now, PaymentId.make(`pay-${i + 2}`))
      expect(again).toBe(intent)
      intent = again
    }
    expect(intent.status).toBe("paid")
    expect(intent.paymentId).toBe("pay-1")
  })

  test.prop([outcome])("applying the same outcome twice gives the same intent", (o) => {
    const once = settlePaymentIntent(pendingIntent(), o, now, PaymentId.make("pay-1"))
    expect(settlePaymentIntent(once, o, now, PaymentId.make("pay-1"))).toEqual(once)
  })
})
