import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { HouseholdId, MemberId } from "../../src/shared/Ids.js"
import * as LocalDate from "../../src/shared/LocalDate.js"
import { Adult, Child, Household, siblingRank, validateContactChange, validateHouseholdRegistration } from "../../src/household/Household.js"
import { householdMatches } from "../../src/household/HouseholdRepository.js"

const registration = {
  reference: "FAM-000042",
  familyName: "Concerto",
  address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
  contact: { email: "a.baud@arpege.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] },
  residency: "resident",
  adults: [
    { firstName: "Anne", lastName: "Concerto", relationship: "Mère", isPayer: true },
    { firstName: "Paul", lastName: "Concerto", relationship: "Père", isPayer: false }
  ],
  children: [
    { firstName: "Léa", lastName: "Concerto", birthDate: "2017-05-12", school: "École Jean Jaurès", schoolLevel: "CE2", allergies: "arachide" },
    { firstName: "Hugo", lastName: "Concerto", birthDate: "2020-11-03", schoolLevel: "MS", aeeh: true }
  ]
}

const problemsOf = (result: Either.Either<unknown, { readonly problems: ReadonlyArray<{ path: string; message: string }> }>) =>
  Either.isLeft(result) ? result.left.problems : []

describe("household registration", () => {
  it("accepts a complete household and trims what was typed", () => {
    const result = validateHouseholdRegistration({ ...registration, familyName: "  Concerto " })
    expect(Either.isRight(result)).toBe(true)
    if (Either.isRight(result)) {
      expect(result.right.familyName).toBe("Concerto")
      expect(result.right.children[0]?.aeeh).toBe(false)
      expect(result.right.children[1]?.aeeh).toBe(true)
    }
  })

  it("names every wrong field with a French sentence", () => {
    const problems = problemsOf(
      validateHouseholdRegistration({
        ...registration,
        address: { line1: "", postalCode: "7632", city: "Elbeuf" },
        contact: { email: "a.baud@", phones: [{ number: "02 32 96" }] },
        residency: "oui",
        children: [{ firstName: "Léa", lastName: "Concerto", birthDate: "2019-02-30", schoolLevel: "CM3" }]
      })
    )
    expect(problems).toEqual([
      { path: "address.line1", message: "Indiquez l'adresse (numéro et rue)." },
      { path: "address.postalCode", message: "Le code postal compte 5 chiffres, par exemple 76320." },
      { path: "contact.email", message: "L'adresse e-mail n'est pas valide : écrivez-la sous la forme prenom.nom@exemple.fr." },
      { path: "contact.phones.0.number", message: "Le numéro de téléphone doit compter 10 chiffres, par exemple 02 32 96 95 70 ou +33 6 12 34 56 78." },
      { path: "residency", message: "Indiquez si le foyer habite la commune (resident) ou non (non-resident)." },
      { path: "children.0.birthDate", message: "Cette date n'existe pas dans le calendrier : 2019-02-30." },
      { path: "children.0.schoolLevel", message: "Le niveau scolaire doit être l'un de : PS, MS, GS, CP, CE1, CE2, CM1, CM2, 6e, 5e, 4e, 3e." }
    ])
  })

  it("says what is missing", () => {
    const problems = problemsOf(validateHouseholdRegistration({ reference: "FAM-1" }))
    expect(problems.map((p) => p.message)).toContain("Indiquez l'adresse du foyer.")
    expect(problems.map((p) => p.message)).toContain("Indiquez les responsables légaux du foyer.")
  })

  it("requires exactly one adult who pays", () => {
    const none = problemsOf(validateHouseholdRegistration({ ...registration, adults: registration.adults.map((a) => ({ ...a, isPayer: false })) }))
    expect(none).toEqual([{ path: "adults", message: "Indiquez quel responsable légal paie les factures." }])
    const both = problemsOf(validateHouseholdRegistration({ ...registration, adults: registration.adults.map((a) => ({ ...a, isPayer: true })) }))
    expect(both.map((p) => p.message)).toEqual(["Un seul responsable légal reçoit les factures : choisissez-en un."])
    const noAdult = problemsOf(validateHouseholdRegistration({ ...registration, adults: [] }))
    expect(noAdult.map((p) => p.message)).toEqual(["Un foyer compte au moins un responsable légal."])
  })

  it("validates a change of contact details alone", () => {
    expect(Either.isRight(validateContactChange({ contact: { email: "new@exemple.fr", phones: [] } }))).toBe(true)
    expect(problemsOf(validateContactChange({ address: { line1: "2 rue", postalCode: "ABCDE", city: "Elbeuf" } }))).toEqual([
      { path: "address.postalCode", message: "Le code postal compte 5 chiffres, par exemple 76320." }
    ])
  })
})

const member = (id: string) => MemberId.make(id)
const child = (id: string, birthDate: string, firstName = "Enfant") =>
  Child.make({ id: member(id), firstName, lastName: "Concerto", birthDate: LocalDate.unsafe(birthDate), aeeh: false })

describe("household", () => {
  const household = Household.make({
    id: HouseholdId.make("hh-1"),
    reference: "FAM-000042",
    familyName: "Concerto",
    address: { line1: "1 Chemin de la Côte", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
    contact: { email: "a.baud@arpege.fr", phones: [] },
    residency: "resident",
    adults: [Adult.make({ id: member("m-1"), firstName: "Anne", lastName: "Concerto", isPayer: true })],
    children: [child("m-2", "2017-05-12", "Léa"), child("m-3", "2020-11-03", "Hugo")]
  })

  it("knows its payer and refuses two members with one id", () => {
    expect(household.payer.fullName).toBe("Anne Concerto")
    expect(() => Household.make({ ...household, children: [child("m-1", "2017-05-12")] })).toThrow(/même identifiant/)
  })

  it("is found by any word of a name, reference or email, ignoring case and accents", () => {
    expect(householdMatches(household, "lea")).toBe(true)
    expect(householdMatches(household, "CONCERTO hugo")).toBe(true)
    expect(householdMatches(household, "000042")).toBe(true)
    expect(householdMatches(household, "arpege")).toBe(true)
    expect(householdMatches(household, "martin")).toBe(false)
    expect(householdMatches(household, "  ")).toBe(false)
  })

  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 6000 }), { minLength: 1, maxLength: 6 })])(
    "sibling ranks number the children 1…n, the eldest first",
    (days) => {
      const children = days.map((d, i) => ({ id: member(`c-${i}`), birthDate: LocalDate.addDays(LocalDate.unsafe("2010-01-01"), d) }))
      const ranks = children.map((c) => siblingRank(children, c.id))
      expect([...ranks].sort((a, b) => a - b)).toEqual(children.map((_, i) => i + 1))
      for (const a of children)
        for (const b of children)
          if (a.birthDate < b.birthDate) expect(siblingRank(children, a.id)).toBeLessThan(siblingRank(children, b.id))
    }
  )
})
