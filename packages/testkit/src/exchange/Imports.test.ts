import {
  AccountId,
  AccountRepository,
  Cents,
  HouseholdRepository,
  importHouseholds,
  importTreasuryPayments,
  InvoiceId,
  LocalDate,
  loadHouseholdAccount,
  PaymentRepository,
  PaymentSettings,
  quotientHistory,
  TreasuryTransmission,
  writeCsvRows
} from "@spe/core"
import { Effect, Either, Option } from "effect"
import { describe, expect, it } from "vitest"
import { anAgent } from "../account/AccountFixtures.js"
import { anInvoice, anInvoiceLine } from "../billing/BillingFixtures.js"
import { aHousehold } from "../household/HouseholdFixtures.js"
import { makeExchangeWorld } from "./ExchangeWorld.js"

const agent = anAgent("agent", "Claire DUBOIS")
const billing = anAgent("billing", "Régis RÉGIE")
const reader = anAgent("reader", "Lise LECTURE")

const header = [
  "Référence", "Nom de famille", "Adresse", "Code postal", "Commune", "E-mail", "Habite la commune",
  "Responsable 1 prénom", "Responsable 1 lien", "Responsable 2 prénom", "Responsable 2 nom", "Payeur",
  "Enfant 1 prénom", "Enfant 1 date de naissance", "Enfant 2 prénom", "Enfant 2 date de naissance",
  "QF", "QF valable du", "QF valable au", "N° allocataire CAF"
]
const menard = ["FAM-000777", "MÉNARD", "12 rue Gambetta", "76320", "Saint-Pierre-lès-Elbeuf", "Ines.Menard@Exemple.fr", "oui", "Inès", "Mère", "", "", "", "Noé", "04/03/2018", "", "", "640", "01/01/2026", "31/12/2026", "1234567"]
const leroy = ["FAM-000778", "LEROY", "3 place du Marché", "76410", "Cléon", "leroy@exemple.fr", "non", "Marc", "Père", "Julie", "MARTIN", "2", "Zoé", "12/06/2016", "Jules", "30/09/2019", "910", "01/09/2026", "31/08/2027", ""]
const badDate = ["FAM-000779", "PETIT", "5 rue Haute", "76320", "Saint-Pierre-lès-Elbeuf", "petit@exemple.fr", "oui", "Léon", "", "", "", "", "Léna", "31/02/2019", "", "", "", "", "", ""]
const takenInTown = ["FAM-000001", "DOUBLON", "1 rue Basse", "76320", "Saint-Pierre-lès-Elbeuf", "doublon@exemple.fr", "oui", "Max", "", "", "", "", "", "", "", "", "", "", "", ""]

const file = (...rows: ReadonlyArray<ReadonlyArray<string>>) => writeCsvRows([header, ...rows])

