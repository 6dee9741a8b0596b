import { Schema } from "effect"

/**
 * How a family pays: card online, direct debit, at the counter (cash or card), cheque, CESU, or to
 * the public Treasury once an invoice was sent there (recorded from the Treasury's statement, see
 * `importTreasuryPayments`; never one of the régie's accepted methods).
 */
export const PaymentMethod = Schema.Literal("card", "directDebit", "counter", "cheque", "cesu", "treasury").annotations({
  identifier: "PaymentMethod"
})
export type PaymentMethod = typeof PaymentMethod.Type

const LABELS: Record<PaymentMethod, string> = {
  card: "carte bancaire en ligne",
  directDebit: "prélèvement",
  counter: "paiement au guichet de la régie",
  cheque: "chèque",
  cesu: "chèque emploi service universel (CESU)",
  treasury: "paiement au Trésor public"
}

/** French name of a payment method. */
export const paymentMethodLabel = (method: PaymentMethod): string => LABELS[method]
