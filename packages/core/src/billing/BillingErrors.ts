import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { CreditNoteId, InvoiceId } from "../shared/Ids.js"
import * as LocalDate from "../shared/LocalDate.js"

/** No invoice has this identifier. */
export class InvoiceNotFound extends Schema.TaggedError<InvoiceNotFound>()("InvoiceNotFound", {
  invoiceId: InvoiceId
}) {
  override get message(): string {
    return `Aucune facture ne correspond à la référence ${this.invoiceId}. Vérifiez la référence dans « Mes factures » ou contactez la régie.`
  }
}

/** No credit note of this household has this identifier. */
export class CreditNoteNotFound extends Schema.TaggedError<CreditNoteNotFound>()("CreditNoteNotFound", {
  creditNoteId: CreditNoteId
}) {
  override get message(): string {
    return `Aucun avoir ne correspond à la référence ${this.creditNoteId}. Vérifiez la référence dans « Mes factures » ou contactez la régie.`
  }
}

/** An invoice with this identifier, or this number in the same régie, was already recorded: an issued invoice is never replaced. */
export class InvoiceAlreadyRecorded extends Schema.TaggedError<InvoiceAlreadyRecorded>()("InvoiceAlreadyRecorded", {
  invoiceId: InvoiceId,
  number: Schema.String
}) {
  override get message(): string {
    return `La facture ${this.number} est déjà enregistrée ; une facture émise n'est jamais remplacée. Émettez un avoir pour la corriger.`
  }
}

/** A credit note with this identifier, or this number in the same régie, was already recorded. */
export class CreditNoteAlreadyRecorded extends Schema.TaggedError<CreditNoteAlreadyRecorded>()("CreditNoteAlreadyRecorded", {
  creditNoteId: CreditNoteId,
  number: Schema.String
}) {
  override get message(): string {
    return `L'avoir ${this.number} est déjà enregistré ; il ne peut pas être enregistré une seconde fois.`
  }
}

/** A credit line names a session and child that the invoice does not bill. */
export class CreditLineNotOnInvoice extends Schema.TaggedError<CreditLineNotOnInvoice>()("CreditLineNotOnInvoice", {
  invoiceNumber: Schema.String,
  childName: Schema.String,
  date: Schema.optional(LocalDate.LocalDate)
}) {
  override get message(): string {
    const session = this.date === undefined ? "cette séance" : `la séance du ${LocalDate.formatFr(this.date)}`
    return `La facture ${this.invoiceNumber} ne facture pas ${session} pour ${this.childName} : un avoir ne corrige que les lignes de la facture qu'il cite. Choisissez la bonne facture.`
  }
}

/** A credit would withdraw more than what remains billed for a session on the invoice. */
export class CreditExceedsInvoice extends Schema.TaggedError<CreditExceedsInvoice>()("CreditExceedsInvoice", {
  invoiceNumber: Schema.String,
  childName: Schema.String,
  date: LocalDate.LocalDate,
  requested: Cents.Cents,
  creditable: Cents.Cents
}) {
  override get message(): string {
    return `L'avoir demandé pour ${this.childName} le ${LocalDate.formatFr(this.date)} (${Cents.formatEuros(this.requested)}) dépasse ce qui reste facturé pour cette séance sur la facture ${this.invoiceNumber} (${Cents.formatEuros(this.creditable)}). Réduisez le montant de l'avoir.`
  }
}

/** An invoice cannot go to the Treasury before its due date has passed. */
export class InvoiceNotPastDue extends Schema.TaggedError<InvoiceNotPastDue>()("InvoiceNotPastDue", {
  invoiceNumber: Schema.String,
  dueOn: LocalDate.LocalDate
}) {
  override get message(): string {
    return `La facture ${this.invoiceNumber} est payable jusqu'au ${LocalDate.formatFr(this.dueOn)} : elle ne peut être transmise au Trésor public qu'après cette date.`
  }
}

/** Only an invoice with an amount left to pay goes to the Treasury. */
export class InvoiceNothingToRecover extends Schema.TaggedError<InvoiceNothingToRecover>()("InvoiceNothingToRecover", {
  invoiceNumber: Schema.String
}) {
  override get message(): string {
    return `La facture ${this.invoiceNumber} est réglée ou annulée : il n'y a rien à transmettre au Trésor public.`
  }
}

/** The invoice was already transmitted to the Treasury. */
export class InvoiceAlreadySentToTreasury extends Schema.TaggedError<InvoiceAlreadySentToTreasury>()(
  "InvoiceAlreadySentToTreasury",
  { invoiceNumber: Schema.String, sentOn: LocalDate.LocalDate }
) {
  override get message(): string {
    return `La facture ${this.invoiceNumber} a déjà été transmise au Trésor public le ${LocalDate.formatFr(this.sentOn)} ; le paiement se fait désormais auprès du Trésor public.`
  }
}
