import { Either, Schema } from "effect"
import { EnrollmentId, HouseholdId, MemberId } from "../shared/Ids.js"
import { Instant } from "../shared/Instant.js"
import { InvalidInput } from "../shared/Validation.js"
import { EnrollmentAlreadyDecided, EnrollmentAlreadyExists } from "./EnrollmentErrors.js"

/** A school year named by its two calendar years, `"2025-2026"`. */
export const EnrollmentSchoolYear = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{4}$/, { message: () => "L'année scolaire s'écrit AAAA-AAAA (par exemple 2026-2027)." }),
  Schema.filter((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, {
    message: () => "Les deux années d'une année scolaire se suivent (par exemple 2026-2027)."
  }),
  Schema.annotations({ identifier: "EnrollmentSchoolYear" })
)

/** Where an enrollment stands: requested by the family, then accepted or refused (with a reason) by an agent. */
export const EnrollmentStatus = Schema.Union(
  Schema.TaggedStruct("Requested", {}),
  Schema.TaggedStruct("Accepted", { decidedAt: Instant, decidedBy: Schema.optional(Schema.String) }),
  Schema.TaggedStruct("Refused", { decidedAt: Instant, decidedBy: Schema.optional(Schema.String), reason: Schema.NonEmptyTrimmedString })
).annotations({ identifier: "EnrollmentStatus" })
export type EnrollmentStatus = typeof EnrollmentStatus.Type

/**
 * A child's yearly registration (dossier unique d'inscription) for a school year and a family of
 * activities (`Activity.enrollmentFamily`). No booking without an accepted one.
 */
export class Enrollment extends Schema.Class<Enrollment>("Enrollment")({
  id: EnrollmentId,
  childId: MemberId,
  householdId: HouseholdId,
  schoolYear: EnrollmentSchoolYear,
  enrollmentFamily: Schema.NonEmptyTrimmedString,
  requestedAt: Instant,
  status: EnrollmentStatus
}) {
  get isAccepted(): boolean {
    return this.status._tag === "Accepted"
  }
}

/** A family's request to enroll a child. */
export class EnrollmentSubmission extends Schema.Class<EnrollmentSubmission>("EnrollmentSubmission")({
  childId: MemberId,
  householdId: HouseholdId,
  schoolYear: EnrollmentSchoolYear,
  enrollmentFamily: Schema.NonEmptyTrimmedString
}) {}

/**
 * Decides a new enrollment request: refused while another one for the same child, school year and
 * family is requested or accepted (a refused one may be requested again).
 */
export function decideEnrollmentSubmission(
  existing: ReadonlyArray<Enrollment>,
  submission: EnrollmentSubmission,
  id: EnrollmentId,
  now: Instant
): Either.Either<Enrollment, EnrollmentAlreadyExists> {
  const same = existing.find(
    (e) =>
      e.childId === submission.childId &&
      e.schoolYear === submission.schoolYear &&
      e.enrollmentFamily === submission.enrollmentFamily &&
      e.status._tag !== "Refused"
  )
  if (same !== undefined) {
    return Either.left(
      new EnrollmentAlreadyExists({
        enrollmentId: same.id,
        schoolYear: same.schoolYear,
        enrollmentFamily: same.enrollmentFamily,
        accepted: same.isAccepted
      })
    )
  }
  return Either.right(new Enrollment({ id, ...submission, requestedAt: now, status: { _tag: "Requested" } }))
}

const decided = (enrollment: Enrollment): Either.Either<Enrollment, EnrollmentAlreadyDecided> =>
  enrollment.status._tag === "Requested"
    ? Either.right(enrollment)
    : Either.left(new EnrollmentAlreadyDecided({ enrollmentId: enrollment.id, accepted: enrollment.isAccepted }))

/** An agent accepts a requested enrollment: booking opens for the child, school year and family. */
export function decideEnrollmentAcceptance(
  enrollment: Enrollment,
  now: Instant,
  decidedBy?: string
): Either.Either<Enrollment, EnrollmentAlreadyDecided> {
  return Either.map(
    decided(enrollment),
    (e) => new Enrollment({ ...e, status: { _tag: "Accepted", decidedAt: now, ...(decidedBy === undefined ? {} : { decidedBy }) } })
  )
}

/** An agent refuses a requested enrollment, saying why (a reason is required). */
export function decideEnrollmentRefusal(
  enrollment: Enrollment,
  reason: string,
  now: Instant,
  decidedBy?: string
): Either.Either<Enrollment, EnrollmentAlreadyDecided | InvalidInput> {
  if (reason.trim().length === 0) {
    return Either.left(
      new InvalidInput({
        subject: "Refus du dossier d'inscription",
        problems: [{ path: "reason", message: "Indiquez le motif du refus : la famille le lira." }]
      })
    )
  }
  return Either.map(
    decided(enrollment),
    (e) =>
      new Enrollment({
        ...e,
        status: { _tag: "Refused", decidedAt: now, reason: reason.trim(), ...(decidedBy === undefined ? {} : { decidedBy }) }
      })
  )
}

/**
 * An agent grants an enrollment directly (an accepted request handled elsewhere, an import): the
 * child's accepted enrollment if there is one, else its pending request accepted, else a new
 * accepted enrollment with id `id`.
 */
export function decideEnrollmentGrant(
  existing: ReadonlyArray<Enrollment>,
  submission: EnrollmentSubmission,
  id: EnrollmentId,
  now: Instant,
  decidedBy?: string
): Enrollment {
  const same = existing.filter(
    (e) => e.childId === submission.childId && e.schoolYear === submission.schoolYear && e.enrollmentFamily === submission.enrollmentFamily
  )
  const accepted = same.find((e) => e.isAccepted)
  if (accepted !== undefined) return accepted
  const status = { _tag: "Accepted" as const, decidedAt: now, ...(decidedBy === undefined ? {} : { decidedBy }) }
  const pending = same.find((e) => e.status._tag === "Requested")
  if (pending !== undefined) return new Enrollment({ ...pending, status })
  return new Enrollment({ id, ...submission, requestedAt: now, status })
}
