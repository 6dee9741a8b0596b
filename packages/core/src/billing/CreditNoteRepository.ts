import { Context, type Effect } from "effect"
import type { HouseholdId, InvoiceId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { CreditNoteAlreadyRecorded } from "./BillingErrors.js"
import type { BillingMonth } from "./BillingMonth.js"
import type { CreditNote } from "./CreditNote.js"

/** Where issued credit notes are kept; added once, never changed. Lists come in no particular order. */
export class CreditNoteRepository extends Context.Tag("@spe/core/CreditNoteRepository")<
  CreditNoteRepository,
  {
    /** Records an issued credit note; refuses a second one with the same id, or the same number in the same régie. */
    readonly add: (note: CreditNote) => Effect.Effect<void, CreditNoteAlreadyRecorded>
    readonly byInvoice: (invoiceId: InvoiceId) => Effect.Effect<ReadonlyArray<CreditNote>>
    readonly byHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<CreditNote>>
    /** Every credit note correcting an invoice of a billing month. */
    readonly byPeriod: (period: BillingMonth) => Effect.Effect<ReadonlyArray<CreditNote>>
    /** Every credit note issued from `from` to `to` (both included), all households (the exports). */
    readonly issuedBetween: (from: LocalDate, to: LocalDate) => Effect.Effect<ReadonlyArray<CreditNote>>
  }
>() {}
