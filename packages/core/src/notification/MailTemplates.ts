import * as Cents from "../shared/Cents.js"
import type { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"
import { action, composeMail, facts, paragraph, quote } from "./MailLayout.js"
import type { MailContent } from "./OutgoingMail.js"
import type { SenderIdentity } from "./SenderIdentity.js"

/** Whom a mail greets; without a name, the mail says "Bonjour,". */
export interface MailRecipient {
  readonly recipientName?: string
}

/** The identifier and temporary password of an account the town created. */
export interface ActivationMailData extends MailRecipient {
  readonly login: string
  readonly temporaryPassword: string
  /** The login page; the portal's address when absent. */
  readonly loginUrl?: string
}

/**
 * The first mail of an account created by the town: its identifier and temporary password, to be
 * replaced at the first login.
 *
 * @example
 * activationMail(town, { recipientName: "Marie Durand", login: "durand.m", temporaryPassword: "Ab3-xY7-pq" })
 */
export function activationMail(sender: SenderIdentity, data: ActivationMailData): MailContent {
  return composeMail(sender, {
    subject: `Votre espace citoyen de ${sender.townName} : vos identifiants`,
    recipientName: data.recipientName,
    body: [
      paragraph(`Le ${sender.serviceName} de ${sender.townName} a créé l'espace citoyen de votre foyer. Voici vos identifiants pour la première connexion :`),
      facts([
        ["Identifiant", data.login],
        ["Mot de passe provisoire", data.temporaryPassword]
      ]),
      paragraph("À la première connexion, vous choisirez votre propre identifiant et votre mot de passe ; le mot de passe provisoire ne servira plus ensuite."),
      action("Me connecter à mon espace", data.loginUrl ?? sender.portalUrl),
      paragraph("Vous n'attendiez pas ce message ? Prévenez-nous : nous fermerons cet accès.")
    ]
  })
}

/** A single-use link to choose a new password, and until when it works. */
export interface PasswordResetMailData extends MailRecipient {
  readonly link: string
  readonly expiresAt: Instant
}

/** The "J'ai oublié mon mot de passe" link: single use, short-lived. */
export function passwordResetMail(sender: SenderIdentity, data: PasswordResetMailData): MailContent {
  return composeMail(sender, {
    subject: "Choisir un nouveau mot de passe pour votre espace citoyen",
    recipientName: data.recipientName,
    body: [
      paragraph("Vous avez demandé à changer le mot de passe de votre espace citoyen. Choisissez-en un nouveau avec ce lien :"),
      action("Choisir un nouveau mot de passe", data.link),
      paragraph(`Ce lien ne sert qu'une fois et fonctionne jusqu'au ${ParisTime.formatFr(data.expiresAt)}. Passé ce délai, refaites la demande depuis la page de connexion (« J'ai oublié mon mot de passe »).`),
      paragraph("Vous n'êtes pas à l'origine de cette demande ? Ignorez ce message : votre mot de passe ne change pas.")
    ]
  })
}

/** A link to confirm a new e-mail address for the account. */
export interface EmailChangeMailData extends MailRecipient {
  readonly newEmail: string
  readonly link: string
  readonly expiresAt: Instant
}

/** Sent to the new address: the change applies only once this link is followed. */
export function emailChangeMail(sender: SenderIdentity, data: EmailChangeMailData): MailContent {
  return composeMail(sender, {
    subject: "Confirmez votre nouvelle adresse e-mail",
    recipientName: data.recipientName,
    body: [
      paragraph("Vous avez demandé à recevoir les messages de votre espace citoyen à cette adresse :"),
      facts([["Nouvelle adresse", data.newEmail]]),
      paragraph("Confirmez-la avec ce lien ; d'ici là, nous continuons d'écrire à l'ancienne adresse."),
      action("Confirmer cette adresse", data.link),
      paragraph(`Ce lien fonctionne jusqu'au ${ParisTime.formatFr(data.expiresAt)}. Vous n'êtes pas à l'origine de cette demande ? Ignorez ce message : rien ne change.`)
    ]
  })
}

/** A request whose status changed, with what the agent wrote. */
export interface RequestStatusMailData extends MailRecipient {
  /** What the request is about, e.g. "Mise à jour du quotient familial". */
  readonly requestLabel: string
  readonly requestReference?: string
  /** The new status as the family reads it, e.g. "Acceptée", "Informations complémentaires demandées". */
  readonly statusLabel: string
  readonly changedAt: Instant
  readonly agentMessage?: string
  readonly link: string
}

/** Tells the family that a request (démarche) moved, with the agent's message when there is one. */
export function requestStatusChangedMail(sender: SenderIdentity, data: RequestStatusMailData): MailContent {
  const message = data.agentMessage?.trim() ?? ""
  return composeMail(sender, {
    subject: `Votre demande « ${data.requestLabel} » : ${data.statusLabel}`,
    recipientName: data.recipientName,
    body: [
      paragraph("Votre demande a changé de statut."),
      facts([
        ["Demande", data.requestLabel],
        ...(data.requestReference === undefined ? [] : [["Référence", data.requestReference] as const]),
        ["Nouveau statut", data.statusLabel],
        ["Depuis le", ParisTime.formatFr(data.changedAt)]
      ]),
      ...(message === "" ? [] : [quote(`Message du ${sender.serviceName}`, message)]),
      action("Suivre ma demande", data.link)
    ]
  })
}

/** An invoice just issued to the household. */
export interface InvoiceIssuedMailData extends MailRecipient {
  readonly invoiceNumber: string
  /** What is billed, e.g. "Mars 2026". */
  readonly periodLabel?: string
  readonly amount: Cents.Cents
  readonly issueDate: LocalDate.LocalDate
  readonly dueDate: LocalDate.LocalDate
  readonly link: string
}

/** A new invoice: number, amount, due date, and where to see and pay it. */
export function invoiceIssuedMail(sender: SenderIdentity, data: InvoiceIssuedMailData): MailContent {
  return composeMail(sender, {
    subject: `Nouvelle facture ${data.invoiceNumber} : ${Cents.formatEuros(data.amount)}`,
    recipientName: data.recipientName,
    body: [
      paragraph(`Une nouvelle facture est disponible dans votre espace citoyen.`),
      facts([
        ["Facture", data.invoiceNumber],
        ...(data.periodLabel === undefined ? [] : [["Période", data.periodLabel] as const]),
        ["Montant", Cents.formatEuros(data.amount)],
        ["Émise le", LocalDate.formatFr(data.issueDate)],
        ["À payer avant le", LocalDate.formatFr(data.dueDate)]
      ]),
      paragraph("Vous pouvez la consulter, la télécharger et la payer en ligne par carte bancaire. Chaque ligne indique la séance, l'enfant et le tarif appliqué."),
      action("Voir et payer ma facture", data.link),
      paragraph(`Une question sur cette facture ? Contactez le ${sender.serviceName} avant la date d'échéance.`)
    ]
  })
}

/** A place offered from the waiting list, held until `expiresAt`. */
export interface WaitlistOfferMailData extends MailRecipient {
  readonly childName: string
  readonly activityName: string
  readonly sessionDate: LocalDate.LocalDate
  readonly expiresAt: Instant
  readonly link: string
}

/** A place freed up for the child: confirm it before the offer expires, or it goes to the next in line. */
export function waitlistOfferMail(sender: SenderIdentity, data: WaitlistOfferMailData): MailContent {
  return composeMail(sender, {
    subject: `Une place s'est libérée pour ${data.childName} : ${data.activityName}, ${LocalDate.formatFr(data.sessionDate)}`,
    recipientName: data.recipientName,
    body: [
      paragraph(`Bonne nouvelle : une place s'est libérée et ${data.childName} est en tête de la liste d'attente.`),
      facts([
        ["Enfant", data.childName],
        ["Activité", data.activityName],
        ["Date", LocalDate.formatFr(data.sessionDate)],
        ["Réponse attendue avant le", ParisTime.formatFr(data.expiresAt)]
      ]),
      paragraph("Confirmez ou refusez la place dans votre espace citoyen. Sans réponse à temps, elle sera proposée à la famille suivante."),
      action("Répondre à la proposition", data.link)
    ]
  })
}

/** One invoice settled, in part or in full, by a payment. */
export interface ReceiptInvoice {
  readonly invoiceNumber: string
  readonly amount: Cents.Cents
}

/** A payment received. */
export interface PaymentReceiptMailData extends MailRecipient {
  readonly amount: Cents.Cents
  readonly paidAt: Instant
  /** How it was paid, e.g. "Carte bancaire (PayFiP)". */
  readonly methodLabel: string
  readonly reference: string
  readonly invoices: ReadonlyArray<ReceiptInvoice>
  readonly link: string
}

/** The receipt of a payment, with the invoices it settled. */
export function paymentReceiptMail(sender: SenderIdentity, data: PaymentReceiptMailData): MailContent {
  return composeMail(sender, {
    subject: `Reçu de votre paiement de ${Cents.formatEuros(data.amount)}`,
    recipientName: data.recipientName,
    body: [
      paragraph(`Nous avons bien reçu votre paiement. Merci.`),
      facts([
        ["Montant", Cents.formatEuros(data.amount)],
        ["Payé le", ParisTime.formatFr(data.paidAt)],
        ["Moyen de paiement", data.methodLabel],
        ["Référence", data.reference]
      ]),
      ...(data.invoices.length === 0
        ? []
        : [
            paragraph(data.invoices.length === 1 ? "Il règle la facture :" : "Il règle les factures :"),
            facts(data.invoices.map((i) => [`Facture ${i.invoiceNumber}`, Cents.formatEuros(i.amount)] as const))
          ]),
      paragraph("Gardez ce message : il vaut reçu. Votre solde à jour est dans votre espace citoyen."),
      action("Voir mes factures et paiements", data.link)
    ]
  })
}

/** A booked week of holidays, Monday to Friday or the days booked in it. */
export interface BookedHolidayWeek {
  readonly from: LocalDate.LocalDate
  readonly to: LocalDate.LocalDate
}

/** Holiday weeks booked for a child. */
export interface HolidayBookingMailData extends MailRecipient {
  readonly childName: string
  readonly activityName: string
  readonly weeks: ReadonlyArray<BookedHolidayWeek>
  /** The last moment the booking can be cancelled without being billed, when there is one. */
  readonly cancellableUntil?: Instant
  readonly link: string
}

/** Confirms the holiday weeks booked (accueil de loisirs), week by week. */
export function holidayBookingConfirmationMail(sender: SenderIdentity, data: HolidayBookingMailData): MailContent {
  const several = data.weeks.length > 1
  return composeMail(sender, {
    subject: `Réservation confirmée : ${data.activityName} pour ${data.childName}`,
    recipientName: data.recipientName,
    body: [
      paragraph(`La réservation de ${data.childName} pour « ${data.activityName} » est confirmée ${several ? "pour ces semaines" : "pour cette semaine"} :`),
      facts(data.weeks.map((w, i) => [several ? `Semaine ${i + 1}` : "Semaine", `du ${LocalDate.formatFr(w.from)} au ${LocalDate.formatFr(w.to)}`] as const)),
      ...(data.cancellableUntil === undefined
        ? []
        : [paragraph(`Vous pouvez l'annuler sans frais jusqu'au ${ParisTime.formatFr(data.cancellableUntil)} ; après, les journées réservées sont facturées, sauf absence justifiée.`)]),
      action("Voir mes réservations", data.link)
    ]
  })
}
