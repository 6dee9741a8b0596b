import { Schema } from "effect"
import * as Cents from "../shared/Cents.js"
import { HouseholdId, MemberId, ReservationId, SessionId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"

const day = (date: LocalDate.LocalDate): string => LocalDate.formatFr(date)
const SERVICE = "le Service à la Population"

/** The booking deadline of the session has passed. */
export class BookingDeadlinePassed extends Schema.TaggedError<BookingDeadlinePassed>()("BookingDeadlinePassed", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  deadline: Instant
}) {
  override get message(): string {
    return (
      `La réservation du ${day(this.sessionDate)} était possible jusqu'au ${ParisTime.formatFr(this.deadline)} ; ` +
      `ce délai est passé. Choisissez une date plus lointaine, ou contactez ${SERVICE} pour une demande exceptionnelle.`
    )
  }
}

/** The holiday booking window containing the session is not open yet. */
export class BookingWindowNotOpen extends Schema.TaggedError<BookingWindowNotOpen>()("BookingWindowNotOpen", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  windowLabel: Schema.String,
  opensAt: Instant
}) {
  override get message(): string {
    return (
      `Les réservations pour « ${this.windowLabel} » (${day(this.sessionDate)}) ouvrent le ${ParisTime.formatFr(this.opensAt)}. ` +
      `Revenez à partir de ce moment ; le calendrier de réservation est consultable dans « Édition de documents ».`
    )
  }
}

/** The holiday booking window containing the session has closed. */
export class BookingWindowClosed extends Schema.TaggedError<BookingWindowClosed>()("BookingWindowClosed", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  windowLabel: Schema.String,
  closedAt: Instant
}) {
  override get message(): string {
    return (
      `Les réservations pour « ${this.windowLabel} » ont fermé le ${ParisTime.formatFr(this.closedAt)} : ` +
      `le ${day(this.sessionDate)} ne peut plus être réservé en ligne. Contactez ${SERVICE} pour une demande exceptionnelle.`
    )
  }
}

/** The activity is booked through windows, and none is published yet for the session's date. */
export class BookingCalendarNotPublished extends Schema.TaggedError<BookingCalendarNotPublished>()(
  "BookingCalendarNotPublished",
  { sessionId: SessionId, sessionDate: LocalDate.LocalDate }
) {
  override get message(): string {
    return (
      `Le calendrier de réservation des vacances comprenant le ${day(this.sessionDate)} n'est pas encore publié. ` +
      `Il sera consultable dans « Édition de documents » : réservez dès l'ouverture qu'il indique.`
    )
  }
}

/** The current phase of the booking window is open to the town's residents only. */
export class PhaseClosedToNonResidents extends Schema.TaggedError<PhaseClosedToNonResidents>()("PhaseClosedToNonResidents", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  windowLabel: Schema.String,
  opensToEveryoneAt: Schema.optional(Instant)
}) {
  override get message(): string {
    const base = `Pour « ${this.windowLabel} », les réservations sont pour l'instant réservées aux familles résidant dans la commune`
    return this.opensToEveryoneAt === undefined
      ? `${base}. Si vous habitez désormais la commune, mettez à jour votre adresse dans « Coordonnées » ou contactez ${SERVICE}.`
      : `${base} ; elles seront ouvertes à toutes les familles le ${ParisTime.formatFr(this.opensToEveryoneAt)}. Revenez à partir de ce moment.`
  }
}

/** The child has no accepted enrollment (dossier unique) for the school year and activity family. */
export class ChildNotEnrolled extends Schema.TaggedError<ChildNotEnrolled>()("ChildNotEnrolled", {
  childId: MemberId,
  schoolYear: Schema.String,
  enrollmentFamily: Schema.String
}) {
  override get message(): string {
    return (
      `L'enfant n'a pas de dossier unique d'inscription accepté pour « ${this.enrollmentFamily} » en ${this.schoolYear}, ` +
      `condition de toute réservation. Déposez le dossier d'inscription depuis votre espace, puis réservez une fois qu'il ` +
      `a été accepté par ${SERVICE}.`
    )
  }
}

/** The child does not meet the activity's eligibility (age on the session day, or school level). */
export class ChildNotEligible extends Schema.TaggedError<ChildNotEligible>()("ChildNotEligible", {
  childId: MemberId,
  activityName: Schema.String,
  sessionDate: LocalDate.LocalDate,
  rule: Schema.Literal("minAge", "maxAge", "schoolLevel"),
  required: Schema.String,
  actual: Schema.String
}) {
  override get message(): string {
    const activity = `« ${this.activityName} »`
    switch (this.rule) {
      case "minAge":
        return (
          `${activity} accueille les enfants à partir de ${this.required} ans ; l'enfant aura ${this.actual} ans le ` +
          `${day(this.sessionDate)}. Choisissez une activité ouverte à son âge.`
        )
      case "maxAge":
        return (
          `${activity} accueille les enfants jusqu'à ${this.required} ans ; l'enfant aura ${this.actual} ans le ` +
          `${day(this.sessionDate)}. Choisissez une activité ouverte à son âge.`
        )
      case "schoolLevel":
        return (
          `${activity} est ouvert aux niveaux ${this.required} ; le niveau de l'enfant est : ${this.actual}. ` +
          `Si son niveau scolaire a changé, demandez sa mise à jour à ${SERVICE}.`
        )
    }
  }
}

