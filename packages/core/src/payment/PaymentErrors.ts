import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { PaymentId } from "../shared/Ids.js"
import { PaymentMethod, paymentMethodLabel } from "./PaymentMethod.js"

const REGIE = "Réglez au guichet de la régie ou contactez le Service à la Population."

/** An online payment must be between the gateway's minimum and maximum (PayFiP: €1 to €100,000). */
export class PaymentAmountOutOfRange extends Schema.TaggedError<PaymentAmountOutOfRange>()("PaymentAmountOutOfRange", {
  amount: Cents.Cents,
  minimum: Cents.Cents,
  maximum: Cents.Cents
}) {
  override get message(): string {
    return `Le paiement en ligne accepte les montants de ${Cents.formatEuros(this.minimum)} à ${Cents.formatEuros(this.maximum)} ; ce paiement de ${Cents.formatEuros(this.amount)} ne peut pas se faire en ligne. ${REGIE}`
  }
}

/** No online payment of ours has this operation number: a forged or mistaken notification changes nothing. */
export class PaymentOperationUnknown extends Schema.TaggedError<PaymentOperationUnknown>()("PaymentOperationUnknown", {
  operationId: Schema.String
}) {
  override get message(): string {
    return `Aucun paiement en ligne ne correspond à l'opération ${this.operationId} ; rien n'a été enregistré. Si vous avez été débité, contactez la régie avec le justificatif de paiement.`
  }
}

/** The online payment service could not be reached or answered in error. */
export class PaymentGatewayUnavailable extends Schema.TaggedError<PaymentGatewayUnavailable>()("PaymentGatewayUnavailable", {
  reason: Schema.String
}) {
  override get message(): string {
    return `Le service de paiement en ligne ne répond pas (${this.reason}) ; aucun paiement n'a été pris. Réessayez dans quelques minutes ou réglez au guichet de la régie.`
  }
}

/**
 * The payment service refused the request itself (a reference or a label it cannot take): nothing
 * was sent to the family's bank, and trying again unchanged will not help.
 */
export class PaymentRequestRefused extends Schema.TaggedError<PaymentRequestRefused>()("PaymentRequestRefused", {
  reason: Schema.String
}) {
  override get message(): string {
    return `Le service de paiement en ligne n'accepte pas cette demande (${this.reason}) ; aucun paiement n'a été pris. Réglez cette facture au guichet de la régie ou contactez le Service à la Population.`
  }
}

/** The town's régie does not take this method of payment. */
export class PaymentMethodNotAccepted extends Schema.TaggedError<PaymentMethodNotAccepted>()("PaymentMethodNotAccepted", {
  method: PaymentMethod,
  accepted: Schema.Array(PaymentMethod)
}) {
  override get message(): string {
    return `La régie n'accepte pas le paiement par ${paymentMethodLabel(this.method)}. Moyens acceptés : ${this.accepted.map(paymentMethodLabel).join(", ")}.`
  }
}

/** The reference of a payment was already used for a different payment. */
export class PaymentReferenceAlreadyUsed extends Schema.TaggedError<PaymentReferenceAlreadyUsed>()("PaymentReferenceAlreadyUsed", {
  reference: Schema.String,
  existingPaymentId: PaymentId
}) {
  override get message(): string {
    return `La référence ${this.reference} a déjà servi pour un autre paiement (${this.existingPaymentId}) d'un autre montant ou d'un autre foyer ; vérifiez la référence du reçu avant d'enregistrer.`
  }
}

/** No payment has this identifier. */
export class PaymentNotFound extends Schema.TaggedError<PaymentNotFound>()("PaymentNotFound", {
  paymentId: PaymentId
}) {
  override get message(): string {
    return `Aucun paiement ne correspond à la référence ${this.paymentId}.`
  }
}

/** An invoice chosen for payment belongs to another household. */
export class InvoiceOfAnotherHousehold extends Schema.TaggedError<InvoiceOfAnotherHousehold>()("InvoiceOfAnotherHousehold", {
  invoiceNumber: Schema.String
}) {
  override get message(): string {
    return `La facture ${this.invoiceNumber} n'est pas une facture de votre foyer ; choisissez une facture listée dans « Mes factures ».`
  }
}

/** An invoice chosen for payment has nothing left to pay (paid, cancelled) or is now collected by the Treasury. */
export class InvoiceNotPayable extends Schema.TaggedError<InvoiceNotPayable>()("InvoiceNotPayable", {
  invoiceNumber: Schema.String,
  reason: Schema.Literal("settled", "sentToTreasury")
}) {
  override get message(): string {
    return this.reason === "settled"
      ? `La facture ${this.invoiceNumber} est déjà réglée ou annulée : il n'y a rien à payer.`
      : `La facture ${this.invoiceNumber} a été transmise au Trésor public : réglez-la auprès du Trésor public avec l'avis que vous avez reçu.`
  }
}
