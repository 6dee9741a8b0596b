import { Context, type Effect } from "effect"
import type { HouseholdId, InvoiceId } from "../shared/Ids.js"
import type { InvoiceAlreadyRecorded, InvoiceAlreadySentToTreasury, InvoiceNotFound } from "./BillingErrors.js"
import type { BillingMonth } from "./BillingMonth.js"
import type { Invoice, TreasuryTransmission } from "./Invoice.js"

/**
 * Where issued invoices are kept. An invoice is added once and never changed, except for its
 * transmission to the Treasury. Lists come in no particular order.
 */
export class InvoiceRepository extends Context.Tag("@spe/core/InvoiceRepository")<
  InvoiceRepository,
  {
    /** Records an issued invoice; refuses a second invoice with the same id, or the same number in the same régie. */
    readonly add: (invoice: Invoice) => Effect.Effect<void, InvoiceAlreadyRecorded>
    readonly get: (id: InvoiceId) => Effect.Effect<Invoice, InvoiceNotFound>
    readonly byHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<Invoice>>
    /** Every invoice of a billing month, all households. */
    readonly byPeriod: (period: BillingMonth) => Effect.Effect<ReadonlyArray<Invoice>>
    /** Records the transmission to the Treasury, once. */
    readonly markSentToTreasury: (
      id: InvoiceId,
      transmission: TreasuryTransmission
    ) => Effect.Effect<Invoice, InvoiceNotFound | InvoiceAlreadySentToTreasury>
  }
>() {}
