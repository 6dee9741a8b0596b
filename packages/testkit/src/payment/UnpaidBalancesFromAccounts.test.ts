import { InvoiceId, InvoiceRepository, LocalDate, unpaidBalancesFromAccounts } from "@spe/core"
import { Effect, Layer } from "effect"
import { anInvoice, anInvoiceLine } from "../billing/BillingFixtures.js"
import { inMemoryCreditNoteRepository } from "../billing/InMemoryCreditNoteRepository.js"
import { inMemoryInvoiceRepository } from "../billing/InMemoryInvoiceRepository.js"
import { unpaidBalancesContract } from "../reservation/UnpaidBalancesContract.js"
import { inMemoryPaymentRepository } from "./InMemoryPaymentRepository.js"

unpaidBalancesContract("from the billing accounts", async (debts) => {
  const invoices = inMemoryInvoiceRepository()
  await Effect.runPromise(
    Effect.provide(
      Effect.flatMap(InvoiceRepository, (repo) =>
        Effect.forEach(debts, (debt, i) =>
          Effect.all([
            repo.add(anInvoice({
              id: InvoiceId.make(`inv-past-${i}`),
              number: `F-2026-00000${i + 1}`,
              householdId: debt.householdId,
              issuedOn: LocalDate.unsafe("2026-01-05"),
              dueOn: LocalDate.unsafe("2026-02-04"),
              lines: [anInvoiceLine({ amount: debt.amount })]
            })),
            repo.add(anInvoice({
              id: InvoiceId.make(`inv-not-due-${i}`),
              number: `F-2026-00010${i + 1}`,
              householdId: debt.householdId,
              issuedOn: LocalDate.unsafe("2026-03-02"),
              dueOn: LocalDate.unsafe("2026-04-01")
            }))
          ])
        )
      ),
      invoices
    )
  )
  return unpaidBalancesFromAccounts.pipe(Layer.provide(Layer.mergeAll(invoices, inMemoryCreditNoteRepository(), inMemoryPaymentRepository())))
})
