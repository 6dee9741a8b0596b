import { Schema } from "effect"

/** How a family pays: card online, direct debit, at the counter (cash or card), cheque, CESU. */
export const PaymentMethod = Schema.Literal("card", "directDebit", "counter", "cheque", "cesu").annotations({
  identifier: "PaymentMethod"
})
export type PaymentMethod = typeof PaymentMethod.Type

const LABELS: Record<PaymentMethod, string> = {
  card: "carte bancaire en ligne",
  directDebit: "prélèvement",
  counter: "paiement au guichet de la régie",
  cheque: "chèque",
  cesu: "chèque emploi service universel (CESU)"
}

/** French name of a payment method. */
export const paymentMethodLabel = (method: PaymentMethod): string => LABELS[method]
