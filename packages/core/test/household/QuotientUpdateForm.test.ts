import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { parseEurosText, validateQuotientUpdateForm } from "../../src/household/QuotientUpdateForm.js"
import * as LocalDate from "../../src/shared/LocalDate.js"

const today = LocalDate.unsafe("2026-11-26")
const family = { adults: 2, children: 2, disabledChildren: 1 }

const problemsOf = (result: ReturnType<typeof validateQuotientUpdateForm>) =>
  Either.isLeft(result) ? result.left.problems.map((p) => [p.path, p.message]) : []

describe("parseEurosText", () => {
  it("reads euros as French people type them, in cents", () => {
    expect(parseEurosText("18 500")).toBe(1_850_000)
    expect(parseEurosText("18\u202f500,5")).toBe(1_850_050)
    expect(parseEurosText("1250.75 €")).toBe(125_075)
    expect(parseEurosText("0")).toBe(0)
    for (const wrong of ["", "-5", "12,345", "dix", "1e5"]) expect(parseEurosText(wrong)).toBeUndefined()
  })
})

describe("validateQuotientUpdateForm", () => {
  it("turns declared income into a declaration with the household's composition and a tax notice as proof", () => {
    const result = validateQuotientUpdateForm({ mode: "revenus", annualIncome: "18 500", monthlyBenefits: "", effectiveDate: "01/12/2026", validUntil: "" }, family, today)
    expect(result).toEqual(
      Either.right({
        declaration: { _tag: "DeclaredIncome", annualIncomeCents: 1_850_000, monthlyBenefitsCents: 0, adults: 2, children: 2, disabledChildren: 1 },
        effectiveDate: "2026-12-01",
        proofKind: "taxNotice"
      })
    )
  })

  it("turns the CAF's quotient into a declaration with its allocataire number and a CAF certificate as proof", () => {
    const result = validateQuotientUpdateForm({ mode: "caf", quotient: "795", cafNumber: "1234567", effectiveDate: "2027-01-01", validUntil: "2027-12-31" }, family, today)
    expect(result).toEqual(
      Either.right({
        declaration: { _tag: "CafQuotient", quotient: 795, allocataireNumber: "1234567" },
        effectiveDate: "2027-01-01",
        validUntil: "2027-12-31",
        proofKind: "cafCertificate"
      })
    )
  })

  it("names each missing or badly typed field in French", () => {
    expect(problemsOf(validateQuotientUpdateForm({ mode: "revenus", annualIncome: "", monthlyBenefits: "beaucoup", effectiveDate: "" }, family, today))).toEqual([
      ["annualIncome", "Indiquez le revenu fiscal de référence écrit sur votre avis d'imposition."],
      ["monthlyBenefits", "Le montant des prestations familiales s'écrit en euros, en chiffres, par exemple 120,50."],
      ["effectiveDate", "Indiquez à partir de quand le nouveau quotient familial doit s'appliquer."]
    ])
    expect(problemsOf(validateQuotientUpdateForm({ mode: "caf", quotient: "7 95,5", cafNumber: "12 34", effectiveDate: "2026-12-01" }, family, today))).toEqual([
      ["quotient", "Le quotient familial CAF s'écrit en euros entiers, par exemple 795 (100000 au plus)."],
      ["cafNumber", "Le numéro d'allocataire CAF ne contient que des chiffres (7 le plus souvent), sans espace."]
    ])
    expect(problemsOf(validateQuotientUpdateForm({ mode: "" }, family, today))[0]?.[0]).toBe("mode")
  })

  it("refuses a date of effect before the current month and an end of validity before it", () => {
    expect(problemsOf(validateQuotientUpdateForm({ mode: "caf", quotient: "795", cafNumber: "1234567", effectiveDate: "2026-10-01", validUntil: "2026-09-30" }, family, today))).toEqual([
      ["effectiveDate", "Un nouveau quotient familial s'applique au plus tôt le dimanche 1er novembre 2026 : les mois passés ne sont pas recalculés."],
      ["validUntil", "La fin de validité doit suivre la date d'effet."]
    ])
    expect(Either.isRight(validateQuotientUpdateForm({ mode: "caf", quotient: "795", cafNumber: "1234567", effectiveDate: "2026-11-01" }, family, today))).toBe(true)
    expect(problemsOf(validateQuotientUpdateForm({ mode: "revenus", annualIncome: "vingt mille", effectiveDate: "2026-10-01" }, family, today)).map(([path]) => path)).toEqual([
      "annualIncome",
      "effectiveDate"
    ])
  })
})
