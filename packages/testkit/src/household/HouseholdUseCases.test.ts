import {
  changeHouseholdContact,
  declareQuotient,
  HouseholdId,
  HouseholdRepository,
  LocalDate,
  quotientHistory,
  quotientOnDate,
  recordCafQuotient,
  registerHousehold,
  reviewQuotient,
  setQuotientByAgent
} from "@spe/core"
import { Effect, Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { sequentialIds } from "../SequentialIds.js"
import { makeTestClock } from "../TestClock.js"
import { aHousehold } from "./HouseholdFixtures.js"
import { inMemoryHouseholdRepository } from "./InMemoryHouseholdRepository.js"
import { inMemoryQuotientRepository } from "./InMemoryQuotientRepository.js"

const world = () => {
  const clock = makeTestClock("2025-09-01T08:00:00Z")
  const layer = Layer.mergeAll(inMemoryHouseholdRepository([aHousehold()]), inMemoryQuotientRepository(), sequentialIds(), clock.layer)
  return { clock, run: <A, E>(effect: Effect.Effect<A, E, Layer.Layer.Success<typeof layer>>) => Effect.runPromise(Effect.either(Effect.provide(effect, layer))) }
}

const registration = {
  reference: "FAM-000777",
  familyName: "Ménard",
  address: { line1: "12 rue Gambetta", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
  contact: { email: "menard@exemple.fr", phones: [] },
  residency: "resident",
  adults: [{ firstName: "Inès", lastName: "Ménard", isPayer: true }],
  children: [{ firstName: "Noé", lastName: "Ménard", birthDate: "2018-03-04", schoolLevel: "CE1" }]
}

describe("household use cases", () => {
  it("registers a household with fresh ids, and refuses its reference a second time", async () => {
    const { run } = world()
    const result = await run(Effect.gen(function* () {
      const household = yield* registerHousehold(registration)
      const again = yield* Effect.flip(registerHousehold({ ...registration, familyName: "Autre" }))
      const stored = yield* (yield* HouseholdRepository).get(household.id)
      return { household, again, stored }
    }))
    if (result._tag === "Left") throw new Error(String(result.left))
    expect(result.right.household.id).toBe("hh-1")
    expect(result.right.household.adults.map((a) => a.id)).toEqual(["mbr-1"])
    expect(result.right.household.children.map((c) => c.id)).toEqual(["mbr-2"])
    expect(result.right.stored).toEqual(result.right.household)
    expect(result.right.again._tag).toBe("HouseholdReferenceTaken")
    expect(result.right.again.message).toContain("FAM-000777")
  })

  it("refuses an invalid registration with French messages, saving nothing", async () => {
    const { run } = world()
    const result = await run(registerHousehold({ ...registration, contact: { email: "menard", phones: [] } }))
    expect(result._tag === "Left" && result.left._tag).toBe("InvalidInput")
    expect(result._tag === "Left" && result.left.message).toContain("L'adresse e-mail n'est pas valide")
  })

  it("changes the contact details of a household, and fails for an unknown one", async () => {
    const { run } = world()
    const changed = await run(changeHouseholdContact(HouseholdId.make("hh-1"), { contact: { email: "anne@exemple.fr", phones: [] } }))
    expect(changed._tag === "Right" && changed.right.contact.email).toBe("anne@exemple.fr")
    expect(changed._tag === "Right" && changed.right.address.city).toBe("Saint-Pierre-lès-Elbeuf")
    const unknown = await run(changeHouseholdContact(HouseholdId.make("hh-404"), { contact: { email: "x@exemple.fr", phones: [] } }))
    expect(unknown._tag === "Left" && unknown.left._tag).toBe("HouseholdNotFound")
  })
})

describe("quotient familial use cases", () => {
  const household = HouseholdId.make("hh-1")
  const validity = { validFrom: "2025-09-01", validTo: "2026-08-31" }

  it("computes a declared QF over the household's parts; it applies once an agent validates it", async () => {
    const { run, clock } = world()
    const result = await run(Effect.gen(function* () {
      const declared = yield* declareQuotient({ householdId: household, annualIncome: 30_000_00, monthlyBenefits: 150_00, documentId: "doc-avis-2025", ...validity })
      const before = yield* quotientOnDate(household, LocalDate.unsafe("2025-10-01"))
      clock.advanceMinutes(60)
      const validated = yield* reviewQuotient({ recordId: declared.id, decision: "validate", by: "agent.martin" })
      const after = yield* quotientOnDate(household, LocalDate.unsafe("2025-10-01"))
      const twice = yield* Effect.flip(reviewQuotient({ recordId: declared.id, decision: "reject", by: "agent.martin", reason: "doublon" }))
      return { declared, before, validated, after, twice }
    }))
    if (result._tag === "Left") throw new Error(String(result.left))
    const { declared, before, validated, after, twice } = result.right
    expect(declared.qf).toBe(883)
    expect(declared.source).toMatchObject({ _tag: "DeclaredWithProof", parts: 3 })
    expect(declared.review._tag).toBe("Pending")
    expect(before).toEqual(Option.none())
    expect(validated.review).toEqual({ _tag: "Validated", at: "2025-09-01T09:00:00.000Z", by: "agent.martin" })
    expect(after.pipe(Option.map((r) => r.qf))).toEqual(Option.some(883))
    expect(twice._tag).toBe("QuotientAlreadyReviewed")
  })

  it("keeps the history of a household's QF: CAF, agent, rejected; the latest validated wins", async () => {
    const { run, clock } = world()
    const result = await run(Effect.gen(function* () {
      const caf = yield* recordCafQuotient({ householdId: household, cafNumber: "1234567", qf: 640, ...validity })
      clock.advanceMinutes(10)
      yield* reviewQuotient({ recordId: caf.id, decision: "validate", by: "agent.martin" })
      clock.advanceMinutes(10)
      yield* setQuotientByAgent({ householdId: household, qf: 520, agent: "agent.dupont", reason: "changement de situation", validFrom: "2026-01-01", validTo: "2026-08-31" })
      const refusedReason = yield* Effect.flip(reviewQuotient({ recordId: caf.id, decision: "reject", by: "agent.martin" }))
      return {
        autumn: yield* quotientOnDate(household, LocalDate.unsafe("2025-11-15")),
        spring: yield* quotientOnDate(household, LocalDate.unsafe("2026-03-02")),
        history: yield* quotientHistory(household),
        refusedReason
      }
    }))
    if (result._tag === "Left") throw new Error(String(result.left))
    expect(result.right.autumn.pipe(Option.map((r) => r.qf))).toEqual(Option.some(640))
    expect(result.right.spring.pipe(Option.map((r) => r.qf))).toEqual(Option.some(520))
    expect(result.right.history.map((r) => [r.qf, r.source._tag, r.review._tag])).toEqual([
      [640, "CafNumber", "Validated"],
      [520, "SetByAgent", "Validated"]
    ])
    expect(result.right.refusedReason._tag).toBe("InvalidInput")
    expect(result.right.refusedReason.message).toContain("Indiquez le motif du refus")
  })

  it("refuses a declaration for an unknown household or with a period ending before it starts", async () => {
    const { run } = world()
    const unknown = await run(declareQuotient({ householdId: "hh-404", annualIncome: 1, monthlyBenefits: 0, documentId: "doc-1", ...validity }))
    expect(unknown._tag === "Left" && unknown.left._tag).toBe("HouseholdNotFound")
    const backwards = await run(declareQuotient({ householdId: "hh-1", annualIncome: 1, monthlyBenefits: 0, documentId: "doc-1", validFrom: "2026-01-01", validTo: "2025-01-01" }))
    expect(backwards._tag === "Left" && backwards.left.message).toContain("La fin de validité doit suivre le début de validité.")
  })
})
