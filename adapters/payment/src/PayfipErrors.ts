import { Schema } from "effect"

/** One field of a PayFiP request refused before sending, with what to write instead. */
export const PayfipFieldProblem = Schema.Struct({
  field: Schema.String,
  message: Schema.String
})
export type PayfipFieldProblem = typeof PayfipFieldProblem.Type

/**
 * A PayFiP request was refused before any network call: a field does not follow the service's
 * rules (client number, year, debt reference, amount, e-mail, object, mode, URLs).
 */
export class PayfipRequestInvalid extends Schema.TaggedError<PayfipRequestInvalid>()("PayfipRequestInvalid", {
  operation: Schema.String,
  problems: Schema.Array(PayfipFieldProblem)
}) {
  override get message(): string {
    return `La demande ${this.operation} n'a pas été envoyée à PayFiP : ${this.problems.map((p) => `${p.field} — ${p.message}`).join(" ; ")}`
  }
}

/** PayFiP answered a SOAP fault (a `FonctionnelleErreur` with its code, or a technical fault). */
export class PayfipFaultReturned extends Schema.TaggedError<PayfipFaultReturned>()("PayfipFaultReturned", {
  operation: Schema.String,
  code: Schema.String,
  description: Schema.String
}) {
  override get message(): string {
    return `PayFiP a répondu par une erreur à ${this.operation} (code ${this.code || "inconnu"} : ${this.description || "sans description"}).`
  }
}

/** The PayFiP settings of the town are incomplete or wrong. */
export class PayfipSettingsInvalid extends Schema.TaggedError<PayfipSettingsInvalid>()("PayfipSettingsInvalid", {
  problems: Schema.Array(PayfipFieldProblem)
}) {
  override get message(): string {
    return `Les réglages PayFiP sont incorrects : ${this.problems.map((p) => `${p.field} — ${p.message}`).join(" ; ")}`
  }
}
