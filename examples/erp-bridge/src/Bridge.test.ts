import { AccountId, AgentActor, BillingMonth, createIntegrationKey, findInvoices, HouseholdRepository, LocalDate } from "@spe/core"
import { startTestPortal, type TestPortal } from "@spe/http-koa/testing"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BridgeError, exportMonth, titreColumns, titresFile } from "./Bridge.js"

const admin = new AgentActor({ accountId: AccountId.make("acc-admin-erp"), displayName: "Administratrice", role: "admin" })

let t: TestPortal

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, "0")}`

describe("the ERP bridge", () => {
  it("pages through the month's invoices of the agents' API and writes one titre per invoice, as the store has them", async () => {
    const { token } = await t.demo.runtime.runPromise(createIntegrationKey(admin, { label: "Progiciel financier", scopes: ["billing:read"] }))
    const exported = await exportMonth({ url: t.url, key: token, pageSize: 2 }, "2026-10")
    const [header, ...lines] = exported.text.replace(/^\uFEFF/, "").split("\r\n").filter((line) => line !== "")
    expect(header).toBe(titreColumns.join(";"))
    const expected = await t.demo.runtime.runPromise(
      Effect.gen(function* () {
        const listings = yield* findInvoices({ period: Schema.decodeSync(BillingMonth)("2026-10"), on: LocalDate.unsafe("2026-11-26") })
        const households = yield* HouseholdRepository
        const rows = []
        for (const { situation } of listings) {
          const household = yield* households.get(situation.invoice.householdId)
          rows.push({ number: situation.invoice.number, reference: household.reference, payer: household.payer.fullName, postalCode: household.address.postalCode, owed: situation.total - situation.credited, dueOn: situation.invoice.dueOn })
        }
        return rows
      })
    )
    expect(expected.length).toBeGreaterThan(2)
    expect(exported.invoices).toBe(expected.length)
    const owed = expected.filter((row) => row.owed > 0).sort((a, b) => (a.number < b.number ? -1 : 1))
    expect(lines).toHaveLength(owed.length)
    expect(exported.titres).toBe(owed.length)
    lines.forEach((line, index) => {
      const cells = line.split(";")
      const row = owed[index]
      expect(cells[1]).toBe(row?.number)
      expect(cells[2]).toBe("2026")
      expect(cells[3]).toBe(row?.reference)
      expect(cells[4]).toBe(row?.payer)
      expect(cells[7]).toBe(row?.postalCode)
      expect(cells[10]).toContain("octobre 2026")
      expect(cells[11]).toBe(euros(row?.owed ?? -1))
      expect(cells[13]).toBe(row?.dueOn.split("-").reverse().join("/"))
    })
  })

  it("stops on the API's refusal: a key without billing:read gets the problem's detail", async () => {
    const { token } = await t.demo.runtime.runPromise(createIntegrationKey(admin, { label: "Foyers seulement", scopes: ["households:read"] }))
    const refused = exportMonth({ url: t.url, key: token }, "2026-10")
    await expect(refused).rejects.toBeInstanceOf(BridgeError)
    await expect(refused).rejects.toThrow(/403.*billing:read/)
    await expect(exportMonth({ url: t.url, key: token }, "octobre")).rejects.toThrow(/AAAA-MM/)
  })

  it("quotes a cell holding the separator and leaves out fully credited invoices", () => {
    const invoice = {
      id: "inv-1",
      number: "F-2026-000001",
      period: "2026-10",
      periodLabel: "octobre 2026",
      issuedOn: "2026-11-02",
      dueOn: "2026-11-30",
      total: 1234,
      credited: 0,
      remaining: 1234,
      status: "issued",
      activities: ["Restauration scolaire"],
      debtor: { householdId: "hh-1", reference: "FAM-1", name: "Anne; dite \"Nana\"", address: { line1: "1 rue", postalCode: "76320", city: "ELBEUF" }, email: "a@b.fr" }
    }
    const text = titresFile([invoice, { ...invoice, id: "inv-2", number: "F-2026-000002", credited: 1234 }])
    const lines = text.split("\r\n")
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(';"Anne; dite ""Nana""";')
    expect(lines[1]).toContain(";12,34;02/11/2026;30/11/2026")
  })
})