describe("importing households", () => {
  it("dry run: reports every row, accepted or refused with its line and reasons, and changes nothing", async () => {
    const w = await makeExchangeWorld({ households: [aHousehold()] })
    const report = await w.run(importHouseholds(agent, file(menard, badDate, leroy, takenInTown), { apply: false }))
    expect(report.applied).toBe(false)
    expect(report.rows).toBe(4)
    expect(report.accepted).toEqual([
      { line: 2, reference: "FAM-000777", familyName: "MÉNARD", adults: 1, children: 1, qf: 640 },
      { line: 4, reference: "FAM-000778", familyName: "LEROY", adults: 2, children: 2, qf: 910 }
    ])
    expect(report.rejected).toEqual([
      { line: 3, reasons: ["Enfant 1 date de naissance : « 31/02/2019 » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 04/03/2018."] },
      { line: 5, reasons: ["Référence : la référence FAM-000001 est déjà celle d'un foyer de la commune (Concerto) ; ce foyer n'est pas importé une seconde fois."] }
    ])
    expect(Option.isNone(await w.run(Effect.flatMap(HouseholdRepository, (r) => r.findByReference("FAM-000777"))))).toBe(true)
    expect(await w.audit()).toEqual([])
  })

  it("apply with a refused row applies nothing, and the journal records the refusal", async () => {
    const w = await makeExchangeWorld({ households: [aHousehold()] })
    const outcome = await w.run(importHouseholds(agent, file(menard, badDate, leroy), { apply: true, fileName: "foyers-2026.csv" }))
    expect(outcome.applied).toBe(false)
    expect(outcome.created).toEqual([])
    expect(outcome.rejected.map((r) => r.line)).toEqual([3])
    expect(outcome.refusal).toBe("1 ligne sur 3 est refusée (ligne 3) : aucun foyer n'a été importé. Corrigez le fichier et importez-le à nouveau.")
    expect((await w.run(Effect.flatMap(HouseholdRepository, (r) => r.list))).map((h) => h.reference)).toEqual(["FAM-000001"])
    expect(w.mails.temporaryCredentials).toEqual([])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "households.import", outcome: "refused", actorName: "Claire DUBOIS", target: { kind: "import", id: "foyers-2026.csv" }, reason: outcome.refusal })
  })

  it("apply with every row accepted creates the households, their validated QF and their accounts, in one audited command", async () => {
    const w = await makeExchangeWorld({ households: [aHousehold()] })
    const outcome = await w.run(importHouseholds(agent, file(menard, leroy), { apply: true, fileName: "foyers.csv" }))
    expect(outcome.applied).toBe(true)
    expect(outcome.rejected).toEqual([])
    expect(outcome.created.map((c) => [c.line, c.reference])).toEqual([[2, "FAM-000777"], [3, "FAM-000778"]])
    const menardHousehold = Option.getOrThrow(await w.run(Effect.flatMap(HouseholdRepository, (r) => r.findByReference("FAM-000777"))))
    expect(menardHousehold).toMatchObject({ familyName: "MÉNARD", contact: { email: "Ines.Menard@Exemple.fr" }, adults: [{ firstName: "Inès", lastName: "MÉNARD", isPayer: true }], children: [{ firstName: "Noé", birthDate: "2018-03-04" }] })
    const [qf] = await w.run(quotientHistory(menardHousehold.id))
    expect(qf).toMatchObject({ qf: 640, source: { _tag: "CafNumber", cafNumber: "1234567" }, review: { _tag: "Validated", by: "Claire DUBOIS" } })
    const leroyHousehold = Option.getOrThrow(await w.run(Effect.flatMap(HouseholdRepository, (r) => r.findByReference("FAM-000778"))))
    const [leroyQf] = await w.run(quotientHistory(leroyHousehold.id))
    expect(leroyQf).toMatchObject({ qf: 910, source: { _tag: "SetByAgent", agent: "Claire DUBOIS" }, review: { _tag: "Validated" } })
    expect(leroyHousehold.payer.fullName).toBe("Julie MARTIN")
    const accounts = await w.run(Effect.flatMap(AccountRepository, (r) => r.listByHousehold(menardHousehold.id)))
    expect(accounts.map((a) => a.login)).toEqual([outcome.created[0]?.login])
    expect(w.mails.temporaryCredentials.map((m) => m.email)).toEqual(["ines.menard@exemple.fr", "leroy@exemple.fr"])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "households.import", outcome: "done", permission: "households.write", target: { kind: "import", id: "foyers.csv" }, before: null })
    expect(record?.after).toMatchObject({ file: "foyers.csv", rows: 2, households: [{ line: 2, reference: "FAM-000777", householdId: menardHousehold.id }, { line: 3, reference: "FAM-000778" }] })
    const again = await w.run(importHouseholds(agent, file(menard), { apply: false }))
    expect(again.rejected[0]?.reasons[0]).toContain("est déjà celle d'un foyer de la commune (MÉNARD)")
  })

  it("a role without households.write is refused: the dry run, and the apply step recorded as denied", async () => {
    const w = await makeExchangeWorld()
    const dryRun = await w.attempt(importHouseholds(reader, file(menard), { apply: false }))
    expect(Either.isLeft(dryRun) && dryRun.left._tag).toBe("PermissionDenied")
    const applied = await w.attempt(importHouseholds(billing, file(menard), { apply: true }))
    expect(Either.isLeft(applied) && applied.left._tag).toBe("PermissionDenied")
    expect((await w.run(Effect.flatMap(HouseholdRepository, (r) => r.list))).length).toBe(0)
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "households.import", outcome: "denied", actorRole: "billing" })
  })
})

const d = LocalDate.unsafe
const settings = PaymentSettings.make({})
const concerto = aHousehold()
const sent = anInvoice({
  lines: [anInvoiceLine({ amount: Cents.cents(4250) })],
  sentToTreasury: TreasuryTransmission.make({ sentOn: d("2026-06-10"), by: AccountId.make("acc-agent-billing") })
})
const other = anInvoice({ id: InvoiceId.make("inv-2"), number: "F-2026-000002", lines: [anInvoiceLine({ amount: Cents.cents(1000) })] })
const treasuryHeader = ["Date du paiement", "Facture", "Montant", "Payeur", "Référence Trésor"]
const treasuryFile = (...rows: ReadonlyArray<ReadonlyArray<string>>) => writeCsvRows([treasuryHeader, ...rows])

