import { fc, test } from "@fast-check/vitest"
import { Either, Option } from "effect"
import { describe, expect, it } from "vitest"
import * as Cents from "../../src/shared/Cents.js"
import { DocumentId, HouseholdId, QuotientRecordId } from "../../src/shared/Ids.js"
import * as Instant from "../../src/shared/Instant.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { countParts, defaultPartTable, PartTable } from "../../src/household/PartTable.js"
import {
  applicableQuotient,
  approveQuotient,
  computeQuotient,
  describeQuotientSource,
  QuotientRecord,
  type QuotientReview,
  rejectQuotient
} from "../../src/household/QuotientFamilial.js"

/** Parts by the words of DOMAIN.md, counted in half-parts. */
function referenceHalfParts(children: number, disabledChildren: number): bigint {
  let halves = 4n
  for (let k = 1; k <= children; k++) halves += k === 3 ? 2n : 1n
  return halves + BigInt(disabledChildren)
}

/** The CAF formula on exact rationals: euros per month as a fraction, divided by a fraction of parts, floored. */
function referenceQuotient(incomeCents: number, benefitsCents: number, partsNumerator: bigint, partsDenominator: bigint): bigint {
  const monthlyIncome = { n: BigInt(incomeCents), d: 100n * 12n }
  const benefits = { n: BigInt(benefitsCents), d: 100n }
  const resources = { n: monthlyIncome.n * benefits.d + benefits.n * monthlyIncome.d, d: monthlyIncome.d * benefits.d }
  return (resources.n * partsDenominator) / (resources.d * partsNumerator)
}

const incomes = fc.integer({ min: 0, max: 50_000_000_00 })
const benefits = fc.integer({ min: 0, max: 5_000_00 })
const quarters = (min: number, max: number) => fc.integer({ min, max }).map((q) => q / 4)
const partTables = fc
  .record({
    singleParent: quarters(4, 16),
    couple: quarters(4, 16),
    childrenByRank: fc.array(quarters(0, 8), { maxLength: 5 }),
    furtherChild: quarters(0, 8),
    disabledChild: quarters(0, 8)
  })
  .map((t) => PartTable.make(t))

describe("quotient familial", () => {
  it("computes a couple's QF with real figures", () => {
    const parts = countParts(defaultPartTable, { adults: 2, children: 2, disabledChildren: 0 })
    expect(parts).toBe(3)
    expect(computeQuotient({ annualIncome: Cents.cents(30_000_00), monthlyBenefits: Cents.cents(150_00), parts })).toBe(883)
    expect(countParts(defaultPartTable, { adults: 1, children: 3, disabledChildren: 1 })).toBe(4.5)
    expect(countParts(defaultPartTable, { adults: 2, children: 5, disabledChildren: 0 })).toBe(5)
    expect(computeQuotient({ annualIncome: Cents.cents(0), monthlyBenefits: Cents.cents(0), parts: 2 })).toBe(0)
  })

  test.prop([incomes, benefits, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })])(
    "the QF formula equals an independent BigInt-rational reference on random incomes and compositions",
    (income, benefit, adults, children, disabled) => {
      const disabledChildren = Math.min(disabled, children)
      const parts = countParts(defaultPartTable, { adults, children, disabledChildren })
      expect(BigInt(parts * 2)).toBe(referenceHalfParts(children, disabledChildren))
      const qf = computeQuotient({ annualIncome: Cents.cents(income), monthlyBenefits: Cents.cents(benefit), parts })
      expect(BigInt(qf)).toBe(referenceQuotient(income, benefit, referenceHalfParts(children, disabledChildren), 2n))
    }
  )

  test.prop([incomes, benefits, fc.integer({ min: 1, max: 80 })])(
    "the QF formula equals the reference for any number of quarter parts",
    (income, benefit, partQuarters) => {
      const qf = computeQuotient({ annualIncome: Cents.cents(income), monthlyBenefits: Cents.cents(benefit), parts: partQuarters / 4 })
      expect(BigInt(qf)).toBe(referenceQuotient(income, benefit, BigInt(partQuarters), 4n))
    }
  )

  test.prop([partTables, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })])(
    "parts are never below 1 and never decrease when a child is added",
    (table, adults, children, disabled) => {
      const disabledChildren = Math.min(disabled, children)
      const before = countParts(table, { adults, children, disabledChildren })
      const after = countParts(table, { adults, children: children + 1, disabledChildren })
      expect(before).toBeGreaterThanOrEqual(1)
      expect(after).toBeGreaterThanOrEqual(before)
      expect(countParts(table, { adults, children: children + 1, disabledChildren: disabledChildren + 1 })).toBeGreaterThanOrEqual(after)
    }
  )
})

