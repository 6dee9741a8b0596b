import { Effect } from "effect"
import { InvoiceAlreadySentToTreasury, InvoiceNothingToRecover, InvoiceNotPastDue } from "../billing/BillingErrors.js"
import { TreasuryTransmission } from "../billing/Invoice.js"
import { InvoiceRepository } from "../billing/InvoiceRepository.js"
import type { AccountId, InvoiceId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"
import { loadHouseholdAccount } from "./HouseholdAccountQuery.js"

/**
 * An agent transmits an unpaid invoice past its due date to the public Treasury (titre de
 * recette), once; from then on the family pays the Treasury.
 */
export const sendInvoiceToTreasury = (input: { readonly invoiceId: InvoiceId; readonly by: AccountId; readonly on: LocalDate.LocalDate }) =>
  Effect.gen(function* () {
    const invoices = yield* InvoiceRepository
    const invoice = yield* invoices.get(input.invoiceId)
    if (invoice.sentToTreasury !== undefined) {
      return yield* new InvoiceAlreadySentToTreasury({ invoiceNumber: invoice.number, sentOn: invoice.sentToTreasury.sentOn })
    }
    if (!LocalDate.isAfter(input.on, invoice.dueOn)) {
      return yield* new InvoiceNotPastDue({ invoiceNumber: invoice.number, dueOn: invoice.dueOn })
    }
    const account = yield* loadHouseholdAccount(invoice.householdId)
    const situation = account.invoices.find((s) => s.invoice.id === invoice.id)
    if (situation === undefined || situation.remaining <= 0) {
      return yield* new InvoiceNothingToRecover({ invoiceNumber: invoice.number })
    }
    return yield* invoices.markSentToTreasury(invoice.id, TreasuryTransmission.make({ sentOn: input.on, by: input.by }))
  })
