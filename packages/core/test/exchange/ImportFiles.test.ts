import { describe, expect, it } from "vitest"
import { writeCsvRows } from "../../src/exchange/Csv.js"
import { parseHouseholdImport } from "../../src/exchange/HouseholdImport.js"
import { parseTreasuryPayments } from "../../src/exchange/TreasuryPaymentImport.js"

const householdHeader = [
  "Référence", "Nom de famille", "Adresse", "Complément d'adresse", "Code postal", "Commune", "E-mail", "Téléphone", "Habite la commune",
  "Responsable 1 prénom", "Responsable 1 nom", "Responsable 1 lien", "Responsable 2 prénom", "Responsable 2 nom", "Responsable 2 lien", "Payeur",
  "Enfant 1 prénom", "Enfant 1 date de naissance", "Enfant 1 niveau scolaire", "Enfant 2 prénom", "Enfant 2 date de naissance",
  "QF", "QF valable du", "QF valable au", "N° allocataire CAF"
]

const menard = ["FAM-000777", "MÉNARD", "12 rue Gambetta", "", "76320", "Saint-Pierre-lès-Elbeuf", "ines.menard@exemple.fr", "06 39 98 12 34", "oui", "Inès", "", "Mère", "", "", "", "", "Noé", "04/03/2018", "ce1", "", "", "640", "01/01/2026", "31/12/2026", "1234567"]
const leroy = ["FAM-000778", "LEROY", "3 place du Marché", "Bât. B", "76410", "Cléon", "leroy@exemple.fr", "", "non", "Marc", "LEROY", "Père", "Julie", "MARTIN", "Mère", "2", "Zoé", "12/06/2016", "", "Jules", "2019-09-30", "", "", "", ""]

describe("reading a households' file", () => {
  it("accepts well-formed rows: members by number, the payer, children named after the family, the QF", () => {
    const parsed = parseHouseholdImport(writeCsvRows([householdHeader, menard, leroy]))
    expect(parsed.rejected).toEqual([])
    expect(parsed.rows).toBe(2)
    const [first, second] = parsed.households
    expect(first?.line).toBe(2)
    expect(first?.registration).toMatchObject({
      reference: "FAM-000777",
      residency: "resident",
      contact: { email: "ines.menard@exemple.fr", phones: [{ number: "06 39 98 12 34" }] },
      adults: [{ firstName: "Inès", lastName: "MÉNARD", relationship: "Mère", isPayer: true }],
      children: [{ firstName: "Noé", lastName: "MÉNARD", birthDate: "2018-03-04", schoolLevel: "CE1" }]
    })
    expect(first?.quotient).toEqual({ qf: 640, validFrom: "2026-01-01", validTo: "2026-12-31", cafNumber: "1234567" })
    expect(second?.registration).toMatchObject({
      residency: "non-resident",
      address: { line2: "Bât. B" },
      adults: [{ firstName: "Marc", isPayer: false }, { firstName: "Julie", lastName: "MARTIN", isPayer: true }],
      children: [{ firstName: "Zoé", birthDate: "2016-06-12" }, { firstName: "Jules", lastName: "LEROY", birthDate: "2019-09-30" }]
    })
    expect(second?.quotient).toBeUndefined()
  })

  it("refuses each bad row with its line and every reason, naming the column", () => {
    const badDate = [...menard]
    badDate[0] = "FAM-000779"
    badDate[17] = "31/02/2018"
    badDate[4] = "7632"
    const noPayer = [...leroy]
    noPayer[0] = "FAM-000780"
    noPayer[15] = ""
    const duplicate = [...leroy]
    const badQf = [...menard]
    badQf[0] = "FAM-000781"
    badQf[21] = "six cents"
    badQf[23] = ""
    const parsed = parseHouseholdImport(writeCsvRows([householdHeader, menard, badDate, leroy, noPayer, duplicate, badQf]))
    expect(parsed.households.map((h) => h.line)).toEqual([2, 4])
    expect(parsed.rejected).toEqual([
      {
        line: 3,
        reasons: ["Enfant 1 date de naissance : « 31/02/2018 » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 04/03/2018.", "Code postal : Le code postal compte 5 chiffres, par exemple 76320."]
      },
      { line: 5, reasons: ["Payeur : Indiquez quel responsable légal paie les factures."] },
      { line: 6, reasons: ["Référence : la référence FAM-000778 figure déjà ligne 4 du fichier ; chaque foyer n'y figure qu'une fois."] },
      {
        line: 7,
        reasons: ["QF : écrivez le quotient familial en euros, un nombre entier (et non « six cents »).", "QF valable au : Indiquez jusqu'à quand le quotient familial s'applique."]
      }
    ])
  })

  it("refuses the whole file when a required column is missing, or when it is separated by commas", () => {
    const missing = parseHouseholdImport(writeCsvRows([householdHeader.filter((h) => h !== "E-mail"), menard.slice(0, 25)]))
    expect(missing.households).toEqual([])
    expect(missing.rejected).toEqual([
      {
        line: 1,
        reasons: ["La colonne « E-mail » manque : ajoutez-la à la ligne d'en-tête (adresse e-mail du foyer : le compte de la famille l'utilise, l'identifiant et le mot de passe provisoire y sont envoyés.)"]
      }
    ])
    const commas = parseHouseholdImport("Référence,Nom de famille\nFAM-1,DURAND\n")
    expect(commas.rejected[0]?.reasons[0]).toContain("enregistrez le fichier au format « CSV (séparateur : point-virgule) »")
    const empty = parseHouseholdImport("")
    expect(empty.rejected[0]?.line).toBe(1)
  })

  it("matches headers whatever their case and accents, and warns about unknown columns", () => {
    const header = householdHeader.map((h) => h.toUpperCase().normalize("NFD").replace(/\p{M}/gu, ""))
    const parsed = parseHouseholdImport(writeCsvRows([[...header, "Commentaire interne"], [...menard, "à rappeler"]]))
    expect(parsed.rejected).toEqual([])
    expect(parsed.households).toHaveLength(1)
    expect(parsed.warnings).toEqual(["La colonne « Commentaire interne » n'est pas une colonne connue : elle est ignorée."])
  })

  it("refuses a row with more cells than the header, pointing at the semicolons", () => {
    const parsed = parseHouseholdImport(writeCsvRows([householdHeader, [...menard, "en trop"]]))
    expect(parsed.rejected[0]?.line).toBe(2)
    expect(parsed.rejected[0]?.reasons[0]).toContain("La ligne compte 26 cellules mais l'en-tête 25 colonnes")
  })
})

