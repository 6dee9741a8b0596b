import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { PaymentMethod } from "./PaymentMethod.js"

/** A town's payment settings: the methods its régie takes, the online limits and the validity of an online payment. */
export class PaymentSettings extends Schema.Class<PaymentSettings>("PaymentSettings")({
  acceptedMethods: Schema.optionalWith(Schema.Array(PaymentMethod), {
    default: () => ["card", "directDebit", "counter", "cheque"] as const
  }),
  /** PayFiP takes €1 to €100,000. */
  onlineMinimum: Schema.optionalWith(Cents.Cents, { default: () => Cents.cents(100) }),
  onlineMaximum: Schema.optionalWith(Cents.Cents, { default: () => Cents.cents(10_000_000) }),
  /** Minutes a payment operation stays valid at the gateway (PayFiP: 15). */
  intentValidityMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 15 })
}) {}
