import { Adult, Child, Household, HouseholdId, Instant, LocalDate, MemberId, QuotientRecord, QuotientRecordId } from "@spe/core"
import type { QuotientReview } from "@spe/core"
import { fc } from "@fast-check/vitest"

/** A valid household (the Concerto family of the seed guide), with fields replaced as given. */
export function aHousehold(overrides: Partial<ConstructorParameters<typeof Household>[0]> = {}): Household {
  return Household.make({
    id: HouseholdId.make("hh-1"),
    reference: "FAM-000001",
    familyName: "Concerto",
    address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
    contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] },
    residency: "resident",
    adults: [
      Adult.make({ id: MemberId.make("hh-1-a1"), firstName: "Anne", lastName: "Concerto", relationship: "Mère", isPayer: true }),
      Adult.make({ id: MemberId.make("hh-1-a2"), firstName: "Paul", lastName: "Concerto", relationship: "Père", isPayer: false })
    ],
    children: [
      Child.make({ id: MemberId.make("hh-1-c1"), firstName: "Léa", lastName: "Concerto", birthDate: LocalDate.unsafe("2017-05-12"), schoolLevel: "CE2", aeeh: false }),
      Child.make({ id: MemberId.make("hh-1-c2"), firstName: "Hugo", lastName: "Concerto", birthDate: LocalDate.unsafe("2020-11-03"), schoolLevel: "MS", aeeh: false })
    ],
    ...overrides
  })
}

/** A QF record of a household, validated by default, for the 2025 calendar year. */
export function aQuotientRecord(overrides: Partial<ConstructorParameters<typeof QuotientRecord>[0]> = {}): QuotientRecord {
  return QuotientRecord.make({
    id: QuotientRecordId.make("qf-1"),
    householdId: HouseholdId.make("hh-1"),
    qf: 750,
    source: { _tag: "CafNumber", cafNumber: "1234567" },
    validFrom: LocalDate.unsafe("2025-01-01"),
    validTo: LocalDate.unsafe("2025-12-31"),
    review: { _tag: "Validated", at: Instant.unsafe("2025-01-10T09:00:00Z"), by: "agent.martin" },
    submittedAt: Instant.unsafe("2025-01-08T09:00:00Z"),
    ...overrides
  })
}

const firstNames = ["Léa", "Hugo", "Chloé", "Noé", "Zoé", "Jules", "Inès", "Gaël", "Anaïs", "Théo"]
const lastNames = ["Concerto", "Martin", "Lefèvre", "Dubois", "Ménard", "Petit", "Leroy", "Garnier"]
const firstName = fc.constantFrom(...firstNames)
const lastName = fc.constantFrom(...lastNames)
const birthDate = fc.integer({ min: 0, max: 6_000 }).map((d) => LocalDate.addDays(LocalDate.unsafe("2008-09-01"), d))

/** Valid households with `index`-based unique ids and references, 1–2 adults (one payer) and 0–5 children. */
export const householdArbitrary = (index: number): fc.Arbitrary<Household> =>
  fc
    .record({
      familyName: lastName,
      residency: fc.constantFrom("resident" as const, "non-resident" as const),
      adults: fc.array(fc.record({ firstName, lastName }), { minLength: 1, maxLength: 2 }),
      children: fc.array(fc.record({ firstName, birthDate, aeeh: fc.boolean() }), { maxLength: 5 })
    })
    .map((h) =>
      Household.make({
        id: HouseholdId.make(`hh-${index}`),
        reference: `FAM-${String(index).padStart(6, "0")}`,
        familyName: h.familyName,
        address: { line1: `${index} rue de la République`, postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
        contact: { email: `famille.${index}@exemple.fr`, phones: [] },
        residency: h.residency,
        adults: h.adults.map((a, i) => Adult.make({ id: MemberId.make(`hh-${index}-a${i}`), ...a, isPayer: i === 0 })),
        children: h.children.map((c, i) => Child.make({ id: MemberId.make(`hh-${index}-c${i}`), lastName: h.familyName, ...c }))
      })
    )

/** Any review state of a QF record, validated or rejected at a minute of January 2025. */
export const quotientReviewArbitrary: fc.Arbitrary<QuotientReview> = fc.oneof(
  fc.constant<QuotientReview>({ _tag: "Pending" }),
  fc.integer({ min: 0, max: 40_000 }).map((m): QuotientReview => ({ _tag: "Validated", at: Instant.plusMinutes(Instant.unsafe("2025-01-01T00:00:00Z"), m), by: "agent" })),
  fc.integer({ min: 0, max: 40_000 }).map((m): QuotientReview => ({ _tag: "Rejected", at: Instant.plusMinutes(Instant.unsafe("2025-01-01T00:00:00Z"), m), by: "agent", reason: "justificatif illisible" }))
)
