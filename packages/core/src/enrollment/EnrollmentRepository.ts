import { Context, type Effect, type Option } from "effect"
import type { EnrollmentId, HouseholdId, MemberId } from "../shared/Ids.js"
import type { Enrollment } from "./Enrollment.js"
import type { EnrollmentNotFound } from "./EnrollmentErrors.js"

/** Where enrollments (dossiers uniques) are kept. */
export class EnrollmentRepository extends Context.Tag("@spe/core/EnrollmentRepository")<
  EnrollmentRepository,
  {
    /** Saves an enrollment, replacing the one with the same id. */
    readonly save: (enrollment: Enrollment) => Effect.Effect<void>
    readonly get: (id: EnrollmentId) => Effect.Effect<Enrollment, EnrollmentNotFound>
    /** The child's enrollments, every status, oldest request first. */
    readonly forChild: (childId: MemberId) => Effect.Effect<ReadonlyArray<Enrollment>>
    /** The household's enrollments, every status, oldest request first. */
    readonly forHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<Enrollment>>
    /** The accepted enrollment of a child for a school year and an activity family, if any. */
    readonly findAccepted: (
      childId: MemberId,
      schoolYear: string,
      enrollmentFamily: string
    ) => Effect.Effect<Option.Option<Enrollment>>
    /** Enrollments awaiting an agent's decision, oldest request first. */
    readonly pending: Effect.Effect<ReadonlyArray<Enrollment>>
  }
>() {}
