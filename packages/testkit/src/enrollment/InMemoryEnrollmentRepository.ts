import { type Enrollment, type EnrollmentId, EnrollmentNotFound, EnrollmentRepository } from "@spe/core"
import { Effect, Layer, Option } from "effect"

const byRequest = (a: Enrollment, b: Enrollment): number =>
  a.requestedAt !== b.requestedAt ? (a.requestedAt < b.requestedAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Enrollments in a map, by id. */
export function inMemoryEnrollmentRepository(initial: ReadonlyArray<Enrollment> = []): Layer.Layer<EnrollmentRepository> {
  const byId = new Map<EnrollmentId, Enrollment>(initial.map((e) => [e.id, e]))
  const all = () => [...byId.values()].sort(byRequest)
  return Layer.succeed(EnrollmentRepository, {
    save: (enrollment) =>
      Effect.sync(() => {
        byId.set(enrollment.id, enrollment)
      }),
    get: (id) =>
      Effect.suspend(() => {
        const found = byId.get(id)
        return found === undefined ? Effect.fail(new EnrollmentNotFound({ enrollmentId: id })) : Effect.succeed(found)
      }),
    forChild: (childId) => Effect.sync(() => all().filter((e) => e.childId === childId)),
    forHousehold: (householdId) => Effect.sync(() => all().filter((e) => e.householdId === householdId)),
    findAccepted: (childId, schoolYear, enrollmentFamily) =>
      Effect.sync(() =>
        Option.fromNullable(
          all().find((e) => e.childId === childId && e.schoolYear === schoolYear && e.enrollmentFamily === enrollmentFamily && e.isAccepted)
        )
      ),
    pending: Effect.sync(() => all().filter((e) => e.status._tag === "Requested"))
  })
}
