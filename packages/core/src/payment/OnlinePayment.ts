import { Array as Arr, Effect, Option } from "effect"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import * as Cents from "../shared/Cents.js"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { type HouseholdId, type InvoiceId, PaymentId, PaymentIntentId } from "../shared/Ids.js"
import type * as Instant from "../shared/Instant.js"
import type { InvoiceSituation } from "./HouseholdAccount.js"
import { loadHouseholdAccount } from "./HouseholdAccountQuery.js"
import { Payment } from "./Payment.js"
import { InvoiceOfAnotherHousehold, PaymentMethodNotAccepted, PaymentOperationUnknown } from "./PaymentErrors.js"
import { PaymentGateway } from "./PaymentGateway.js"
import {
  expirePaymentIntent,
  markPaymentIntentPending,
  openPaymentIntent,
  type PaymentIntent,
  settlePaymentIntent
} from "./PaymentIntent.js"
import { PaymentIntentRepository } from "./PaymentIntentRepository.js"
import { PaymentRepository } from "./PaymentRepository.js"
import { recordPaymentOnce } from "./RecordPayment.js"
import type { PaymentSettings } from "./PaymentSettings.js"

/**
 * A family starts paying invoices online: the intent is checked (household, amounts, €1–€100,000)
 * before the gateway is called, then sent to the gateway; the result carries the redirect URL. A
 * payment of the same invoices for the same amount still pending at the gateway is given back
 * instead of a second one (a double click or a return to the page never opens two payments).
 */
export const startOnlinePayment = (
  input: {
    readonly householdId: HouseholdId
    readonly invoiceIds: Arr.NonEmptyReadonlyArray<InvoiceId>
    readonly payerEmail: string
  },
  settings: PaymentSettings
) =>
  Effect.gen(function* () {
    if (!settings.acceptedMethods.includes("card")) {
      return yield* new PaymentMethodNotAccepted({ method: "card", accepted: settings.acceptedMethods })
    }
    const account = yield* loadHouseholdAccount(input.householdId)
    const chosen: Array<InvoiceSituation> = []
    for (const invoiceId of Arr.dedupe(input.invoiceIds)) {
      const situation = account.invoices.find((s) => s.invoice.id === invoiceId)
      if (situation === undefined) {
        const invoice = yield* (yield* InvoiceRepository).get(invoiceId)
        return yield* new InvoiceOfAnotherHousehold({ invoiceNumber: invoice.number })
      }
      chosen.push(situation)
    }
    if (!Arr.isNonEmptyReadonlyArray(chosen)) return yield* Effect.dieMessage("startOnlinePayment: no invoice")
    const clock = yield* Clock
    const intents = yield* PaymentIntentRepository
    const now = yield* clock.now
    const sameInvoices = (intent: PaymentIntent) =>
      intent.invoiceIds.length === chosen.length && chosen.every((s) => intent.invoiceIds.includes(s.invoice.id))
    const pendingAlready = (yield* intents.open).find(
      (intent) =>
        intent.householdId === input.householdId &&
        intent.status === "pending" &&
        intent.redirectUrl !== undefined &&
        now < intent.expiresAt &&
        intent.amount === Cents.sum(chosen.map((s) => s.remaining)) &&
        sameInvoices(intent)
    )
    if (pendingAlready !== undefined) return pendingAlready
    const id = PaymentIntentId.make(yield* (yield* IdGenerator).next("pi"))
    const intent = yield* openPaymentIntent({
      id,
      householdId: input.householdId,
      invoices: chosen,
      payerEmail: input.payerEmail,
      now,
      settings
    })
    yield* intents.save(intent)
    const initiation = yield* (yield* PaymentGateway).initiate(intent)
    const pending = markPaymentIntentPending(intent, initiation, yield* clock.now, settings.intentValidityMinutes)
    yield* intents.save(pending)
    return pending
  })

/** The intent after a confirmation, and the payment recorded for it, if any. */
export interface OnlinePaymentConfirmation {
  readonly intent: PaymentIntent
  readonly payment: Option.Option<Payment>
}

/**
 * The gateway notified an operation (or the family came back from it): asks the gateway what
 * happened and records it. A paid operation records exactly one payment, however many times it is
 * confirmed; an operation no intent knows changes nothing.
 */
export const confirmOnlinePayment = (operationId: string) =>
  Effect.gen(function* () {
    const intents = yield* PaymentIntentRepository
    const payments = yield* PaymentRepository
    const found = yield* intents.byOperationId(operationId)
    if (Option.isNone(found)) return yield* new PaymentOperationUnknown({ operationId })
    const intent = found.value
    if (intent.status === "paid") {
      const payment = intent.paymentId === undefined ? Option.none() : Option.some(yield* payments.get(intent.paymentId))
      return { intent, payment } satisfies OnlinePaymentConfirmation
    }
    const outcome = yield* (yield* PaymentGateway).confirm(operationId)
    const now = yield* (yield* Clock).now
    if (outcome._tag !== "Paid") {
      const settled = settlePaymentIntent(intent, outcome, now)
      if (settled !== intent) yield* intents.save(settled)
      return { intent: settled, payment: Option.none() } satisfies OnlinePaymentConfirmation
    }
    const recorded = yield* recordPaymentOnce(
      Payment.make({
        id: PaymentId.make(yield* (yield* IdGenerator).next("pay")),
        householdId: intent.householdId,
        amount: outcome.amount ?? intent.amount,
        method: outcome.method,
        receivedAt: now,
        idempotencyKey: `gateway:${operationId}`,
        invoiceIds: intent.invoiceIds,
        reference: operationId
      })
    )
    const settled = settlePaymentIntent(intent, outcome, now, recorded.payment.id)
    yield* intents.save(settled)
    return { intent: settled, payment: Option.some(recorded.payment) } satisfies OnlinePaymentConfirmation
  })

/** Expires the open intents whose operation is no longer valid at `now` (PayFiP: 15 minutes); returns them. */
export const expirePaymentIntents = (now: Instant.Instant) =>
  Effect.gen(function* () {
    const intents = yield* PaymentIntentRepository
    const expired: Array<PaymentIntent> = []
    for (const intent of yield* intents.open) {
      const next = expirePaymentIntent(intent, now)
      if (next === intent) continue
      yield* intents.save(next)
      expired.push(next)
    }
    return expired as ReadonlyArray<PaymentIntent>
  })
