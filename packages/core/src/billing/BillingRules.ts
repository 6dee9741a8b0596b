import { Schema } from "effect"
import type { BillableFact } from "./BillableFact.js"

/** What a row of the billing table bills: the unit price, the unreserved-presence price, or nothing. */
export const BillingCharge = Schema.Literal("unit-price", "unreserved-price", "nothing").annotations({
  identifier: "BillingCharge"
})
export type BillingCharge = typeof BillingCharge.Type

/** For a booked session whose attendance is not recorded yet: bill it, bill nothing, or wait for the register. */
export const UnrecordedCharge = Schema.Literal("unit-price", "nothing", "wait").annotations({ identifier: "UnrecordedCharge" })
export type UnrecordedCharge = typeof UnrecordedCharge.Type

/**
 * The billing table, each row a town setting (defaults from the common rules of French towns):
 * booked & present → unit price; cancelled in time → nothing; late cancellation or unjustified
 * absence → unit price; justified absence → nothing, except carence days → unit price; present
 * without booking → unreserved-presence price; booked, register not filled yet → unit price.
 */
export class BillingRules extends Schema.Class<BillingRules>("BillingRules")({
  bookedPresent: Schema.optionalWith(BillingCharge, { default: () => "unit-price" }),
  cancelledInTime: Schema.optionalWith(BillingCharge, { default: () => "nothing" }),
  lateCancellation: Schema.optionalWith(BillingCharge, { default: () => "unit-price" }),
  absentUnjustified: Schema.optionalWith(BillingCharge, { default: () => "unit-price" }),
  absentJustified: Schema.optionalWith(BillingCharge, { default: () => "nothing" }),
  carenceDay: Schema.optionalWith(BillingCharge, { default: () => "unit-price" }),
  unreservedPresence: Schema.optionalWith(BillingCharge, { default: () => "unreserved-price" }),
  bookedUnrecorded: Schema.optionalWith(UnrecordedCharge, { default: () => "unit-price" })
}) {}

/** The rows of the billing table, plus an agent's manual correction. */
export const BillingRuleCode = Schema.Literal(
  "booked-present",
  "cancelled-in-time",
  "late-cancellation",
  "absent-unjustified",
  "absent-justified",
  "carence-day",
  "unreserved-presence",
  "booked-unrecorded",
  "not-booked",
  "booking-removed",
  "manual-correction"
).annotations({ identifier: "BillingRuleCode" })
export type BillingRuleCode = typeof BillingRuleCode.Type

const LABELS: Record<BillingRuleCode, string> = {
  "booked-present": "Réservé et présent",
  "cancelled-in-time": "Réservation annulée dans les délais",
  "late-cancellation": "Réservation annulée hors délai, absence non justifiée",
  "absent-unjustified": "Réservé, absent sans justificatif",
  "absent-justified": "Absence justifiée",
  "carence-day": "Absence justifiée, jour de carence",
  "unreserved-presence": "Présent sans réservation",
  "booked-unrecorded": "Réservé, présence pas encore pointée",
  "not-booked": "Non réservé et absent",
  "booking-removed": "Réservation supprimée",
  "manual-correction": "Correction par le service"
}

/** The French label of a billing rule, as the invoice shows it. */
export const billingRuleLabel = (code: BillingRuleCode): string => LABELS[code]

/** The row of the billing table a fact falls in, and what that row bills (`wait`: not yet). */
export interface BillingDecision {
  readonly code: BillingRuleCode
  readonly label: string
  readonly charge: BillingCharge | "wait"
}

const decision = (code: BillingRuleCode, charge: BillingCharge | "wait"): BillingDecision => ({
  code,
  label: billingRuleLabel(code),
  charge
})

/**
 * Reads a fact through the billing table. The register is the truth: a child present is billed
 * as booked if the booking stood (a late cancellation stands), else as an unreserved presence.
 * A justified absence is never billed unless the town bills its carence days.
 */
export function decideBilling(fact: BillableFact, rules: BillingRules): BillingDecision {
  const cancelledInTime = fact.cancelled !== undefined && !fact.cancelled.late
  const standingBooking = fact.booked && !cancelledInTime
  if (fact.attendance === "present") {
    return standingBooking
      ? decision("booked-present", rules.bookedPresent)
      : decision("unreserved-presence", rules.unreservedPresence)
  }
  if (!fact.booked) return decision("not-booked", "nothing")
  if (cancelledInTime) return decision("cancelled-in-time", rules.cancelledInTime)
  if (fact.absence?.justified === true) {
    return fact.absence.carence ? decision("carence-day", rules.carenceDay) : decision("absent-justified", rules.absentJustified)
  }
  if (fact.cancelled !== undefined) return decision("late-cancellation", rules.lateCancellation)
  if (fact.attendance === "absent" || fact.absence !== undefined) {
    return decision("absent-unjustified", rules.absentUnjustified)
  }
  return decision("booked-unrecorded", rules.bookedUnrecorded)
}
