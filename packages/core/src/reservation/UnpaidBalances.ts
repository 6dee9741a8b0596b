import { Context, type Effect } from "effect"
import type { Cents } from "../shared/Cents.js"
import type { HouseholdId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"

/**
 * What a household owes on invoices past their due date, as billing knows it. Booking asks it
 * when an activity blocks households above `unpaidBlockThresholdCents`.
 */
export class UnpaidBalances extends Context.Tag("@spe/core/UnpaidBalances")<
  UnpaidBalances,
  {
    /** The total still unpaid, on `on`, of the household's invoices whose due date is before `on`. */
    readonly pastDueUnpaid: (householdId: HouseholdId, on: LocalDate) => Effect.Effect<Cents>
  }
>() {}
