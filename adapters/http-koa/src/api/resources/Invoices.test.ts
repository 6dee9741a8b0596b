import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { demoFamily, startTestPortal, type TestPortal } from "../../testing/TestPortal.js"
import { ApiClient, apiTokenFor, sessionClientFor } from "../testing/ApiClient.js"

let t: TestPortal
let concerto: ApiClient
let camille: ApiClient

beforeAll(async () => {
  t = await startTestPortal()
  concerto = new ApiClient(t.url, { token: await apiTokenFor(t, demoFamily.login) })
  camille = new ApiClient(t.url, { token: await apiTokenFor(t, "camille.lefebvre") })
})

afterAll(async () => {
  await t.close()
})

describe("the API's invoices (Mes factures)", () => {
  it("lists the household's invoices newest first with what is paid and what remains, page by page", async () => {
    const all = await concerto.get("/api/v1/invoices")
    expect(all.status).toBe(200)
    const items = all.json.items as Array<{ id: string; number: string; issuedOn: string; total: number; paid: number; remaining: number; status: string; pdf: string }>
    expect(items.map((i) => i.number)).toEqual(["F-2026-000006", "F-2026-000001"])
    expect(items[0]).toMatchObject({ period: "2026-10", periodLabel: "octobre 2026", status: "issued", statusLabel: "À payer", paid: 0, pdf: `/api/v1/invoices/${items[0]?.id}/pdf` })
    expect(items[0]?.remaining).toBe(items[0]?.total)
    expect(items[1]).toMatchObject({ period: "2026-09", status: "paid", statusLabel: "Payée", remaining: 0 })
    const first = await concerto.get("/api/v1/invoices?limit=1")
    expect(first.json.items).toEqual([items[0]])
    const second = await concerto.get(first.json.next)
    expect(second.json.items).toEqual([items[1]])
    expect(second.json.next).toBeUndefined()
  })

  it("gives an invoice line by line, each price explained; with the session cookie too", async () => {
    const id = (await concerto.get("/api/v1/invoices")).json.items[0].id as string
    const invoice = await concerto.get(`/api/v1/invoices/${id}`)
    expect(invoice.status).toBe(200)
    const lines = invoice.json.lines as Array<{ childName: string; amount: number; unitPrice: number; explanation: Array<string>; rule: { label: string } }>
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(invoice.json.total)
    const lea = lines.find((l) => l.childName === "Léa")
    expect(lea?.explanation).toContain("Quotient familial retenu : 780 € (transmis par la CAF, validé)")
    expect(lea?.explanation.at(-1)).toMatch(/^Prix unitaire : /)
    expect(lea?.rule.label).toEqual(expect.any(String))
    const { api } = await sessionClientFor(t)
    expect((await api.get(`/api/v1/invoices/${id}`)).json).toEqual(invoice.json)
  })

  it("gives the invoice as a PDF to download", async () => {
    const id = (await concerto.get("/api/v1/invoices")).json.items[0].id as string
    const pdf = await concerto.get(`/api/v1/invoices/${id}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    expect(pdf.headers.get("content-disposition")).toBe('attachment; filename="facture-f-2026-000006.pdf"')
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-")
  }, 60_000)

  it("answers another household's invoice, its PDF, and an unknown one alike: 404", async () => {
    const id = (await concerto.get("/api/v1/invoices")).json.items[0].id as string
    const foreign = await camille.get(`/api/v1/invoices/${id}`)
    const unknown = await camille.get("/api/v1/invoices/fac-99999")
    expect([foreign.status, unknown.status]).toEqual([404, 404])
    expect(foreign.json.code).toBe("InvoiceNotFound")
    expect(foreign.json.detail.replace(id, "ID")).toBe(unknown.json.detail.replace("fac-99999", "ID"))
    const pdf = await camille.get(`/api/v1/invoices/${id}/pdf`)
    expect(pdf.status).toBe(404)
    expect(pdf.headers.get("content-type")).toBe("application/problem+json")
    expect((await camille.get("/api/v1/invoices")).json.items.map((i: { id: string }) => i.id)).not.toContain(id)
  })
})
