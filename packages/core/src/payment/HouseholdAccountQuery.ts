import { Effect } from "effect"
import { CreditNoteRepository } from "../billing/CreditNoteRepository.js"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import type { HouseholdId } from "../shared/Ids.js"
import type * as LocalDate from "../shared/LocalDate.js"
import { householdAccount, householdStatement, pastDueUnpaidAmount } from "./HouseholdAccount.js"
import { PaymentRepository } from "./PaymentRepository.js"

/** Loads a household's account ("Mes factures"): invoices with their status, payments, balance. */
export const loadHouseholdAccount = (householdId: HouseholdId) =>
  Effect.gen(function* () {
    const [invoices, creditNotes, payments] = yield* Effect.all([
      Effect.flatMap(InvoiceRepository, (r) => r.byHousehold(householdId)),
      Effect.flatMap(CreditNoteRepository, (r) => r.byHousehold(householdId)),
      Effect.flatMap(PaymentRepository, (r) => r.byHousehold(householdId))
    ])
    return householdAccount(invoices, creditNotes, payments)
  })

/** Loads a household's statement: dated invoices, credit notes and payments with the running balance. */
export const loadHouseholdStatement = (householdId: HouseholdId) =>
  Effect.map(loadHouseholdAccount(householdId), householdStatement)

/** What a household owes on invoices past their due date on `on`. */
export const loadPastDueUnpaid = (householdId: HouseholdId, on: LocalDate.LocalDate) =>
  Effect.map(loadHouseholdAccount(householdId), (account) => pastDueUnpaidAmount(account, on))
