import { Schema } from "effect"
import { AbsenceId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import * as LocalDate from "../shared/LocalDate.js"
import * as ParisTime from "../shared/ParisTime.js"

/** No absence of the household has this identifier. */
export class AbsenceNotFound extends Schema.TaggedError<AbsenceNotFound>()("AbsenceNotFound", {
  absenceId: AbsenceId
}) {
  override get message(): string {
    return `L'absence « ${this.absenceId} » est introuvable. Consultez l'agenda de l'enfant pour retrouver les absences signalées.`
  }
}

/** The absence's period is not a period: it ends before it starts, or spans more than a year. */
export class AbsencePeriodInvalid extends Schema.TaggedError<AbsencePeriodInvalid>()("AbsencePeriodInvalid", {
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate
}) {
  override get message(): string {
    return this.end < this.start
      ? `L'absence finirait le ${LocalDate.formatFr(this.end)}, avant de commencer le ${LocalDate.formatFr(this.start)} : ` +
          `indiquez le premier puis le dernier jour d'absence.`
      : `Une absence ne peut pas dépasser un an (du ${LocalDate.formatFr(this.start)} au ${LocalDate.formatFr(this.end)}) : ` +
          `signalez-la en plusieurs fois ou contactez le Service à la Population.`
  }
}

/** The child already has an absence reported over part of the period. */
export class AbsenceAlreadyReported extends Schema.TaggedError<AbsenceAlreadyReported>()("AbsenceAlreadyReported", {
  absenceId: AbsenceId,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate
}) {
  override get message(): string {
    return (
      `Une absence de l'enfant est déjà signalée du ${LocalDate.formatFr(this.start)} au ${LocalDate.formatFr(this.end)}. ` +
      `Pour un certificat médical, joignez-le à cette absence ; pour d'autres jours, signalez une absence qui ne la chevauche pas.`
    )
  }
}

/** A medical certificate given too long after the first day of absence is refused. */
export class MedicalCertificateTooLate extends Schema.TaggedError<MedicalCertificateTooLate>()("MedicalCertificateTooLate", {
  firstDay: LocalDate.LocalDate,
  providedAt: Instant,
  refusedAfterDays: Schema.Int
}) {
  override get message(): string {
    return (
      `Le certificat médical pour l'absence commencée le ${LocalDate.formatFr(this.firstDay)} est transmis le ` +
      `${ParisTime.formatFr(this.providedAt)}, plus de ${this.refusedAfterDays} jours après : la commune ne peut plus l'accepter ` +
      `et l'absence reste facturée selon le règlement. Contactez le Service à la Population en cas de circonstance particulière.`
    )
  }
}