describe("reading the Treasury's payments file", () => {
  const header = ["Date du paiement", "Facture", "Montant", "Payeur", "Référence Trésor"]

  it("reads dates, invoice numbers, amounts and references, and refuses bad rows with their reasons", () => {
    const parsed = parseTreasuryPayments(
      writeCsvRows([
        header,
        ["02/11/2026", "F-2026-000012", "42,50", "CONCERTO Anne", "DGFIP-0001"],
        ["2/11/2026", "F2026000013", "12", "", "DGFIP-0002"],
        ["33/11/2026", "", "-4", "", ""],
        ["02/11/2026", "F-2026-000014", "0,00", "", "DGFIP-0001"]
      ])
    )
    expect(parsed.payments).toEqual([
      { line: 2, paidOn: "2026-11-02", invoiceNumber: "F-2026-000012", amount: 4250, payer: "CONCERTO Anne", treasuryReference: "DGFIP-0001" },
      { line: 3, paidOn: "2026-11-02", invoiceNumber: "F2026000013", amount: 1200, treasuryReference: "DGFIP-0002" }
    ])
    expect(parsed.rejected).toEqual([
      {
        line: 4,
        reasons: [
          "Date du paiement : « 33/11/2026 » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 04/03/2018.",
          "Facture : indiquez le numéro de la facture payée.",
          "Montant : le montant d'un paiement doit être supérieur à zéro.",
          "Référence Trésor : indiquez la référence de l'encaissement donnée par le Trésor public."
        ]
      },
      {
        line: 5,
        reasons: [
          "Montant : le montant d'un paiement doit être supérieur à zéro.",
          "Référence Trésor : la référence DGFIP-0001 figure déjà ligne 2 du fichier ; un encaissement n'y figure qu'une fois."
        ]
      }
    ])
  })
})
