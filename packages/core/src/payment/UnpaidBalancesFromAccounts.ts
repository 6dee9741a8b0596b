import { Effect, Layer } from "effect"
import { CreditNoteRepository } from "../billing/CreditNoteRepository.js"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import { UnpaidBalances } from "../reservation/UnpaidBalances.js"
import { loadPastDueUnpaid } from "./HouseholdAccountQuery.js"
import { PaymentRepository } from "./PaymentRepository.js"

/** Booking's `UnpaidBalances`, answered from the invoices, credit notes and payments of the household. */
export const unpaidBalancesFromAccounts: Layer.Layer<UnpaidBalances, never, InvoiceRepository | CreditNoteRepository | PaymentRepository> =
  Layer.effect(
    UnpaidBalances,
    Effect.gen(function* () {
      const context = yield* Effect.context<InvoiceRepository | CreditNoteRepository | PaymentRepository>()
      return {
        pastDueUnpaid: (householdId, on) => Effect.provide(loadPastDueUnpaid(householdId, on), context)
      }
    })
  )
