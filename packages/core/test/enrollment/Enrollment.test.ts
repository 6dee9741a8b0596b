import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { EnrollmentId, HouseholdId, MemberId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import { decideEnrollmentAcceptance, decideEnrollmentRefusal, decideEnrollmentSubmission, type Enrollment, EnrollmentSubmission } from "../../src/enrollment/Enrollment.js"

const now = Instant.unsafe("2026-06-10T08:00:00Z")
const submission = (family = "periscolaire", schoolYear = "2026-2027") =>
  new EnrollmentSubmission({ childId: MemberId.make("lucie"), householdId: HouseholdId.make("martin"), schoolYear, enrollmentFamily: family })
const submit = (existing: ReadonlyArray<Enrollment>, s = submission(), id = "enr-1") =>
  Either.getOrThrow(decideEnrollmentSubmission(existing, s, EnrollmentId.make(id), now))

describe("enrollment (dossier unique)", () => {
  it("is requested, then accepted or refused once, with a reason", () => {
    const requested = submit([])
    expect(requested.status._tag).toBe("Requested")
    const accepted = Either.getOrThrow(decideEnrollmentAcceptance(requested, now, "agent-1"))
    expect(accepted.isAccepted).toBe(true)
    const again = decideEnrollmentRefusal(accepted, "Dossier incomplet", now)
    expect(Either.isLeft(again) && again.left._tag).toBe("EnrollmentAlreadyDecided")
    const refusedWithoutReason = decideEnrollmentRefusal(requested, "  ", now)
    expect(Either.isLeft(refusedWithoutReason) && refusedWithoutReason.left._tag).toBe("InvalidInput")
    const refused = Either.getOrThrow(decideEnrollmentRefusal(requested, " Attestation d'assurance manquante ", now))
    expect(refused.status).toEqual({ _tag: "Refused", decidedAt: now, reason: "Attestation d'assurance manquante" })
  })

  it("refuses a second request while one is pending or accepted, and says so", () => {
    const pending = submit([])
    const duplicate = decideEnrollmentSubmission([pending], submission(), EnrollmentId.make("enr-2"), now)
    expect(Either.isLeft(duplicate) && duplicate.left.message).toBe(
      "Un dossier d'inscription pour « periscolaire » en 2026-2027 est déjà en cours d'examen : suivez-le dans « Dernières demandes », inutile d'en déposer un autre."
    )
    const refused = Either.getOrThrow(decideEnrollmentRefusal(pending, "Pièce manquante", now))
    expect(Either.isRight(decideEnrollmentSubmission([refused], submission(), EnrollmentId.make("enr-3"), now))).toBe(true)
    expect(Either.isRight(decideEnrollmentSubmission([pending], submission("restauration"), EnrollmentId.make("enr-4"), now))).toBe(true)
  })

  test.prop([fc.array(fc.constantFrom("submit", "accept", "refuse"), { maxLength: 20 })])(
    "at most one enrollment per child, school year and family is pending or accepted",
    (actions) => {
      let all: Array<Enrollment> = []
      actions.forEach((action, n) => {
        if (action === "submit") {
          const decided = decideEnrollmentSubmission(all, submission(), EnrollmentId.make(`enr-${n}`), now)
          if (Either.isRight(decided)) all = [...all, decided.right]
        } else {
          const open = all.find((e) => e.status._tag === "Requested")
          if (open === undefined) return
          const decided = action === "accept" ? decideEnrollmentAcceptance(open, now) : decideEnrollmentRefusal(open, "Motif", now)
          if (Either.isRight(decided)) all = all.map((e) => (e.id === open.id ? decided.right : e))
        }
        expect(all.filter((e) => e.status._tag !== "Refused").length).toBeLessThanOrEqual(1)
      })
    }
  )
})