/** The child already has a reservation for the session. */
export class AlreadyBooked extends Schema.TaggedError<AlreadyBooked>()("AlreadyBooked", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId
}) {
  override get message(): string {
    return (
      `L'enfant est déjà inscrit le ${day(this.sessionDate)} : cette réservation existe déjà, il n'y a rien à faire. ` +
      `Pour la modifier, annulez-la d'abord.`
    )
  }
}

/** The child is already on the session's waiting list. */
export class AlreadyOnWaitlist extends Schema.TaggedError<AlreadyOnWaitlist>()("AlreadyOnWaitlist", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId,
  position: Schema.Int
}) {
  override get message(): string {
    return (
      `L'enfant est déjà sur la liste d'attente du ${day(this.sessionDate)}, en position ${this.position}. ` +
      `Vous serez prévenu dès qu'une place se libère ; sa position est visible dans son agenda.`
    )
  }
}

/** The household's past-due unpaid invoices exceed the threshold set by the town. */
export class HouseholdBlockedForUnpaidInvoices extends Schema.TaggedError<HouseholdBlockedForUnpaidInvoices>()(
  "HouseholdBlockedForUnpaidInvoices",
  { householdId: HouseholdId, unpaid: Cents.Cents, threshold: Cents.Cents }
) {
  override get message(): string {
    return (
      `Les réservations sont suspendues : ${Cents.formatEuros(this.unpaid)} de factures échues restent impayés, au-delà ` +
      `du seuil de ${Cents.formatEuros(this.threshold)} fixé par la commune. Réglez vos factures dans « Mes factures » ` +
      `(paiement en ligne) ou auprès de la régie, puis réservez à nouveau.`
    )
  }
}

/** The activity is booked by whole weeks and the request leaves out sessions of a week. */
export class WholeWeekRequired extends Schema.TaggedError<WholeWeekRequired>()("WholeWeekRequired", {
  sessionId: SessionId,
  activityName: Schema.String,
  weekOf: LocalDate.LocalDate,
  missingDates: Schema.Array(LocalDate.LocalDate)
}) {
  override get message(): string {
    return (
      `« ${this.activityName} » se réserve à la semaine entière : pour la semaine du ${day(this.weekOf)}, ` +
      `ajoutez aussi à votre demande ${this.missingDates.map(day).join(", ")}.`
    )
  }
}

/** No session has this identifier. */
export class SessionNotFound extends Schema.TaggedError<SessionNotFound>()("SessionNotFound", {
  sessionId: SessionId
}) {
  override get message(): string {
    return `La séance « ${this.sessionId} » n'existe pas ou a été supprimée. Actualisez le calendrier des réservations et choisissez une autre date.`
  }
}

/** The child has neither a reservation nor a place on the waiting list for the session. */
export class NothingToCancel extends Schema.TaggedError<NothingToCancel>()("NothingToCancel", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  childId: MemberId
}) {
  override get message(): string {
    return (
      `L'enfant n'a ni réservation ni place en liste d'attente le ${day(this.sessionDate)} : il n'y a rien à annuler. ` +
      `Consultez son agenda pour voir ses réservations.`
    )
  }
}

/** No place offer awaits an answer for this waiting-list request. */
export class NoPendingOffer extends Schema.TaggedError<NoPendingOffer>()("NoPendingOffer", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId
}) {
  override get message(): string {
    return (
      `Aucune place proposée n'attend votre réponse pour le ${day(this.sessionDate)}. ` +
      `Consultez l'agenda de l'enfant pour voir sa réservation ou sa position en liste d'attente.`
    )
  }
}

/** The place offered from the waiting list was not confirmed in time. */
export class WaitlistOfferExpired extends Schema.TaggedError<WaitlistOfferExpired>()("WaitlistOfferExpired", {
  sessionId: SessionId,
  sessionDate: LocalDate.LocalDate,
  reservationId: ReservationId,
  expiredAt: Instant
}) {
  override get message(): string {
    return (
      `La place proposée le ${day(this.sessionDate)} était à confirmer avant le ${ParisTime.formatFr(this.expiredAt)} ; ` +
      `ce délai est passé et la place revient à la famille suivante. Vous pouvez refaire une demande : ` +
      `l'enfant rejoindra la liste d'attente.`
    )
  }
}

/** Every reason a booking request for one session can be refused. */
export const BookingRefusal = Schema.Union(
  BookingDeadlinePassed,
  BookingWindowNotOpen,
  BookingWindowClosed,
  BookingCalendarNotPublished,
  PhaseClosedToNonResidents,
  ChildNotEnrolled,
  ChildNotEligible,
  AlreadyBooked,
  AlreadyOnWaitlist,
  HouseholdBlockedForUnpaidInvoices,
  WholeWeekRequired,
  SessionNotFound
).annotations({ identifier: "BookingRefusal" })
export type BookingRefusal = typeof BookingRefusal.Type

/** Every reason a cancellation for one session can be refused. */
export const CancellationRefusal = Schema.Union(NothingToCancel, SessionNotFound).annotations({
  identifier: "CancellationRefusal"
})
export type CancellationRefusal = typeof CancellationRefusal.Type
