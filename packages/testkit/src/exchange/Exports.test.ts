import {
  AccountId,
  ActivityId,
  Adult,
  AttendanceRecord,
  Cents,
  Child,
  CreditNoteId,
  exportCsv,
  exportDataset,
  exportDefinitions,
  exportFile,
  exportJson,
  HouseholdId,
  Instant,
  InvoiceId,
  invoiceTotal,
  InvoiceRepository,
  LocalDate,
  MemberId,
  ParisTime,
  PaymentId,
  PaymentRepository,
  QuotientRecordId,
  readCsv,
  Session,
  SessionId,
  Slot,
  TreasuryTransmission
} from "@spe/core"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { anActivity } from "../activity/ActivityFixtures.js"
import { aCreditNote, anInvoice, anInvoiceLine } from "../billing/BillingFixtures.js"
import { aHousehold, aQuotientRecord } from "../household/HouseholdFixtures.js"
import { aPayment } from "../payment/PaymentFixtures.js"
import { makeExchangeWorld } from "./ExchangeWorld.js"

const d = LocalDate.unsafe
const april = { from: d("2026-04-01"), to: d("2026-04-30") }

const concerto = aHousehold()
const martin = aHousehold({
  id: HouseholdId.make("hh-2"),
  reference: "FAM-000002",
  familyName: "Martin",
  address: { line1: "3 place du Marché", line2: "Bât. B", postalCode: "76410", city: "Cléon" },
  contact: { email: "martin@exemple.fr", phones: [] },
  adults: [Adult.make({ id: MemberId.make("hh-2-a1"), firstName: "Julie", lastName: "Martin", isPayer: true, phone: "06 11 22 33 44" })],
  children: [Child.make({ id: MemberId.make("hh-2-c1"), firstName: "Zoé", lastName: "Martin", birthDate: d("2016-06-12"), aeeh: false })]
})

const inv1 = anInvoice()
const inv2 = anInvoice({
  id: InvoiceId.make("inv-2"),
  number: "F-2026-000002",
  householdId: martin.id,
  lines: [anInvoiceLine({ childId: MemberId.make("hh-2-c1"), childName: "Zoé", amount: Cents.cents(2000) })],
  sentToTreasury: TreasuryTransmission.make({ sentOn: d("2026-06-01"), by: AccountId.make("acc-agent-billing") })
})
const inv3 = anInvoice({ id: InvoiceId.make("inv-3"), number: "F-2026-000003", issuedOn: d("2026-05-02"), dueOn: d("2026-06-01"), period: inv1.period })
const aprilNote = aCreditNote(inv1, { issuedOn: d("2026-04-15") }, 150)
const mayNote = aCreditNote(inv2, { id: CreditNoteId.make("avoir-inv-2"), number: "A-2026-000002", issuedOn: d("2026-05-10") }, 500)
const counter = aPayment({ invoiceIds: [inv1.id], amount: Cents.cents(100), receivedAt: Instant.unsafe("2026-04-10T09:30:00Z") })
const card = aPayment({ id: PaymentId.make("pay-2"), householdId: martin.id, method: "card", amount: Cents.cents(2000), idempotencyKey: "card:op-9", reference: "op-9", receivedAt: Instant.unsafe("2026-05-05T10:00:00Z") })

const canteen = anActivity({ id: "cantine", kind: "canteen", name: "Restauration scolaire" })
const wednesday = anActivity({
  id: "mercredi",
  kind: "wednesday",
  name: "Accueil du mercredi",
  slots: [new Slot({ code: "matin", label: "Matin (8h30 - 12h)" }), new Slot({ code: "journee", label: "Journée" })]
})
const session = (activity: string, date: string, slot?: string) =>
  new Session({ id: SessionId.make(`${activity}:${date}${slot === undefined ? "" : `:${slot}`}`), activityId: ActivityId.make(activity), date: d(date), startsAt: ParisTime.timeOfDay("08:30"), capacity: 20, ...(slot === undefined ? {} : { slot }) })
const sessions = [session("cantine", "2026-03-02"), session("cantine", "2026-03-03"), session("cantine", "2026-03-05"), session("mercredi", "2026-03-04", "matin"), session("mercredi", "2026-03-11", "journee"), session("cantine", "2026-04-02")]
const present = (s: Session, child: string, household: HouseholdId, status: "present" | "absent" = "present") =>
  AttendanceRecord.make({ sessionId: s.id, activityId: s.activityId, date: s.date, childId: MemberId.make(child), householdId: household, status, recordedAt: Instant.unsafe("2026-04-01T08:00:00Z") })
const [c0302, c0303, c0305, w0304, w0311, c0402] = sessions as [Session, Session, Session, Session, Session, Session]
const attendance = [
  present(c0302, "hh-1-c1", concerto.id),
  present(c0303, "hh-1-c1", concerto.id),
  present(c0305, "hh-1-c1", concerto.id, "absent"),
  present(w0304, "hh-1-c1", concerto.id),
  present(w0311, "hh-1-c1", concerto.id),
  present(c0302, "hh-1-c2", concerto.id),
  present(c0402, "hh-2-c1", martin.id)
]

