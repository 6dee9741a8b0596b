import { Array as Arr, Either, Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { HouseholdId, InvoiceId, PaymentId, PaymentIntentId } from "../shared/Ids.js"
import * as Instant from "../shared/Instant.js"
import type { InvoiceSituation } from "./HouseholdAccount.js"
import { InvoiceNotPayable, InvoiceOfAnotherHousehold, PaymentAmountOutOfRange } from "./PaymentErrors.js"
import type { PaymentSettings } from "./PaymentSettings.js"

/**
 * Where an online payment stands: `created` (not yet sent to the gateway), `pending` (the family
 * is at the gateway), then `paid`, `refused`, `cancelled` or `expired`.
 */
export const PaymentIntentStatus = Schema.Literal("created", "pending", "paid", "refused", "cancelled", "expired").annotations({
  identifier: "PaymentIntentStatus"
})
export type PaymentIntentStatus = typeof PaymentIntentStatus.Type

/** A family's online payment of one or several invoices, through the payment gateway. */
export class PaymentIntent extends Schema.Class<PaymentIntent>("PaymentIntent")({
  id: PaymentIntentId,
  householdId: HouseholdId,
  invoiceIds: Schema.NonEmptyArray(InvoiceId),
  /** Invoice numbers, for the gateway's reference (PayFiP `refdet`). */
  invoiceNumbers: Schema.NonEmptyArray(Schema.String),
  amount: Cents.Cents,
  payerEmail: Schema.String,
  createdAt: Instant.Instant,
  expiresAt: Instant.Instant,
  status: PaymentIntentStatus,
  operationId: Schema.optional(Schema.String),
  redirectUrl: Schema.optional(Schema.String),
  paymentId: Schema.optional(PaymentId),
  settledAt: Schema.optional(Instant.Instant)
}) {}

/** What the gateway answers when asked about an operation. */
export const GatewayOutcome = Schema.Union(
  Schema.TaggedStruct("Paid", {
    method: Schema.Literal("card", "directDebit"),
    /** The amount the gateway took, when it says. */
    amount: Schema.optional(Cents.Cents)
  }),
  Schema.TaggedStruct("Refused", {}),
  Schema.TaggedStruct("Cancelled", {}),
  Schema.TaggedStruct("Unknown", {})
).annotations({ identifier: "GatewayOutcome" })
export type GatewayOutcome = typeof GatewayOutcome.Type

/** Open statuses: the family may still pay. */
export const paymentIntentIsOpen = (intent: PaymentIntent): boolean => intent.status === "created" || intent.status === "pending"

/**
 * Opens an online payment of invoices of a household for what remains to pay on them. Refused
 * before any gateway call when an invoice is another household's, settled or with the Treasury,
 * or when the amount is outside the online limits.
 */
export function openPaymentIntent(input: {
  readonly id: PaymentIntentId
  readonly householdId: HouseholdId
  readonly invoices: Arr.NonEmptyReadonlyArray<InvoiceSituation>
  readonly payerEmail: string
  readonly now: Instant.Instant
  readonly settings: PaymentSettings
}): Either.Either<PaymentIntent, InvoiceOfAnotherHousehold | InvoiceNotPayable | PaymentAmountOutOfRange> {
  for (const situation of input.invoices) {
    const number = situation.invoice.number
    if (situation.invoice.householdId !== input.householdId) return Either.left(new InvoiceOfAnotherHousehold({ invoiceNumber: number }))
    if (situation.status === "sentToTreasury") return Either.left(new InvoiceNotPayable({ invoiceNumber: number, reason: "sentToTreasury" }))
    if (situation.remaining <= 0) return Either.left(new InvoiceNotPayable({ invoiceNumber: number, reason: "settled" }))
  }
  const amount = Cents.sum(input.invoices.map((s) => s.remaining))
  const { onlineMinimum: minimum, onlineMaximum: maximum } = input.settings
  if (amount < minimum || amount > maximum) return Either.left(new PaymentAmountOutOfRange({ amount, minimum, maximum }))
  return Either.right(
    PaymentIntent.make({
      id: input.id,
      householdId: input.householdId,
      invoiceIds: Arr.map(input.invoices, (s) => s.invoice.id),
      invoiceNumbers: Arr.map(input.invoices, (s) => s.invoice.number),
      amount,
      payerEmail: input.payerEmail,
      createdAt: input.now,
      expiresAt: Instant.plusMinutes(input.now, input.settings.intentValidityMinutes),
      status: "created"
    })
  )
}

/** The gateway accepted the operation: the family is sent there; the operation is valid for a limited time. */
export function markPaymentIntentPending(
  intent: PaymentIntent,
  initiation: { readonly operationId: string; readonly redirectUrl: string },
  now: Instant.Instant,
  validityMinutes: number
): PaymentIntent {
  if (intent.status !== "created") return intent
  return PaymentIntent.make({
    ...intent,
    status: "pending",
    operationId: initiation.operationId,
    redirectUrl: initiation.redirectUrl,
    expiresAt: Instant.plusMinutes(now, validityMinutes)
  })
}

/**
 * Applies what the gateway says of the operation. `Paid` wins over any other state (the money was
 * taken, even after expiry); refusal and cancellation only close an open intent; `Unknown`
 * changes nothing. Applying the same outcome twice gives the same intent.
 */
export function settlePaymentIntent(
  intent: PaymentIntent,
  outcome: GatewayOutcome,
  now: Instant.Instant,
  paymentId?: PaymentId
): PaymentIntent {
  switch (outcome._tag) {
    case "Paid":
      if (intent.status === "paid" || paymentId === undefined) return intent
      return PaymentIntent.make({ ...intent, status: "paid", paymentId, settledAt: now })
    case "Refused":
    case "Cancelled":
      if (!paymentIntentIsOpen(intent)) return intent
      return PaymentIntent.make({ ...intent, status: outcome._tag === "Refused" ? "refused" : "cancelled", settledAt: now })
    case "Unknown":
      return intent
  }
}

/** An open intent whose operation is no longer valid at `now` expires. */
export function expirePaymentIntent(intent: PaymentIntent, now: Instant.Instant): PaymentIntent {
  if (!paymentIntentIsOpen(intent) || Instant.isBefore(now, intent.expiresAt)) return intent
  return PaymentIntent.make({ ...intent, status: "expired", settledAt: now })
}
