import { Cents, Instant, loadPastDueInvoices, LocalDate, PaymentRepository, readCsv, recordPayment } from "@spe/core"
import { townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"

const cellsOf = (text: string) => Either.getOrThrow(readCsv(text)).map((r) => r.cells)
const hrefOf = (path: string) => `href="${path.replace(/&/g, "&amp;").replace(/=/g, "&#x3D;")}"`
const exportOf = (dataset: string, from: string, to: string) => `/agents/exports/fichier?jeu=${dataset}&du=${from}&au=${to}&format=csv`

let t: TestPortal

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&#x3D;/g, "=")
    .replace(/\s+/g, " ")

const amountText = (cents: number) => Cents.formatEuros(Cents.cents(cents)).replace(/\u202f/g, "").replace(" €", "")
const october = "/agents/paiements?du=2026-10-01&au=2026-10-31"

describe("payments and unpaid invoices", () => {
  it("lists October's payments with their totals by method, and the unpaid invoices past due with their age and total", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get(october)
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Paiements reçus du jeudi 1er octobre 2026 au samedi 31 octobre 2026")
    expect(text).toContain("4 paiement(s) pour")
    for (const words of ["GUICHET-2026-10-09-001", "PRLV-2026-10-FAM000101", "CHQ-8823145", "Marc LEROY", "Prélèvement : 2 paiement(s)"]) expect(text).toContain(words)
    expect(text).toContain("2 facture(s) de 2 foyer(s) restent impayées au jeudi 26 novembre 2026 : 89,40 €")
    expect(text).toMatch(/F-2026-000002 MARCHAND FAM-000102 dimanche 1er novembre 2026 25 jour\(s\) Partiellement payée, en retard 15,00 €/)
    expect(text).toMatch(/F-2026-000005 PETIT FAM-000105 dimanche 1er novembre 2026 25 jour\(s\) En retard 74,40 €/)
    const debits = textOf((await reader.get(`${october}&moyen=directDebit`)).body)
    expect(debits).toContain("2 paiement(s) pour")
    expect(debits).not.toContain("CHQ-8823145")
  })

  it("shows this month up to today by default", async () => {
    const page = await (await t.agentClient("billing")).get("/agents/paiements")
    expect(textOf(page.body)).toContain("Paiements reçus du dimanche 1er novembre 2026 au jeudi 26 novembre 2026")
    expect(textOf(page.body)).toContain("Aucun paiement reçu sur cette période.")
  })

  it("refuses dates that are not ones, or a period ending before it starts, next to the fields", async () => {
    const reader = await t.agentClient("reader")
    const wrong = await reader.get("/agents/paiements?du=demain&au=2026-10-01&moyen=troc")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="du-erreur"[^>]*>.*Écrivez une date/)
    expect(wrong.body).toMatch(/id="moyen-erreur"[^>]*>.*Choisissez un moyen de paiement/)
    const backwards = await reader.get("/agents/paiements?du=2026-10-31&au=2026-10-01")
    expect(backwards.status).toBe(400)
    expect(backwards.body).toMatch(/id="au-erreur"[^>]*>.*La fin de la période doit être après son début/)
    expect((await reader.get(exportOf("paiements", "2026-10-31", "2026-10-01"))).status).toBe(400)
  })

  it("sends a visitor to the agents' login and refuses a family, for the page and the exports", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/paiements")
    expect([visitor.status, visitor.location]).toEqual([303, "/agents/connexion?suite=%2Fagents%2Fpaiements"])
    const family = await t.familyClient()
    for (const path of ["/agents/paiements", exportOf("paiements", "2026-10-01", "2026-10-31"), exportOf("impayes", "2026-11-01", "2026-11-26")]) expect((await family.get(path)).status).toBe(403)
  })
})

