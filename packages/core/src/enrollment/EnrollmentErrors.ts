import { Schema } from "effect"
import { EnrollmentId } from "../shared/Ids.js"

/** No enrollment has this identifier. */
export class EnrollmentNotFound extends Schema.TaggedError<EnrollmentNotFound>()("EnrollmentNotFound", {
  enrollmentId: EnrollmentId
}) {
  override get message(): string {
    return `Le dossier d'inscription « ${this.enrollmentId} » est introuvable. Vérifiez la liste des dossiers de la famille.`
  }
}

/** An enrollment for the same child, school year and family is already requested or accepted. */
export class EnrollmentAlreadyExists extends Schema.TaggedError<EnrollmentAlreadyExists>()("EnrollmentAlreadyExists", {
  enrollmentId: EnrollmentId,
  schoolYear: Schema.String,
  enrollmentFamily: Schema.String,
  accepted: Schema.Boolean
}) {
  override get message(): string {
    return this.accepted
      ? `L'enfant est déjà inscrit pour « ${this.enrollmentFamily} » en ${this.schoolYear} : vous pouvez réserver directement.`
      : `Un dossier d'inscription pour « ${this.enrollmentFamily} » en ${this.schoolYear} est déjà en cours d'examen : ` +
          `suivez-le dans « Dernières demandes », inutile d'en déposer un autre.`
  }
}

/** The enrollment was already accepted or refused. */
export class EnrollmentAlreadyDecided extends Schema.TaggedError<EnrollmentAlreadyDecided>()("EnrollmentAlreadyDecided", {
  enrollmentId: EnrollmentId,
  accepted: Schema.Boolean
}) {
  override get message(): string {
    return `Le dossier d'inscription « ${this.enrollmentId} » a déjà été ${this.accepted ? "accepté" : "refusé"} : ` +
      `cette décision ne peut plus être changée ici. Pour un nouvel examen, la famille dépose un nouveau dossier.`
  }
}
