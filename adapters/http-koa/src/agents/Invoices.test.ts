import { AuditLog, Cents, CreditNoteRepository, type Invoice, InvoiceRepository, loadHouseholdAccount, readCsv } from "@spe/core"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"

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

const invoice = async (number: string): Promise<Invoice> => {
  const [found] = await t.demo.runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.search({ number })))
  if (found === undefined) throw new Error(`No invoice ${number}`)
  return found
}
const pageOf = async (number: string) => `/agents/factures/${(await invoice(number)).id}`
const journal = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const situation = async (number: string) => {
  const found = await invoice(number)
  const account = await t.demo.runtime.runPromise(loadHouseholdAccount(found.householdId))
  const s = account.invoices.find((i) => i.invoice.id === found.id)
  if (s === undefined) throw new Error("no situation")
  return { ...s, balance: account.balance }
}
const hrefOf = (path: string) => `href="${path.replace(/&/g, "&amp;").replace(/=/g, "&#x3D;")}"`
const numbersIn = (html: string) => [...new Set([...html.matchAll(/F-2026-\d{6}/g)].map((m) => m[0]))].sort()

describe("searching invoices", () => {
  it("lists every invoice, newest first, and searches by family, number, month and status", async () => {
    const reader = await t.agentClient("reader")
    const all = await reader.get("/agents/factures")
    expect(all.status).toBe(200)
    expect(textOf(all.body)).toContain("10 facture(s) correspondante(s).")
    expect(all.body.indexOf("F-2026-000010")).toBeLessThan(all.body.indexOf("F-2026-000001"))
    expect(numbersIn((await reader.get("/agents/factures?famille=concerto")).body)).toEqual(["F-2026-000001", "F-2026-000006"])
    expect(numbersIn((await reader.get("/agents/factures?numero=000007")).body)).toEqual(["F-2026-000007"])
    expect(numbersIn((await reader.get("/agents/factures?mois=2026-09&famille=petit")).body)).toEqual(["F-2026-000005"])
    const late = await reader.get("/agents/factures?statut=pastDue")
    expect(numbersIn(late.body)).toEqual(["F-2026-000002", "F-2026-000005"])
    expect(textOf(late.body)).toContain("En retard")
    expect(numbersIn((await reader.get("/agents/factures?statut=paid")).body)).toEqual(["F-2026-000001", "F-2026-000003", "F-2026-000004"])
    expect(numbersIn((await reader.get("/agents/factures?du=2026-11-01&au=2026-11-30")).body)).toEqual(
      ["F-2026-000006", "F-2026-000007", "F-2026-000008", "F-2026-000009", "F-2026-000010"]
    )
    expect(textOf((await reader.get("/agents/factures?famille=personne")).body)).toContain("Aucune facture ne correspond à cette recherche.")
  })

  it("refuses a month or a date that is not one, next to its field", async () => {
    const reader = await t.agentClient("reader")
    const wrong = await reader.get("/agents/factures?mois=septembre&du=31/02/2026")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="mois-erreur"[^>]*>.*Écrivez le mois facturé sous la forme AAAA-MM/)
    expect(wrong.body).toMatch(/id="du-erreur"[^>]*>.*Écrivez une date/)
    expect(wrong.body).toContain('value="septembre"')
  })

  it("sends a visitor to the agents' login and refuses a family", async () => {
    const visitor = await new BrowserLikeClient(t.url).get("/agents/factures?statut=pastDue")
    expect([visitor.status, visitor.location]).toEqual([303, "/agents/connexion?suite=%2Fagents%2Ffactures%3Fstatut%3DpastDue"])
    const family = await t.familyClient()
    expect((await family.get("/agents/factures")).status).toBe(403)
    expect((await family.get(await pageOf("F-2026-000006"))).status).toBe(403)
    expect((await family.get("/agents/exports/fichier?jeu=factures&du=2026-10-01&au=2026-10-31&format=csv")).status).toBe(403)
  })

  it("links to the exchange's CSV of the invoices issued in the search's dates, this month by default", async () => {
    const reader = await t.agentClient("reader")
    const byDefault = await reader.get("/agents/factures")
    expect(byDefault.body).toContain(hrefOf("/agents/exports/fichier?jeu=factures&du=2026-11-01&au=2026-11-26&format=csv"))
    expect(textOf(byDefault.body)).toContain("Exporter les factures et avoirs émis du dimanche 1er novembre 2026 au jeudi 26 novembre 2026 (CSV)")
    const october = await reader.get("/agents/factures?du=2026-10-01&au=31/10/2026&famille=concerto")
    expect(october.body).toContain(hrefOf("/agents/exports/fichier?jeu=factures&du=2026-10-01&au=2026-10-31&format=csv"))
    expect((await reader.get("/agents/factures?au=2026-09-30")).body).toContain(hrefOf("/agents/exports/fichier?jeu=factures&du=2026-09-01&au=2026-09-30&format=csv"))
  })

  it("exports the invoices issued in a period as CSV: the same numbers and amounts as the database", async () => {
    const reader = await t.agentClient("reader")
    const answer = await reader.get("/agents/exports/fichier?jeu=factures&du=2026-10-01&au=2026-10-31&format=csv")
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="factures-avoirs-2026-10-01-2026-10-31.csv"')
    expect([...answer.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(answer.body).toContain("\r\n")
    const [header, ...rows] = Either.getOrThrow(readCsv(answer.body)).map((r) => r.cells)
    expect(header?.slice(0, 10)).toEqual(["Type", "Numéro", "Date d'émission", "Échéance", "Facture corrigée", "Référence du foyer", "Famille", "Payeur", "Mois facturé", "Montant"])
    const column = (row: ReadonlyArray<string>, name: string) => row[header?.indexOf(name) ?? -1]
    const invoices = rows.filter((r) => column(r, "Type") === "facture")
    expect(invoices.map((r) => column(r, "Numéro")).sort()).toEqual(["F-2026-000001", "F-2026-000002", "F-2026-000003", "F-2026-000004", "F-2026-000005"])
    for (const row of invoices) {
      const s = await situation(column(row, "Numéro") ?? "")
      expect(column(row, "Date d'émission")).toBe(`${s.invoice.issuedOn.slice(8, 10)}/${s.invoice.issuedOn.slice(5, 7)}/${s.invoice.issuedOn.slice(0, 4)}`)
      expect(column(row, "Montant")).toBe(Cents.formatEuros(s.total).replace(/\u202f/g, "").replace(" €", ""))
      expect(column(row, "Mois facturé")).toBe(s.invoice.period)
      expect(column(row, "Jours de retard")).toBe("0")
    }
    expect(invoices.find((r) => column(r, "Numéro") === "F-2026-000002")).toContain("MARCHAND")
    const refused = await reader.get("/agents/exports/fichier?jeu=factures&du=hier&au=2026-10-31&format=csv")
    expect(refused.status).toBe(400)
    expect(refused.body).toMatch(/id="du-erreur"[^>]*>.*Écrivez une date/)
  })
})

describe("an invoice in the back office", () => {
  it("shows a reader the invoice as the family sees it, its household, payments and PDF, without actions", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get(await pageOf("F-2026-000001"))
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    for (const words of ["Facture F-2026-000001", "CONCERTO", "FAM-000101", "septembre 2026", "Payée", "Détail de la facture", "Comment le prix est calculé", "Restauration scolaire", "prélèvement", "PRLV-2026-10-FAM000101", "Reste à payer 0,00 €"]) {
      expect(text).toContain(words)
    }
    expect(page.body).toContain(`href="${await pageOf("F-2026-000001")}/pdf"`)
    for (const action of ["/avoir", "/paiement", "/tresor"]) expect(page.body).not.toContain(`action="${await pageOf("F-2026-000001")}${action}"`)
    expect((await reader.get("/agents/factures/fac-inconnue")).status).toBe(404)
  })

  it("gives the invoice's PDF", async () => {
    const reader = await t.agentClient("reader")
    const pdf = await reader.get(`${await pageOf("F-2026-000006")}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get("content-type")).toBe("application/pdf")
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-")
  }, 60_000)

  it("offers the billing agent a credit note, a payment and, once past due, the Treasury", async () => {
    const billing = await t.agentClient("billing")
    const late = await billing.get(await pageOf("F-2026-000005"))
    for (const action of ["/avoir", "/paiement", "/tresor"]) expect(late.body).toContain(`action="${await pageOf("F-2026-000005")}${action}"`)
    expect(textOf(late.body)).toContain("jour(s) de retard")
    const due = await billing.get(await pageOf("F-2026-000006"))
    expect(due.body).not.toContain(`action="${await pageOf("F-2026-000006")}/tresor"`)
  })
})

describe("a credit note from the back office", () => {
  it("refuses without a line, without a reason, an amount that is not one or too high, next to the fields, keeping what was typed", async () => {
    const billing = await t.agentClient("billing")
    const page = await pageOf("F-2026-000006")
    const none = await billing.submit(page, `${page}/avoir`, { motif: "" })
    expect(none.status).toBe(400)
    expect(none.body).toMatch(/id="lignes-erreur"[^>]*>.*Choisissez au moins une ligne de la facture/)
    expect(none.body).toMatch(/id="motif-erreur"[^>]*>.*Indiquez le motif de l&#x27;avoir/)
    const notAmount = await billing.submit(page, `${page}/avoir`, { "ligne-0": "oui", "montant-0": "trois euros", motif: "Repas non servi" })
    expect(notAmount.status).toBe(400)
    expect(notAmount.body).toMatch(/id="montant-0-erreur"[^>]*>.*Écrivez le montant à retirer en euros/)
    expect(notAmount.body).toContain("Repas non servi</textarea>")
    expect(notAmount.body).toContain('value="trois euros"')
    const tooMuch = await billing.submit(page, `${page}/avoir`, { "ligne-0": "oui", "montant-0": "999,00", motif: "Repas non servi" })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.body).toMatch(/id="lignes-erreur"[^>]*>.*dépasse ce qui reste facturé pour cette séance/)
    const id = (await invoice("F-2026-000006")).id
    expect(await t.demo.runtime.runPromise(Effect.flatMap(CreditNoteRepository, (r) => r.byInvoice(id)))).toEqual([])
  })

  it("refuses an agent without billing.run (403), journals it, and issues nothing", async () => {
    const agent = await t.agentClient("agent")
    const page = await pageOf("F-2026-000006")
    const answer = await agent.submit(page, `${page}/avoir`, { "ligne-0": "oui", "montant-0": "1,00", motif: "Erreur" })
    expect(answer.status).toBe(403)
    const [record] = await journal()
    expect([record?.action, record?.outcome, record?.actorRole, record?.target.id]).toEqual(["billing.creditNote", "denied", "agent", (await invoice("F-2026-000006")).id])
    expect((await situation("F-2026-000006")).credited).toBe(0)
  })

  it("issues the credit note: the invoice's remainder drops, the family sees it, the journal has before and after", async () => {
    const billing = await t.agentClient("billing")
    const page = await pageOf("F-2026-000006")
    const before = await situation("F-2026-000006")
    const answer = await billing.submit(page, `${page}/avoir`, { "ligne-0": "oui", "montant-0": "1,00", motif: "Repas non servi le jour de la grève" })
    expect([answer.status, answer.location]).toEqual([303, `${page}?message=avoir-emis`])
    const shown = textOf((await billing.get(answer.location ?? "")).body)
    expect(shown).toContain("L'avoir est émis")
    expect(shown).toContain("A-2026-000001")
    expect(shown).toContain("Repas non servi le jour de la grève")
    const after = await situation("F-2026-000006")
    expect([after.credited, after.remaining, after.balance]).toEqual([100, before.remaining - 100, before.balance - 100])
    expect((await (await t.familyClient()).get("/mon-espace/factures")).body).toContain("A-2026-000001")
    const [record] = await journal()
    expect([record?.action, record?.outcome, record?.actorRole]).toEqual(["billing.creditNote", "done", "billing"])
    expect(record?.before).toMatchObject({ number: "F-2026-000006", credited: 0, remaining: before.remaining })
    expect(record?.after).toMatchObject({ credited: 100, remaining: before.remaining - 100, creditNote: { number: "A-2026-000001", reason: "Repas non servi le jour de la grève" } })
  })
})

describe("a payment recorded at the régie", () => {
  it("refuses a cheque without its bank, an amount or a date that is not one, a day after today, next to the fields", async () => {
    const billing = await t.agentClient("billing")
    const page = await pageOf("F-2026-000005")
    const noBank = await billing.submit(page, `${page}/paiement`, { moyen: "cheque", montant: "74,40", reference: "CHQ-5550001", banque: "", dateReception: "2026-11-26" })
    expect(noBank.status).toBe(400)
    expect(noBank.body).toMatch(/id="banque-erreur"[^>]*>.*Indiquez la banque du chèque/)
    expect(noBank.body).toContain('value="CHQ-5550001"')
    expect(noBank.body).toMatch(/id="moyen-cheque" name="moyen" value="cheque" checked/)
    const wrong = await billing.submit(page, `${page}/paiement`, { moyen: "especes", montant: "beaucoup", reference: "R-1", banque: "", dateReception: "hier" })
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="montant-erreur"[^>]*>.*Écrivez le montant reçu en euros/)
    expect(wrong.body).toMatch(/id="dateReception-erreur"[^>]*>.*Écrivez la date de réception/)
    const future = await billing.submit(page, `${page}/paiement`, { moyen: "especes", montant: "10,00", reference: "R-1", banque: "", dateReception: "2026-11-27" })
    expect(future.status).toBe(400)
    expect(future.body).toMatch(/id="dateReception-erreur"[^>]*>.*La date de réception ne peut pas être après aujourd&#x27;hui/)
    expect((await situation("F-2026-000005")).paid).toBe(0)
  })

  it("refuses an agent without payments.record (403), journals it, and records nothing", async () => {
    const agent = await t.agentClient("agent")
    const page = await pageOf("F-2026-000005")
    const answer = await agent.submit(page, `${page}/paiement`, { moyen: "especes", montant: "74,40", reference: "R-2026-11-26-001", banque: "", dateReception: "2026-11-26" })
    expect(answer.status).toBe(403)
    expect(textOf(answer.body)).toContain("ne permet pas de enregistrer des paiements")
    const [record] = await journal()
    expect([record?.action, record?.outcome, record?.actorRole]).toEqual(["payments.record", "denied", "agent"])
    expect((await situation("F-2026-000005")).paid).toBe(0)
  })

  it("records a cheque with its bank: the invoice is paid, the balance updated, the journal has it; recording it again adds nothing", async () => {
    const billing = await t.agentClient("billing")
    const page = await pageOf("F-2026-000005")
    const before = await situation("F-2026-000005")
    const fields = { moyen: "cheque", montant: "74,40", reference: "CHQ-5550001", banque: "Crédit Agricole Normandie-Seine", dateReception: "25/11/2026" }
    const answer = await billing.submit(page, `${page}/paiement`, fields)
    expect([answer.status, answer.location]).toEqual([303, `${page}?message=paiement-enregistre`])
    const shown = textOf((await billing.get(answer.location ?? "")).body)
    expect(shown).toContain("Le paiement est enregistré")
    expect(shown).toContain("chèque – Crédit Agricole Normandie-Seine")
    expect(shown).toContain("Payée")
    const after = await situation("F-2026-000005")
    expect([after.status, after.remaining, after.balance]).toEqual(["paid", 0, before.balance - 7440])
    const [record] = await journal()
    expect([record?.action, record?.outcome, record?.target.id]).toEqual(["payments.record", "done", (await invoice("F-2026-000005")).id])
    expect(record?.after).toMatchObject({ created: true, payment: { method: "cheque", bank: "Crédit Agricole Normandie-Seine", reference: "CHQ-5550001", receivedAt: "2026-11-25T11:00:00.000Z" } })
    const again = await billing.submit(page, `${page}/paiement`, fields)
    expect(again.location).toBe(`${page}?message=paiement-deja-enregistre`)
    expect((await situation("F-2026-000005")).balance).toBe(after.balance)
  })
})

describe("sending an invoice to the Treasury", () => {
  it("refuses an invoice not yet past due, with the rule's message", async () => {
    const billing = await t.agentClient("billing")
    const page = await pageOf("F-2026-000007")
    const answer = await billing.post(`${page}/tresor`, {}, { csrf: csrfTokenIn((await billing.get(page)).body) })
    expect(answer.status).toBe(400)
    expect(textOf(answer.body)).toContain("ne peut être transmise au Trésor public qu'après cette date")
    expect((await invoice("F-2026-000007")).sentToTreasury).toBeUndefined()
    expect((await journal())[0]).toMatchObject({ action: "billing.sendToTreasury", outcome: "refused" })
  })

  it("refuses a reader (403) and journals it", async () => {
    const reader = await t.agentClient("reader")
    const page = await pageOf("F-2026-000002")
    const answer = await reader.post(`${page}/tresor`, {}, { csrf: csrfTokenIn((await reader.get(page)).body) })
    expect(answer.status).toBe(403)
    expect((await journal())[0]).toMatchObject({ action: "billing.sendToTreasury", outcome: "denied", actorRole: "reader" })
    expect((await invoice("F-2026-000002")).sentToTreasury).toBeUndefined()
  })

  it("sends the unpaid, past-due invoice: its status changes and the journal has it", async () => {
    const billing = await t.agentClient("billing")
    const page = await pageOf("F-2026-000002")
    const answer = await billing.post(`${page}/tresor`, {}, { csrf: csrfTokenIn((await billing.get(page)).body) })
    expect([answer.status, answer.location]).toEqual([303, `${page}?message=tresor-transmise`])
    const shown = textOf((await billing.get(answer.location ?? "")).body)
    expect(shown).toContain("Transmise au Trésor public le jeudi 26 novembre 2026")
    expect((await invoice("F-2026-000002")).sentToTreasury?.sentOn).toBe("2026-11-26")
    const [record] = await journal()
    expect(record).toMatchObject({ action: "billing.sendToTreasury", outcome: "done", before: { status: "partlyPaid", sentToTreasuryOn: null }, after: { status: "sentToTreasury", sentToTreasuryOn: "2026-11-26" } })
  })
})
