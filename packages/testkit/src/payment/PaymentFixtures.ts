import { Cents, HouseholdId, Instant, InvoiceId, Payment, PaymentId, PaymentIntent, PaymentIntentId } from "@spe/core"

/** A €42.50 counter payment of household `hh-1`, receipt `R-0001`, unless told otherwise. */
export function aPayment(overrides: Partial<ConstructorParameters<typeof Payment>[0]> = {}): Payment {
  return Payment.make({
    id: PaymentId.make("pay-1"),
    householdId: HouseholdId.make("hh-1"),
    amount: Cents.cents(4250),
    method: "counter",
    receivedAt: Instant.unsafe("2026-04-10T09:30:00Z"),
    idempotencyKey: "counter:R-0001",
    invoiceIds: [],
    reference: "R-0001",
    ...overrides
  })
}

/** A pending €42.50 online payment of invoice `inv-1`, operation `op-1`, unless told otherwise. */
export function aPaymentIntent(overrides: Partial<ConstructorParameters<typeof PaymentIntent>[0]> = {}): PaymentIntent {
  return PaymentIntent.make({
    id: PaymentIntentId.make("pi-1"),
    householdId: HouseholdId.make("hh-1"),
    invoiceIds: [InvoiceId.make("inv-1")],
    invoiceNumbers: ["F-2026-000001"],
    amount: Cents.cents(4250),
    payerEmail: "a.baud@arpege.fr",
    createdAt: Instant.unsafe("2026-04-10T09:30:00Z"),
    expiresAt: Instant.unsafe("2026-04-10T09:45:00Z"),
    status: "pending",
    operationId: "op-1",
    redirectUrl: "https://paiement.test/payfip?idop=op-1",
    ...overrides
  })
}