describe("importing the payments made at the Treasury", () => {
  const good = treasuryFile(["20/11/2026", "F-2026-000001", "30,00", "CONCERTO Anne", "DGFIP-2026-0001"], ["21/11/2026", "f 2026 000001", "12,50", "", "DGFIP-2026-0002"])

  it("matches rows to invoices by number, records them once as Treasury payments, and a second import records nothing new", async () => {
    const w = await makeExchangeWorld({ households: [concerto], invoices: [sent, other] })
    const dryRun = await w.run(importTreasuryPayments(billing, good, { apply: false, settings }))
    expect(dryRun.rejected).toEqual([])
    expect(dryRun.accepted.map((a) => [a.line, a.invoiceNumber, a.amount, a.remainingBefore, a.householdReference])).toEqual([
      [2, "F-2026-000001", 3000, 4250, "FAM-000001"],
      [3, "F-2026-000001", 1250, 1250, "FAM-000001"]
    ])
    expect(await w.run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(concerto.id)))).toEqual([])
    const applied = await w.run(importTreasuryPayments(billing, good, { apply: true, fileName: "tresor-novembre.csv", settings }))
    expect(applied.applied).toBe(true)
    expect(applied.recorded.map((r) => r.treasuryReference)).toEqual(["DGFIP-2026-0001", "DGFIP-2026-0002"])
    const payments = await w.run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(concerto.id)))
    expect(payments.map((p) => [p.method, p.amount, p.reference, p.receivedAt, p.invoiceIds, p.recordedBy])).toEqual([
      ["treasury", 3000, "DGFIP-2026-0001", "2026-11-20T11:00:00.000Z", [sent.id], billing.accountId],
      ["treasury", 1250, "DGFIP-2026-0002", "2026-11-21T11:00:00.000Z", [sent.id], billing.accountId]
    ])
    const account = await w.run(loadHouseholdAccount(concerto.id))
    expect(account.invoices.find((s) => s.invoice.id === sent.id)).toMatchObject({ paid: 4250, remaining: 0, status: "paid" })
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "payments.importTreasury", outcome: "done", permission: "payments.record", target: { kind: "import", id: "tresor-novembre.csv" } })
    expect(record?.after).toMatchObject({ recorded: [{ line: 2, treasuryReference: "DGFIP-2026-0001", invoice: "F-2026-000001" }, { line: 3 }], alreadyRecorded: [] })
    const again = await w.run(importTreasuryPayments(billing, good, { apply: true, settings }))
    expect(again.applied).toBe(true)
    expect(again.recorded).toEqual([])
    expect(again.alreadyRecorded.map((r) => [r.line, r.treasuryReference])).toEqual([[2, "DGFIP-2026-0001"], [3, "DGFIP-2026-0002"]])
    expect(await w.run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(concerto.id)))).toHaveLength(2)
  })

  it("refuses unknown invoices, over-payments, future days and references used for another payment, and then records nothing", async () => {
    const w = await makeExchangeWorld({ households: [concerto], invoices: [sent, other] })
    await w.run(importTreasuryPayments(billing, treasuryFile(["20/11/2026", "F-2026-000002", "5,00", "", "DGFIP-9"]), { apply: true, settings }))
    const bad = treasuryFile(
      ["20/11/2026", "F-2026-000001", "40,00", "", "DGFIP-1"],
      ["20/11/2026", "F-2026-000001", "5,00", "", "DGFIP-2"],
      ["20/11/2026", "F-2026-999999", "5,00", "", "DGFIP-3"],
      ["27/11/2026", "F-2026-000002", "1,00", "", "DGFIP-4"],
      ["20/11/2026", "F-2026-000002", "4,00", "", "DGFIP-9"],
      ["20/11/2026", "F-2026-000002", "5,01", "", "DGFIP-5"]
    )
    const outcome = await w.run(importTreasuryPayments(billing, bad, { apply: true, settings }))
    expect(outcome.applied).toBe(false)
    expect(outcome.accepted.map((a) => a.line)).toEqual([2])
    expect(outcome.rejected).toEqual([
      { line: 3, reasons: ["Montant : 5,00 € dépasse ce qui reste à payer sur la facture F-2026-000001 (2,50 €) ; vérifiez le montant avec le Trésor public."] },
      { line: 4, reasons: ["Facture : aucune facture ne porte le numéro F-2026-999999. Vérifiez le numéro sur le titre ou la facture."] },
      { line: 5, reasons: ["Date du paiement : le 27/11/2026 est après aujourd'hui (26/11/2026)."] },
      { line: 6, reasons: [expect.stringContaining("Référence Trésor : la référence DGFIP-9 a déjà servi pour un autre paiement (5,00 €")] },
      { line: 7, reasons: ["Montant : 5,01 € dépasse ce qui reste à payer sur la facture F-2026-000002 (5,00 €) ; vérifiez le montant avec le Trésor public."] }
    ])
    expect(outcome.refusal).toBe("5 lignes sur 6 sont refusées (lignes 3, 4, 5, 6, 7) : aucun paiement n'a été enregistré. Corrigez le fichier et importez-le à nouveau.")
    expect((await w.run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(concerto.id)))).map((p) => p.reference)).toEqual(["DGFIP-9"])
    const [record] = await w.audit()
    expect(record).toMatchObject({ action: "payments.importTreasury", outcome: "refused", reason: outcome.refusal })
  })

  it("a role without payments.record may not import the Treasury's payments", async () => {
    const w = await makeExchangeWorld({ households: [concerto], invoices: [sent] })
    expect(Either.isLeft(await w.attempt(importTreasuryPayments(agent, good, { apply: false, settings })))).toBe(true)
    const denied = await w.attempt(importTreasuryPayments(agent, good, { apply: true, settings }))
    expect(Either.isLeft(denied) && denied.left._tag).toBe("PermissionDenied")
    expect(await w.run(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(concerto.id)))).toEqual([])
    expect((await w.audit())[0]).toMatchObject({ action: "payments.importTreasury", outcome: "denied", actorRole: "agent" })
  })
})

