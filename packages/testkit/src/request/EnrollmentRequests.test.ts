import {
  AccountId,
  childEnrollmentState,
  Enrollment,
  EnrollmentId,
  enrollmentSchoolYearsOn,
  enrollmentServices,
  FamilyActor,
  HouseholdId,
  Instant,
  LocalDate,
  MemberId,
  RequestRepository,
  requestEnrollment
} from "@spe/core"
import { Effect, Either, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryActivityCatalogue } from "../activity/InMemoryActivityCatalogue.js"
import { anActivity } from "../activity/ActivityFixtures.js"
import { inMemorySupportingDocumentRepository } from "../document/InMemorySupportingDocumentRepository.js"
import { anAcceptedEnrollment } from "../enrollment/EnrollmentFixtures.js"
import { inMemoryEnrollmentRepository } from "../enrollment/InMemoryEnrollmentRepository.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "../household/InMemoryHouseholdRepository.js"
import { inMemoryEventOutbox } from "../integration/InMemoryEventOutbox.js"
import { inMemoryTransactions } from "../reservation/InMemoryTransactions.js"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { inMemoryRequestRepository } from "./InMemoryRequestRepository.js"
import { recordingRequestNotifications } from "./RecordingRequestNotifications.js"

const family = new FamilyActor({ accountId: AccountId.make("acc-anne"), householdId: HouseholdId.make("hh-1") })
const activities = [
  anActivity({ id: "accueil-matin", kind: "morning", name: "Accueil du matin" }),
  anActivity({ id: "accueil-soir", kind: "evening", name: "Accueil du soir" }),
  anActivity({ id: "restauration", kind: "canteen", name: "Restauration scolaire" }),
  anActivity({ id: "vacances", kind: "holiday", name: "Accueil de loisirs des vacances" })
]

const world = (enrollments: ReadonlyArray<Enrollment> = []) => {
  const events = recordingRequestNotifications()
  const layer = Layer.mergeAll(
    makeTestClock("2026-11-26T08:00:00Z").layer,
    sequentialIds(),
    inMemoryTransactions(),
    inMemoryEventOutbox(),
    inMemoryHouseholdRepository([aHousehold()]),
    inMemoryActivityCatalogue(activities),
    inMemoryEnrollmentRepository(enrollments),
    inMemoryRequestRepository(),
    inMemorySupportingDocumentRepository(),
    events.layer
  )
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.either(Effect.provide(effect, layer)))
  return { run, events }
}

describe("The dossier unique's services and school years", () => {
  it("groups the catalogue's activities by enrollment family, with their names in French", () => {
    expect(enrollmentServices(activities)).toEqual([
      { family: "periscolaire", label: "Accueil du matin et Accueil du soir", activityNames: ["Accueil du matin", "Accueil du soir"] },
      { family: "restauration", label: "Restauration scolaire", activityNames: ["Restauration scolaire"] },
      { family: "extrascolaire", label: "Accueil de loisirs des vacances", activityNames: ["Accueil de loisirs des vacances"] }
    ])
  })

  it("offers the current school year and the next, the year turning on 1 September", () => {
    expect(enrollmentSchoolYearsOn(LocalDate.unsafe("2026-11-26"))).toEqual(["2026-2027", "2027-2028"])
    expect(enrollmentSchoolYearsOn(LocalDate.unsafe("2027-06-15"))).toEqual(["2026-2027", "2027-2028"])
    expect(enrollmentSchoolYearsOn(LocalDate.unsafe("2027-09-01"))).toEqual(["2027-2028", "2028-2029"])
  })

  it("tells a child's state: enrolled, requested, refused with its reason, or not enrolled", () => {
    const refused = new Enrollment({
      id: EnrollmentId.make("enr-r"),
      childId: MemberId.make("hh-1-c2"),
      householdId: HouseholdId.make("hh-1"),
      schoolYear: "2026-2027",
      enrollmentFamily: "extrascolaire",
      requestedAt: Instant.unsafe("2026-06-01T08:00:00Z"),
      status: { _tag: "Refused", decidedAt: Instant.unsafe("2026-06-10T08:00:00Z"), reason: "Âge minimum non atteint." }
    })
    const pending = new Enrollment({ ...refused, id: EnrollmentId.make("enr-p"), enrollmentFamily: "restauration", status: { _tag: "Requested" } })
    const enrollments = [anAcceptedEnrollment("hh-1-c1", "2026-2027", "periscolaire", "hh-1"), refused, pending]
    expect(childEnrollmentState("hh-1-c1", "2026-2027", "periscolaire", enrollments, [])).toEqual({ _tag: "Enrolled" })
    expect(childEnrollmentState("hh-1-c1", "2027-2028", "periscolaire", enrollments, [])).toEqual({ _tag: "NotEnrolled" })
    expect(childEnrollmentState("hh-1-c2", "2026-2027", "extrascolaire", enrollments, [])).toEqual({ _tag: "Refused", reason: "Âge minimum non atteint." })
    expect(childEnrollmentState("hh-1-c2", "2026-2027", "restauration", enrollments, [])).toEqual({ _tag: "Requested" })
  })
})

