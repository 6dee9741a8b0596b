import { acceptEnrollment, EnrollmentSubmission, grantEnrollment, HouseholdId, isChildEnrolled, MemberId, refuseEnrollment, submitEnrollment } from "@spe/core"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { enrollmentRepositoryContract } from "./EnrollmentRepositoryContract.js"
import { inMemoryEnrollmentRepository } from "./InMemoryEnrollmentRepository.js"

enrollmentRepositoryContract("in memory", () => inMemoryEnrollmentRepository())

describe("enrollment use cases", () => {
  it("a family submits, an agent accepts: the child is enrolled; a second request is refused", async () => {
    const layer = Layer.mergeAll(inMemoryEnrollmentRepository(), makeTestClock("2026-06-10T08:00:00Z").layer, sequentialIds())
    const submission = new EnrollmentSubmission({ childId: MemberId.make("lucie"), householdId: HouseholdId.make("martin"), schoolYear: "2026-2027", enrollmentFamily: "periscolaire" })
    const result = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const submitted = yield* submitEnrollment(submission)
          const before = yield* isChildEnrolled(MemberId.make("lucie"), "2026-2027", "periscolaire")
          const accepted = yield* acceptEnrollment({ enrollmentId: submitted.id, decidedBy: "agent-1" })
          const after = yield* isChildEnrolled(MemberId.make("lucie"), "2026-2027", "periscolaire")
          const duplicate = yield* Effect.flip(submitEnrollment(submission))
          const refuseAccepted = yield* Effect.flip(refuseEnrollment({ enrollmentId: submitted.id, reason: "Trop tard" }))
          return { id: submitted.id, before, after, status: accepted.status, duplicate: duplicate._tag, refuseAccepted: refuseAccepted._tag }
        }),
        layer
      )
    )
    expect(result).toEqual({
      id: "enr-1",
      before: false,
      after: true,
      status: { _tag: "Accepted", decidedAt: "2026-06-10T08:00:00.000Z", decidedBy: "agent-1" },
      duplicate: "EnrollmentAlreadyExists",
      refuseAccepted: "EnrollmentAlreadyDecided"
    })
  })

  it("grants an enrollment at once, keeping one already accepted", async () => {
    const layer = Layer.mergeAll(inMemoryEnrollmentRepository(), makeTestClock("2026-06-10T08:00:00Z").layer, sequentialIds())
    const submission = new EnrollmentSubmission({ childId: MemberId.make("tom"), householdId: HouseholdId.make("martin"), schoolYear: "2026-2027", enrollmentFamily: "restauration" })
    const [first, second] = await Effect.runPromise(Effect.provide(Effect.all([grantEnrollment(submission, "agent-2"), grantEnrollment(submission)]), layer))
    expect(first.isAccepted).toBe(true)
    expect(second).toEqual(first)
  })
})
