import { Effect, Option } from "effect"
import { Clock } from "../shared/Clock.js"
import { IdGenerator } from "../shared/IdGenerator.js"
import { EnrollmentId, type MemberId } from "../shared/Ids.js"
import { type Enrollment, decideEnrollmentAcceptance, decideEnrollmentGrant, decideEnrollmentRefusal, decideEnrollmentSubmission, type EnrollmentSubmission } from "./Enrollment.js"
import { EnrollmentRepository } from "./EnrollmentRepository.js"

/** A family asks to enroll a child for a school year and an activity family. */
export const submitEnrollment = (submission: EnrollmentSubmission) =>
  Effect.gen(function* () {
    const repository = yield* EnrollmentRepository
    const now = yield* (yield* Clock).now
    const existing = yield* repository.forChild(submission.childId)
    const id = EnrollmentId.make(yield* (yield* IdGenerator).next("enr"))
    const enrollment = yield* decideEnrollmentSubmission(existing, submission, id, now)
    yield* repository.save(enrollment)
    return enrollment
  })

/** An agent accepts an enrollment: the child can then book the family's activities for that school year. */
export const acceptEnrollment = (command: { readonly enrollmentId: EnrollmentId; readonly decidedBy?: string }) =>
  Effect.gen(function* () {
    const repository = yield* EnrollmentRepository
    const now = yield* (yield* Clock).now
    const accepted = yield* decideEnrollmentAcceptance(yield* repository.get(command.enrollmentId), now, command.decidedBy)
    yield* repository.save(accepted)
    return accepted
  })

/** An agent refuses an enrollment with a reason the family reads. */
export const refuseEnrollment = (command: { readonly enrollmentId: EnrollmentId; readonly reason: string; readonly decidedBy?: string }) =>
  Effect.gen(function* () {
    const repository = yield* EnrollmentRepository
    const now = yield* (yield* Clock).now
    const refused = yield* decideEnrollmentRefusal(yield* repository.get(command.enrollmentId), command.reason, now, command.decidedBy)
    yield* repository.save(refused)
    return refused
  })

/**
 * An agent grants an enrollment at once (for instance when accepting the family's "annual
 * enrollment" request): idempotent, it keeps an enrollment already accepted.
 */
export const grantEnrollment = (submission: EnrollmentSubmission, decidedBy?: string) =>
  Effect.gen(function* () {
    const repository = yield* EnrollmentRepository
    const now = yield* (yield* Clock).now
    const existing = yield* repository.forChild(submission.childId)
    const id = EnrollmentId.make(yield* (yield* IdGenerator).next("enr"))
    const granted = decideEnrollmentGrant(existing, submission, id, now, decidedBy)
    yield* repository.save(granted)
    return granted
  })

/** Whether a child has an accepted enrollment for a school year and an activity family. */
export const isChildEnrolled = (childId: MemberId, schoolYear: string, enrollmentFamily: string) =>
  Effect.map(
    Effect.flatMap(EnrollmentRepository, (r) => r.findAccepted(childId, schoolYear, enrollmentFamily)),
    Option.isSome
  )

/** The enrollments of a household, for the family's and the agents' screens. */
export const enrollmentsOfHousehold = (householdId: Enrollment["householdId"]) =>
  Effect.flatMap(EnrollmentRepository, (r) => r.forHousehold(householdId))