describe("Requesting an enrollment (dossier unique)", () => {
  it("submits one enrollment request per service chosen, with the family's message", async () => {
    const w = world()
    const result = await w.run(
      requestEnrollment(family, { childId: "hh-1-c1", schoolYear: "2027-2028", activityFamilies: ["restauration", "periscolaire"], message: " Merci. " })
    )
    expect(Either.isRight(result)).toBe(true)
    const requests = Either.getOrThrow(result)
    expect(requests.map((r) => [r.payload._tag, r.status, r.history[0]?.message])).toEqual([
      ["Enrollment", "submitted", "Merci."],
      ["Enrollment", "submitted", "Merci."]
    ])
    expect(requests.map((r) => (r.payload._tag === "Enrollment" ? [r.payload.childId, r.payload.schoolYear, r.payload.activityFamily] : []))).toEqual([
      ["hh-1-c1", "2027-2028", "periscolaire"],
      ["hh-1-c1", "2027-2028", "restauration"]
    ])
    expect(w.events.published).toHaveLength(2)
  })

  it("names every field to correct: no child, a child of another household, a year out of reach, no service, an unknown one", async () => {
    const w = world()
    const empty = await w.run(requestEnrollment(family, { childId: "", schoolYear: "2020-2021", activityFamilies: [] }))
    expect(Either.isLeft(empty) && empty.left._tag === "InvalidInput" && empty.left.problems).toEqual([
      { path: "childId", message: "Choisissez l'enfant à inscrire." },
      { path: "schoolYear", message: "Choisissez l'année scolaire : 2026-2027 ou 2027-2028." },
      { path: "activityFamilies", message: "Choisissez au moins un service." }
    ])
    const foreign = await w.run(requestEnrollment(family, { childId: "hh-2-c1", schoolYear: "2026-2027", activityFamilies: ["danse"] }))
    expect(Either.isLeft(foreign) && foreign.left._tag === "InvalidInput" && foreign.left.problems.map((p) => p.path)).toEqual(["childId", "activityFamilies"])
    const unlinked = await w.run(requestEnrollment(new FamilyActor({ accountId: family.accountId }), { childId: "hh-1-c1", schoolYear: "2026-2027", activityFamilies: ["restauration"] }))
    expect(Either.isLeft(unlinked) && unlinked.left._tag).toBe("AccountNotLinked")
  })

  it("refuses a service the child is already enrolled in, or already asked for, and saves nothing then", async () => {
    const w = world([anAcceptedEnrollment("hh-1-c1", "2026-2027", "periscolaire", "hh-1")])
    const enrolled = await w.run(requestEnrollment(family, { childId: "hh-1-c1", schoolYear: "2026-2027", activityFamilies: ["restauration", "periscolaire"] }))
    expect(Either.isLeft(enrolled) && enrolled.left._tag === "EnrollmentAlreadyRequested" && enrolled.left.message).toBe(
      "Léa est déjà inscrit(e) pour « Accueil du matin et Accueil du soir » en 2026-2027 : inutile de le demander à nouveau, vous pouvez réserver dans « Gérer mes réservations »."
    )
    const first = await w.run(requestEnrollment(family, { childId: "hh-1-c1", schoolYear: "2026-2027", activityFamilies: ["restauration"] }))
    expect(Either.isRight(first)).toBe(true)
    const again = await w.run(requestEnrollment(family, { childId: "hh-1-c1", schoolYear: "2026-2027", activityFamilies: ["extrascolaire", "restauration"] }))
    expect(Either.isLeft(again) && again.left._tag === "EnrollmentAlreadyRequested" && again.left.enrolled).toBe(false)
    const stored = await w.run(Effect.flatMap(RequestRepository, (r) => r.listByHousehold(HouseholdId.make("hh-1"))))
    expect(Either.getOrThrow(stored)).toHaveLength(1)
  })
})