const csvRows = (text: string) => Either.getOrThrow(readCsv(text)).map((r) => r.cells)

describe("exports read back and compared with the stores", () => {
  let w: Awaited<ReturnType<typeof makeExchangeWorld>>
  beforeAll(async () => {
    w = await makeExchangeWorld({
      households: [concerto, martin],
      quotients: [aQuotientRecord(), aQuotientRecord({ id: QuotientRecordId.make("qf-2"), householdId: martin.id, qf: 1200, review: { _tag: "Pending" } })],
      invoices: [inv1, inv2, inv3],
      creditNotes: [aprilNote, mayNote],
      payments: [counter, card],
      activities: [canteen, wednesday],
      sessions,
      attendance
    })
  })
  afterAll(() => w.dispose())

  it("invoices and credit notes of a period, as they stood at its end: CSV with the documented header, JSON in cents", async () => {
    const table = await w.run(exportDataset("invoices", april))
    const [header, ...rows] = csvRows(exportCsv(table))
    expect(header).toEqual(exportDefinitions.invoices.columns.map((c) => c.header))
    expect(rows).toEqual([
      ["facture", "F-2026-000001", "01/04/2026", "01/05/2026", "", "FAM-000001", "Concerto", "Anne Concerto", "2026-03", "3,50", "1,50", "2,00", "1,00", "1,00", "partiellement payée", "", "", "0"],
      ["facture", "F-2026-000002", "01/04/2026", "01/05/2026", "", "FAM-000002", "Martin", "Julie Martin", "2026-03", "20,00", "0,00", "20,00", "0,00", "20,00", "à payer", "", "", "0"],
      ["avoir", "A-2026-000001", "15/04/2026", "", "F-2026-000001", "FAM-000001", "Concerto", "Anne Concerto", "2026-03", "-1,50", "", "", "", "", "", "Absence justifiée par certificat médical", "", ""]
    ])
    const stored = await w.run(Effect.flatMap(InvoiceRepository, (r) => r.search({ issuedFrom: april.from, issuedTo: april.to })))
    const json = JSON.parse(exportJson(table)) as { rows: ReadonlyArray<{ type: string; number: string; amount: number; issuedOn: string; dueOn: string | null }> }
    for (const invoice of stored) {
      const row = json.rows.find((r) => r.number === invoice.number)
      expect(row).toMatchObject({ type: "facture", amount: invoiceTotal(invoice), issuedOn: invoice.issuedOn, dueOn: invoice.dueOn })
    }
    expect(json.rows).toHaveLength(stored.length + 1)
    expect(json.rows[2]).toMatchObject({ type: "avoir", amount: -150, dueOn: null })
  })

  it("is reproducible: what happens after the period changes nothing in its export", async () => {
    const before = exportFile(await w.run(exportDataset("invoices", april)), "csv").text
    const beforeJson = exportFile(await w.run(exportDataset("payments", april)), "json").text
    await w.run(Effect.flatMap(PaymentRepository, (r) => r.recordOnce(aPayment({ id: PaymentId.make("pay-late"), idempotencyKey: "counter:R-9", reference: "R-9", invoiceIds: [inv1.id], amount: Cents.cents(100), receivedAt: Instant.unsafe("2026-07-01T09:00:00Z") }))))
    expect(exportFile(await w.run(exportDataset("invoices", april)), "csv").text).toBe(before)
    expect(exportFile(await w.run(exportDataset("payments", april)), "json").text).toBe(beforeJson)
    const may = csvRows(exportCsv(await w.run(exportDataset("invoices", { from: d("2026-05-01"), to: d("2026-06-30") }))))
    expect(may.find((r) => r[1] === "F-2026-000001")).toBeUndefined()
    expect(may.find((r) => r[1] === "A-2026-000002")?.[9]).toBe("-5,00")
    const spring = csvRows(exportCsv(await w.run(exportDataset("invoices", { from: april.from, to: d("2026-06-30") }))))
    expect(spring.find((r) => r[1] === "F-2026-000001")?.at(-1)).toBe("60")
  })

  it("payments received in a period with the invoices they settled and the name of the file", async () => {
    const table = await w.run(exportDataset("payments", april))
    expect(exportFile(table, "csv").fileName).toBe("paiements-2026-04-01-2026-04-30.csv")
    const [, ...rows] = csvRows(exportCsv(table))
    expect(rows).toEqual([["10/04/2026 11:30", "FAM-000001", "Concerto", "paiement au guichet de la régie", "R-0001", "", "1,00", "F-2026-000001", "F-2026-000001 : 1,00", "0,00", "", "pay-1"]])
    const json = JSON.parse(exportJson(table)) as { rows: ReadonlyArray<Record<string, unknown>> }
    expect(json.rows[0]).toMatchObject({ receivedAt: "2026-04-10T09:30:00.000Z", amount: 100, allocations: [{ invoice: "F-2026-000001", amount: 100 }], unallocated: 0, bank: null })
  })

  it("unpaid invoices past due at the period's end, with their debtor for the Treasury's titres", async () => {
    const table = await w.run(exportDataset("unpaid", { from: d("2026-05-01"), to: d("2026-05-31") }))
    const [header, ...rows] = csvRows(exportCsv(table))
    expect(header?.slice(0, 8)).toEqual(["Numéro de facture", "Date d'émission", "Échéance", "Mois facturé", "Objet", "Référence du foyer", "Nom du débiteur", "Prénom du débiteur"])
    expect(rows).toEqual([
      ["F-2026-000001", "01/04/2026", "01/05/2026", "2026-03", "Services enfance et jeunesse, mars 2026 (facture F-2026-000001)", "FAM-000001", "Concerto", "Anne", "1 Chemin de la Côte", "", "76320", "Saint-Pierre-lès-Elbeuf", "a.baud@arpege.fr", "06 12 34 56 78", "2,00", "1,00", "1,00", "30", "", "1,50"]
    ])
    const june = csvRows(exportCsv(await w.run(exportDataset("unpaid", { from: d("2026-05-01"), to: d("2026-06-30") }))))
    expect(june.map((r) => r[0])).toEqual(["Numéro de facture", "F-2026-000001", "F-2026-000003"])
  })

  it("attendance per activity and month: days, sessions and hours present, the child's age band", async () => {
    const table = await w.run(exportDataset("attendance", { from: d("2026-03-01"), to: d("2026-04-30") }))
    const [, ...rows] = csvRows(exportCsv(table))
    expect(rows).toEqual([
      ["2026-03", "Accueil du mercredi", "périscolaire", "FAM-000001", "Concerto", "Léa", "12/05/2017", "8", "6 ans et plus", "2", "2", "12,50"],
      ["2026-03", "Restauration scolaire", "restauration scolaire", "FAM-000001", "Concerto", "Hugo", "03/11/2020", "5", "moins de 6 ans", "1", "1", "2,00"],
      ["2026-03", "Restauration scolaire", "restauration scolaire", "FAM-000001", "Concerto", "Léa", "12/05/2017", "8", "6 ans et plus", "2", "2", "4,00"],
      ["2026-04", "Restauration scolaire", "restauration scolaire", "FAM-000002", "Martin", "Zoé", "12/06/2016", "9", "6 ans et plus", "1", "1", "2,00"]
    ])
    const json = JSON.parse(exportJson(table)) as { rows: ReadonlyArray<{ hours: number; days: number }> }
    expect(json.rows[0]).toMatchObject({ hours: 12.5, days: 2 })
  })

  it("households with their members and the QF validated on the period's last day", async () => {
    const table = await w.run(exportDataset("households", { from: d("2025-01-01"), to: d("2025-06-30") }))
    const [, ...rows] = csvRows(exportCsv(table))
    expect(rows).toEqual([
      ["FAM-000001", "Concerto", "oui", "1 Chemin de la Côte", "", "76320", "Saint-Pierre-lès-Elbeuf", "a.baud@arpege.fr", "Portable : 06 12 34 56 78", "Anne Concerto", "Anne Concerto (Mère) / Paul Concerto (Père)", "2", "Léa Concerto (12/05/2017) / Hugo Concerto (03/11/2020)", "750", "01/01/2025", "31/12/2025", "transmis par la CAF (allocataire n° 1234567)"],
      ["FAM-000002", "Martin", "oui", "3 place du Marché", "Bât. B", "76410", "Cléon", "martin@exemple.fr", "", "Julie Martin", "Julie Martin", "1", "Zoé Martin (12/06/2016)", "", "", "", ""]
    ])
    const before = (await w.run(exportDataset("households", { from: d("2024-01-01"), to: d("2024-12-31") }))).rows
    expect(before.map((r) => r[13])).toEqual([undefined, undefined])
  })

  it("refuses a period that ends before it starts", async () => {
    const refused = await w.attempt(exportDataset("payments", { from: d("2026-05-01"), to: d("2026-04-30") }))
    expect(Either.isLeft(refused) && refused.left.message).toBe(
      "La période de l'export se termine (jeudi 30 avril 2026) avant de commencer (vendredi 1er mai 2026) : choisissez une fin après le début."
    )
  })

  it("documents every column of every dataset with a key, a header and a description", () => {
    for (const definition of Object.values(exportDefinitions)) {
      const keys = definition.columns.map((c) => c.key)
      expect(new Set(keys).size).toBe(keys.length)
      for (const column of definition.columns) expect(column.description.length).toBeGreaterThan(5)
    }
  })
})
