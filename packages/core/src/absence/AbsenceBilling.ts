import { BillableAbsence, BillableCancellation, BillableFact } from "../billing/BillableFact.js"
import { type BillingDecision, type BillingRules, decideBilling } from "../billing/BillingRules.js"
import type { Absence, AbsenceReason } from "./Absence.js"
import type { AbsenceSessionMark } from "./AbsenceUseCases.js"

/** The reasons a family may give, in the order the form lists them, with their French labels. */
export const absenceReasonLabels: ReadonlyArray<{ readonly reason: AbsenceReason; readonly label: string }> = [
  { reason: "illness", label: "Maladie" },
  { reason: "family", label: "Raison familiale" },
  { reason: "other", label: "Autre motif" }
]

/** The French label of an absence reason ("Maladie"). */
export const absenceReasonLabel = (reason: AbsenceReason): string => absenceReasonLabels.find((r) => r.reason === reason)?.label ?? reason

/** Whether a session an absence covers will be billed, and the row of the billing table that says so. */
export interface AbsenceSessionBilling {
  readonly billed: boolean
  readonly decision: BillingDecision
}

/**
 * How billing will read a session an absence covers, before the register is filled: the billing
 * table (`decideBilling`, the town's `rules`) on the reservation, its cancellation and the
 * absence's mark, the child taken as absent. Cancelled in time, nothing is billed; otherwise a
 * justified absence is billed only on carence days, and an absence not justified is billed.
 */
export function absenceSessionBilling(absence: Absence, session: AbsenceSessionMark, rules: BillingRules): AbsenceSessionBilling {
  const decision = decideBilling(
    new BillableFact({
      householdId: absence.householdId,
      childId: absence.childId,
      childName: "",
      activityId: session.activityId,
      activityName: "",
      sessionId: session.sessionId,
      date: session.date,
      booked: true,
      ...(session.cancellation === undefined
        ? {}
        : { cancelled: new BillableCancellation({ at: session.cancellation.at, late: session.cancellation.late }) }),
      attendance: "absent",
      absence: new BillableAbsence({ justified: session.mark.justified, carence: session.mark.carence })
    }),
    rules
  )
  return { billed: decision.charge !== "nothing", decision }
}