describe("the CSV exports", () => {
  it("links to the exchange's CSV of the period's payments and of the unpaid invoices up to today", async () => {
    const page = await (await t.agentClient("reader")).get(`${october}&moyen=cheque`)
    expect(page.body).toContain(hrefOf(exportOf("paiements", "2026-10-01", "2026-10-31")))
    expect(page.body).toContain(hrefOf(exportOf("impayes", "2026-11-01", "2026-11-26")))
    expect(textOf(page.body)).toContain("Exporter les paiements reçus sur cette période (CSV, tous les moyens de paiement)")
  })

  it("exports the payments of a period: what the database holds, French amounts and dates, quotes and formulas escaped", async () => {
    const concerto = await t.householdId("FAM-000101")
    await t.demo.runtime.runPromise(
      recordPayment(
        {
          householdId: concerto,
          amount: Cents.cents(123456),
          method: "cheque",
          reference: "=SOMME(A1)",
          bank: 'Banque "Populaire"; agence d\'Elbeuf',
          receivedAt: Instant.unsafe("2026-10-30T15:45:00Z")
        },
        townSettings.payment
      )
    )
    const billing = await t.agentClient("billing")
    const answer = await billing.get(exportOf("paiements", "2026-10-01", "2026-10-31"))
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="paiements-2026-10-01-2026-10-31.csv"')
    expect([...answer.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(answer.body.split("\r\n").at(-1)).toBe("")
    expect(answer.body).toContain('"Banque ""Populaire""; agence d\'Elbeuf"')
    const [header, ...rows] = cellsOf(answer.body)
    expect(header).toEqual(["Reçu le", "Référence du foyer", "Famille", "Moyen de paiement", "Référence", "Banque", "Montant", "Factures désignées", "Affectation", "Non affecté", "Enregistré par", "Identifiant"])
    expect(answer.body).toContain(";'=SOMME(A1);")
    const column = (row: ReadonlyArray<string> | undefined, name: string) => row?.[header?.indexOf(name) ?? -1]
    const stored = await t.demo.runtime.runPromise(
      Effect.flatMap(PaymentRepository, (r) => r.receivedBetween(Instant.unsafe("2026-09-30T22:00:00.000Z"), Instant.unsafe("2026-10-31T23:00:00.000Z")))
    )
    expect(rows).toHaveLength(stored.length)
    expect(rows.map((r) => column(r, "Identifiant")).sort()).toEqual(stored.map((p) => p.id).sort())
    for (const payment of stored) {
      const row = rows.find((r) => column(r, "Identifiant") === payment.id)
      expect(column(row, "Montant")).toBe(amountText(payment.amount))
    }
    const cheque = rows.find((r) => column(r, "Référence") === "=SOMME(A1)")
    expect(cheque?.slice(0, 8)).toEqual(["30/10/2026 16:45", "FAM-000101", "CONCERTO", "chèque", "=SOMME(A1)", 'Banque "Populaire"; agence d\'Elbeuf', "1234,56", ""])
    expect(column(cheque, "Enregistré par")).toBe("")
    const counter = rows.find((r) => column(r, "Référence") === "GUICHET-2026-10-09-001")
    expect(counter?.slice(0, 4)).toEqual(["09/10/2026 10:30", "FAM-000103", "LEFEBVRE", "paiement au guichet de la régie"])
    expect(column(counter, "Factures désignées")).toBe("F-2026-000003")
    expect(column(counter, "Affectation")).toMatch(/^F-2026-000003 : /)
    expect(column(counter, "Enregistré par")).toBe("Marc LEROY")
  })

  it("exports the unpaid invoices past due up to today: the database's past-due invoices, with their remainder and delay", async () => {
    const reader = await t.agentClient("reader")
    const answer = await reader.get(exportOf("impayes", "2026-11-01", "2026-11-26"))
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="impayes-tresor-2026-11-01-2026-11-26.csv"')
    const [header, ...rows] = cellsOf(answer.body)
    const late = await t.demo.runtime.runPromise(loadPastDueInvoices(LocalDate.unsafe("2026-11-26")))
    expect(rows.map((r) => r[0])).toEqual(late.items.map((i) => i.situation.invoice.number))
    const column = (row: ReadonlyArray<string> | undefined, name: string) => row?.[header?.indexOf(name) ?? -1]
    for (const item of late.items) {
      const row = rows.find((r) => r[0] === item.situation.invoice.number)
      expect(column(row, "Reste à payer")).toBe(amountText(item.situation.remaining))
      expect(column(row, "Jours de retard")).toBe(String(item.daysLate))
      expect(column(row, "Avoirs déduits")).toBe(amountText(item.situation.credited))
      expect(column(row, "Échéance")).toBe("01/11/2026")
    }
    expect(rows.map((r) => [r[0], column(r, "Nom du débiteur"), column(r, "Reste à payer"), column(r, "Jours de retard")])).toEqual([
      ["F-2026-000002", "MARCHAND", "15,00", "25"],
      ["F-2026-000005", "PETIT", "74,40", "25"]
    ])
  })
})
