import { Enrollment, EnrollmentId, HouseholdId, Instant, MemberId } from "@spe/core"

/** An accepted enrollment of a child (household `hh-<child>` unless set) for a school year and family. */
export function anAcceptedEnrollment(child: string, schoolYear: string, enrollmentFamily: string, householdId = `hh-${child}`): Enrollment {
  return new Enrollment({
    id: EnrollmentId.make(`enr-${child}-${schoolYear}-${enrollmentFamily}`),
    childId: MemberId.make(child),
    householdId: HouseholdId.make(householdId),
    schoolYear,
    enrollmentFamily,
    requestedAt: Instant.unsafe(`${schoolYear.slice(0, 4)}-06-01T08:00:00Z`),
    status: { _tag: "Accepted", decidedAt: Instant.unsafe(`${schoolYear.slice(0, 4)}-06-15T08:00:00Z`) }
  })
}