const household = HouseholdId.make("hh-1")
const day = (n: number) => LocalDate.addDays(LocalDate.unsafe("2025-01-01"), n)
const at = (minutes: number) => Instant.plusMinutes(Instant.unsafe("2025-01-01T08:00:00Z"), minutes)

function record(id: string, qf: number, from: number, to: number, review: QuotientReview): QuotientRecord {
  return QuotientRecord.make({
    id: QuotientRecordId.make(id),
    householdId: household,
    qf,
    source: { _tag: "CafNumber", cafNumber: "1234567" },
    validFrom: day(from),
    validTo: day(to),
    review,
    submittedAt: at(0)
  })
}

const reviews: fc.Arbitrary<QuotientReview> = fc.oneof(
  fc.constant<QuotientReview>({ _tag: "Pending" }),
  fc.integer({ min: 0, max: 500 }).map((m): QuotientReview => ({ _tag: "Validated", at: at(m), by: "agent" })),
  fc.integer({ min: 0, max: 500 }).map((m): QuotientReview => ({ _tag: "Rejected", at: at(m), by: "agent", reason: "illisible" }))
)
const records = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), reviews), { maxLength: 8 })
  .map((rows) => rows.map(([qf, from, length, review], i) => record(`qf-${i}`, qf, from, from + length, review)))

describe("the QF that applies on a date", () => {
  it("uses only validated records, the most recently validated when several cover the date", () => {
    const older = record("a", 400, 0, 365, { _tag: "Validated", at: at(10), by: "agent" })
    const newer = record("b", 900, 100, 200, { _tag: "Validated", at: at(20), by: "agent" })
    const pending = record("c", 100, 0, 365, { _tag: "Pending" })
    const rejected = record("d", 50, 0, 365, { _tag: "Rejected", at: at(30), by: "agent", reason: "illisible" })
    const all = [older, newer, pending, rejected]
    expect(applicableQuotient(all, day(50)).pipe(Option.map((r) => r.qf))).toEqual(Option.some(400))
    expect(applicableQuotient(all, day(150)).pipe(Option.map((r) => r.qf))).toEqual(Option.some(900))
    expect(applicableQuotient(all, day(366))).toEqual(Option.none())
    expect(applicableQuotient([pending, rejected], day(50))).toEqual(Option.none())
  })

  test.prop([records, fc.integer({ min: 0, max: 130 })])(
    "the applicable QF is validated, covers the date, and no covering validated record was validated later",
    (all, n) => {
      const on = day(n)
      const candidates = all.filter((r) => r.review._tag === "Validated" && r.validFrom <= on && on <= r.validTo)
      const found = applicableQuotient(all, on)
      expect(Option.isSome(found)).toBe(candidates.length > 0)
      if (Option.isSome(found)) {
        const chosen = found.value
        expect(candidates).toContain(chosen)
        const validatedAt = (r: QuotientRecord) => (r.review._tag === "Validated" ? r.review.at : "")
        for (const other of candidates) expect(validatedAt(other) <= validatedAt(chosen)).toBe(true)
      }
    }
  )

  it("reviews a QF once, and says so in French when asked again", () => {
    const pending = record("p", 700, 0, 365, { _tag: "Pending" })
    const validated = approveQuotient(pending, "agent.dupont", at(5))
    expect(Either.isRight(validated) && validated.right.review._tag).toBe("Validated")
    const again = Either.flatMap(validated, (r) => rejectQuotient(r, "agent.martin", at(6), "erreur"))
    expect(Either.isLeft(again) && again.left.message).toContain("déjà été validé")
    expect(describeQuotientSource({
      _tag: "DeclaredWithProof",
      documentId: DocumentId.make("doc-1"),
      annualIncome: Cents.cents(30_000_00),
      monthlyBenefits: Cents.cents(150_00),
      parts: 2.5
    })).toBe("déclaré avec justificatif (revenu fiscal 30\u202f000,00 €, prestations 150,00 € par mois, 2,5 parts)")
  })

  it("refuses a validity period that ends before it starts", () => {
    expect(() => record("x", 100, 10, 5, { _tag: "Pending" })).toThrow(/fin de validité/)
  })
})
