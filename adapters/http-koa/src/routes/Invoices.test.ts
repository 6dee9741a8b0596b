import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  Cents,
  type HouseholdId,
  Instant,
  InvoiceNotPayable,
  InvoiceRepository,
  type InvoiceSituation,
  issueCreditNote,
  loadHouseholdAccount,
  LocalDate,
  PaymentRepository,
  recordPayment
} from "@spe/core"
import { townSettings } from "@spe/example-saint-pierre-les-elbeuf"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { invoiceStatusWords } from "./Invoices.js"
import { mainOf, textOf } from "../testing/PageText.js"

const euros = (cents: number): string => Cents.formatEuros(Cents.cents(cents))

const logIn = async (t: TestPortal, login: string) => {
  const client = new BrowserLikeClient(t.url)
  const response = await client.submit("/", "/connexion", { identifiant: login, motDePasse: demoFamily.password })
  expect(response.location).toBe("/mon-espace")
  return client
}

/** The text pdftotext reads in a PDF. */
const pdfText = (bytes: Uint8Array): string => {
  const file = join(mkdtempSync(join(tmpdir(), "spe-factures-")), "document.pdf")
  writeFileSync(file, bytes)
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
}

const accountOf = (t: TestPortal, householdId: HouseholdId) => t.demo.runtime.runPromise(loadHouseholdAccount(householdId))

const byNumber = (situations: ReadonlyArray<InvoiceSituation>, number: string): InvoiceSituation => {
  const found = situations.find((s) => s.invoice.number === number)
  if (found === undefined) throw new Error(`No invoice ${number}`)
  return found
}

describe("invoice status in words", () => {
  const situation = (status: InvoiceSituation["status"], remaining: number): InvoiceSituation =>
    ({ status, remaining: Cents.cents(remaining), invoice: { dueOn: LocalDate.unsafe("2026-12-03") } }) as unknown as InvoiceSituation
  const before = LocalDate.unsafe("2026-11-26")
  const after = LocalDate.unsafe("2026-12-04")
  it("says paid, partly paid, due before the date, late, with the Treasury, cancelled", () => {
    expect(invoiceStatusWords(situation("paid", 0), after).text).toBe("Payée")
    expect(invoiceStatusWords(situation("issued", 500), before).text).toBe("À payer avant le jeudi 3 décembre 2026")
    expect(invoiceStatusWords(situation("issued", 500), after).text).toBe("En retard")
    expect(invoiceStatusWords(situation("partlyPaid", 500), before).text).toBe("Partiellement payée, reste à payer avant le jeudi 3 décembre 2026")
    expect(invoiceStatusWords(situation("partlyPaid", 500), after).text).toBe("Partiellement payée, en retard")
    expect(invoiceStatusWords(situation("sentToTreasury", 500), after).text).toBe("Transmise au Trésor public")
    expect(invoiceStatusWords(situation("cancelled", 0), after).text).toBe("Annulée par avoir")
    expect(invoiceStatusWords(situation("issued", 500), LocalDate.unsafe("2026-12-03")).text).toBe("À payer avant le jeudi 3 décembre 2026")
  })
})

describe("Mes factures of the CONCERTO family", () => {
  let t: TestPortal
  let concerto: BrowserLikeClient
  let lefebvre: BrowserLikeClient
  let householdId: HouseholdId
  beforeAll(async () => {
    t = await startTestPortal()
    householdId = await t.householdId("FAM-000101")
    concerto = await logIn(t, demoFamily.login)
    lefebvre = await logIn(t, "camille.lefebvre")
  })
  afterAll(() => t.close())

  it("lists the invoices newest first with the account's figures, the status in words and the balance", async () => {
    const account = await accountOf(t, householdId)
    const response = await concerto.get("/mon-espace/factures")
    expect(response.status).toBe(200)
    const main = mainOf(response.body)
    const text = textOf(main)
    expect(main.match(/<h1[ >]/g)).toHaveLength(1)
    expect(text).toContain("Mes factures")
    const october = byNumber(account.invoices, "F-2026-000006")
    const september = byNumber(account.invoices, "F-2026-000001")
    expect(text.indexOf("F-2026-000006")).toBeLessThan(text.indexOf("F-2026-000001"))
    expect(text).toContain(`F-2026-000006 octobre 2026 mardi 3 novembre 2026 jeudi 3 décembre 2026 ${euros(october.total)} ${euros(october.paid)} ${euros(october.remaining)} À payer avant le jeudi 3 décembre 2026`)
    expect(text).toContain(`F-2026-000001 septembre 2026 vendredi 2 octobre 2026 dimanche 1er novembre 2026 ${euros(september.total)} ${euros(september.paid)} ${euros(0)} Payée`)
    expect(october.remaining).toBe(12137)
    expect(september.paid).toBe(16936)
    expect(text).toContain(`Solde de mon compte Reste à payer sur votre compte : ${euros(account.balance)}`)
    expect(text).toContain(`jeudi 15 octobre 2026 à 06:00 prélèvement ${euros(16936)} Voir le reçu`)
    expect(response.body).toContain('href="/mon-espace/factures/fac-6"')
    expect(response.body).toMatch(/<th scope="col"[^>]*>Reste à payer<\/th>/)
  })

  it("says late for an unpaid invoice past its due date (the PETIT family)", async () => {
    const petit = await logIn(t, "laura.petit")
    const text = textOf(mainOf((await petit.get("/mon-espace/factures")).body))
    expect(text).toContain(`F-2026-000005 septembre 2026 vendredi 2 octobre 2026 dimanche 1er novembre 2026 ${euros(7440)} ${euros(0)} ${euros(7440)} En retard`)
    expect(text).toContain(`Reste à payer sur votre compte : ${euros(7440 + 4217)}`)
  })

  it("explains every line of a paid invoice by child and activity, with the payments received and no online payment", async () => {
    const account = await accountOf(t, householdId)
    const september = byNumber(account.invoices, "F-2026-000001")
    const response = await concerto.get("/mon-espace/factures/fac-1")
    expect(response.status).toBe(200)
    const text = textOf(mainOf(response.body))
    expect(text).toContain("Facture F-2026-000001")
    expect(text).toContain("Période septembre 2026")
    expect(text).toContain("Statut Payée")
    expect(text).toContain(`Montant de la facture ${euros(september.total)}`)
    expect(text).toContain(`Reste à payer ${euros(0)}`)
    expect(text).toContain("Hugo – Accueil du matin")
    expect(text).toContain("Comment le prix est calculé : Quotient familial retenu : 780 € (transmis par la CAF, validé) Tranche « T2 » (QF de 501 à 800 €) : 1,30 € Prix unitaire : 1,30 €")
    expect(text).toMatch(/01\/09\/2026, 0\d\/09\/2026/)
    expect(text).toContain("Réservé et présent")
    expect(text).toContain(`Total de la facture : ${euros(september.total)}`)
    const groups = september.invoice.lines.reduce((set, l) => set.add(`${l.childName}|${l.activityName}`), new Set<string>())
    expect(response.body.match(/<section class="invoice-group"/g)).toHaveLength(groups.size)
    const subtotals = [...response.body.matchAll(/Sous-total[^<]*<\/th><td[^>]*>([^<]+)<\/td>/g)].map((m) => m[1])
    expect(subtotals).toHaveLength(groups.size)
    expect(text).toContain(`Paiements reçus Paiements reçus pour cette facture Reçu le Moyen de paiement Montant Reçu jeudi 15 octobre 2026 à 06:00 prélèvement ${euros(16936)} Reçu de paiement`)
    expect(text).toContain("Cette facture est réglée : vous n'avez rien à payer. Merci.")
    expect(text).not.toContain("Payer en ligne")
    expect(response.body).toContain('href="/mon-espace/factures/fac-1/pdf"')
    expect(text).toContain("Télécharger la facture (PDF)")
  })

  it("offers to pay online what remains on an unpaid invoice, with how to pay", async () => {
    const response = await concerto.get("/mon-espace/factures/fac-6")
    const text = textOf(mainOf(response.body))
    expect(text).toContain("Statut À payer avant le jeudi 3 décembre 2026")
    expect(text).toContain(`Payer en ligne ${euros(12137)}`)
    expect(response.body).toContain('<form method="post" action="/mon-espace/factures/fac-6/payer"')
    expect(text).toContain("Aucun paiement reçu pour cette facture.")
    expect(text).toContain(`À payer ${euros(12137)} avant le jeudi 3 décembre 2026.`)
    expect(text).toContain("En ligne, par carte bancaire")
    expect(text).toContain("Au guichet de la régie")
    expect(text).toContain("Accueil de loisirs des vacances")
  })

  it("gives the invoice as a PDF to download, with its number and total", async () => {
    const response = await concerto.get("/mon-espace/factures/fac-6/pdf")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("application/pdf")
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="facture-f-2026-000006.pdf"')
    expect(new TextDecoder().decode(response.bytes.slice(0, 5))).toBe("%PDF-")
    const text = pdfText(response.bytes)
    expect(text).toContain("F-2026-000006")
    expect(text).toContain(euros(12137))
  })

  it("shows a printable page of the invoice under a policy that allows its own styles only", async () => {
    const response = await concerto.get("/mon-espace/factures/fac-6/impression")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(response.headers.get("content-security-policy")).not.toContain("script-src")
    expect(textOf(response.body)).toContain("F-2026-000006")
  })

  it("shows the receipt of a payment of the household", async () => {
    const account = await accountOf(t, householdId)
    const payment = account.payments[0]
    if (payment === undefined) throw new Error("CONCERTO has a payment")
    const response = await concerto.get(`/mon-espace/paiements/${payment.id}/recu`)
    expect(response.status).toBe(200)
    const text = textOf(mainOf(response.body))
    expect(text).toContain("Reçu de paiement")
    expect(text).toContain(`Montant payé ${euros(16936)}`)
    expect(text).toContain("Date du paiement jeudi 15 octobre 2026 à 06:00")
    expect(text).toContain("Moyen de paiement prélèvement")
    expect(text).toContain("Référence de l'opération PRLV-2026-10-FAM000101")
    expect(text).toContain(`F-2026-000001 septembre 2026 ${euros(16936)}`)
  })

  it("answers 404 to another household and to unknown ids, exactly alike", async () => {
    const account = await accountOf(t, householdId)
    const payment = account.payments[0]
    if (payment === undefined) throw new Error("CONCERTO has a payment")
    const unknown = (await lefebvre.get("/mon-espace/factures/fac-999")).body
    for (const path of [
      "/mon-espace/factures/fac-6",
      "/mon-espace/factures/fac-6/pdf",
      "/mon-espace/factures/fac-6/impression",
      `/mon-espace/paiements/${payment.id}/recu`,
      "/mon-espace/factures/fac-999",
      `/mon-espace/factures/${"x".repeat(80)}`,
      "/mon-espace/avoirs/avoir-999",
      "/mon-espace/paiements/pay-999/recu"
    ]) {
      const response = await lefebvre.get(path)
      expect(response.status, path).toBe(404)
      expect(response.body).not.toContain("F-2026-000006")
      expect(response.body).not.toContain("CONCERTO")
    }
    expect(textOf(mainOf(unknown)).replace("fac-999", "X")).toBe(textOf(mainOf((await lefebvre.get("/mon-espace/factures/fac-6")).body)).replace("fac-6", "X"))
    const page = await lefebvre.get("/mon-espace/factures")
    const pay = await lefebvre.post("/mon-espace/factures/fac-6/payer", {}, { csrf: csrfTokenIn(page.body) })
    expect(pay.status).toBe(404)
    expect(textOf(mainOf(page.body))).not.toContain("F-2026-000006")
  })

  it("sends visitors who are not logged in to the login page", async () => {
    const visitor = new BrowserLikeClient(t.url)
    const response = await visitor.get("/mon-espace/factures/fac-1")
    expect(response.status).toBe(303)
    expect(response.location).toBe("/?suite=%2Fmon-espace%2Ffactures%2Ffac-1")
  })
})

describe("credit notes", () => {
  let t: TestPortal
  beforeAll(async () => {
    t = await startTestPortal()
  })
  afterAll(() => t.close())

  it("shows a credit note of the household and its PDF, corrects the invoice, and hides it from other households", async () => {
    const october = await t.demo.runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.get("fac-6" as never)))
    const line = october.lines[0]
    const note = await t.demo.runtime.runPromise(
      issueCreditNote({
        invoiceId: october.id,
        lines: [{ sessionId: line.sessionId, childId: line.childId, amount: line.amount }],
        reason: "Absence justifiée par certificat médical",
        issuedOn: LocalDate.unsafe("2026-11-20"),
        settings: townSettings.billing
      })
    )
    const concerto = await logIn(t, demoFamily.login)
    const list = textOf(mainOf((await concerto.get("/mon-espace/factures")).body))
    expect(list).toContain(`Avoirs Mes avoirs, du plus récent au plus ancien Avoir Émis le Sur la facture Montant ${note.number} vendredi 20 novembre 2026 F-2026-000006 ${euros(line.amount)}`)
    expect(list).toContain(`(avoir : ${euros(line.amount)})`)
    const page = await concerto.get(`/mon-espace/avoirs/${note.id}`)
    expect(page.status).toBe(200)
    const text = textOf(mainOf(page.body))
    expect(text).toContain(`Avoir ${note.number}`)
    expect(text).toContain("Sur la facture F-2026-000006")
    expect(text).toContain("Motif Absence justifiée par certificat médical")
    expect(text).toContain(`Montant de l'avoir ${euros(line.amount)}`)
    const invoice = textOf(mainOf((await concerto.get("/mon-espace/factures/fac-6")).body))
    expect(invoice).toContain(`Avoirs − ${euros(line.amount)}`)
    expect(invoice).toContain(`Reste à payer ${euros(12137 - line.amount)}`)
    const pdf = await concerto.get(`/mon-espace/avoirs/${note.id}/pdf`)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="avoir-${note.number.toLowerCase()}.pdf"`)
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-")
    const lefebvre = await logIn(t, "camille.lefebvre")
    expect((await lefebvre.get(`/mon-espace/avoirs/${note.id}`)).status).toBe(404)
    expect((await lefebvre.get(`/mon-espace/avoirs/${note.id}/pdf`)).status).toBe(404)
  })
})

describe("paying an invoice online through the sandbox", () => {
  let t: TestPortal
  let concerto: BrowserLikeClient
  let householdId: HouseholdId
  beforeAll(async () => {
    t = await startTestPortal()
    householdId = await t.householdId("FAM-000101")
    concerto = await logIn(t, demoFamily.login)
  })
  afterAll(() => t.close())

  const payments = async () => (await t.demo.runtime.runPromise(Effect.flatMap(PaymentRepository, (r) => r.byHousehold(householdId)))).length

  /** "Payer en ligne" on the October invoice, then the sandbox's page: the operation's id. */
  const startPaying = async (remaining: number) => {
    const started = await concerto.submit("/mon-espace/factures/fac-6", "/mon-espace/factures/fac-6/payer", {})
    expect(started.status).toBe(303)
    expect(started.location).toMatch(new RegExp(`^${t.url}/paiement/bac-a-sable\\?idop=sandbox-`))
    const page = await concerto.get(started.location ?? "")
    expect(page.status).toBe(200)
    const text = textOf(mainOf(page.body))
    expect(text).toContain(`Montant ${euros(remaining)}`)
    expect(text).toContain("Facture F-2026-000006")
    for (const label of ["Payer par carte", "Prélèvement", "Refuser", "Annuler"]) expect(page.body).toContain(`>${label}</button>`)
    return new URL(started.location ?? "").searchParams.get("idop") ?? ""
  }

  const choose = async (idop: string, choix: string) => {
    const chosen = await concerto.submit(`/paiement/bac-a-sable?idop=${idop}`, "/paiement/bac-a-sable", { idop, choix })
    expect(chosen.status).toBe(303)
    expect(chosen.location).toBe(`/paiement/payfip/retour?idOp=${idop}`)
    return concerto.get(chosen.location ?? "")
  }

  it("leaves the invoice unpaid when the payment is refused or cancelled, with the French message", async () => {
    await t.demo.runtime.runPromise(
      recordPayment(
        {
          householdId,
          amount: Cents.cents(2000),
          method: "counter",
          reference: "GUICHET-2026-11-20-007",
          receivedAt: Instant.unsafe("2026-11-20T10:00:00.000Z"),
          invoiceIds: ["fac-6" as never]
        },
        townSettings.payment
      )
    )
    const list = textOf(mainOf((await concerto.get("/mon-espace/factures")).body))
    expect(list).toContain(`F-2026-000006 octobre 2026 mardi 3 novembre 2026 jeudi 3 décembre 2026 ${euros(12137)} ${euros(2000)} ${euros(10137)} Partiellement payée, reste à payer avant le jeudi 3 décembre 2026`)
    const before = await payments()

    const refused = await choose(await startPaying(10137), "refused")
    expect(refused.status).toBe(200)
    expect(textOf(mainOf(refused.body))).toContain("Paiement refusé")
    expect(textOf(mainOf(refused.body))).toContain("Le paiement a été refusé ; rien n'a été débité. Vous pouvez réessayer depuis « Mes factures » ou régler au guichet de la régie.")

    const cancelled = await choose(await startPaying(10137), "cancelled")
    expect(textOf(mainOf(cancelled.body))).toContain("Paiement annulé")
    expect(textOf(mainOf(cancelled.body))).toContain("Vous avez annulé le paiement ; rien n'a été débité. La facture reste à payer.")
    expect(cancelled.body).not.toContain("Voir le reçu")

    expect(await payments()).toBe(before)
    expect(textOf(mainOf((await concerto.get("/mon-espace/factures/fac-6")).body))).toContain(`Reste à payer ${euros(10137)}`)
  })

  it("records a card payment once, however many times the family comes back or the notification comes, and gives its receipt", async () => {
    const before = await payments()
    const idop = await startPaying(10137)
    const back = await choose(idop, "card")
    expect(back.status).toBe(200)
    const text = textOf(mainOf(back.body))
    expect(text).toContain("Paiement enregistré")
    expect(text).toContain(`Votre paiement de ${euros(10137)} est enregistré. Merci !`)
    expect(text).toContain("Facture : F-2026-000006")
    const receiptHref = /href="(\/mon-espace\/paiements\/[^"]+\/recu)"/.exec(back.body)?.[1]
    expect(receiptHref).toBeDefined()

    expect((await concerto.get(`/paiement/payfip/retour?idOp=${idop}`)).status).toBe(200)
    const server = new BrowserLikeClient(t.url)
    const notified = await server.post("/paiement/payfip/notification", { idOp: idop })
    expect(notified.status).toBe(200)
    expect(notified.headers.get("content-type")).toBe("text/plain; charset=utf-8")
    expect(notified.body).toContain("paid")
    expect(await server.post("/paiement/payfip/notification", { idOp: idop }).then((r) => r.status)).toBe(200)
    expect(await payments()).toBe(before + 1)

    const receipt = await concerto.get(receiptHref ?? "")
    expect(receipt.status).toBe(200)
    const receiptText = textOf(mainOf(receipt.body))
    expect(receiptText).toContain("Reçu de paiement")
    expect(receiptText).toContain(`Montant payé ${euros(10137)}`)
    expect(receiptText).toContain("Moyen de paiement carte bancaire en ligne")
    expect(receiptText).toContain(`Référence de l'opération ${idop}`)
    expect(receiptText).toContain(`F-2026-000006 octobre 2026 ${euros(10137)}`)

    const invoice = textOf(mainOf((await concerto.get("/mon-espace/factures/fac-6")).body))
    expect(invoice).toContain("Statut Payée")
    expect(invoice).toContain(`Déjà payé ${euros(12137)}`)
    expect(invoice).not.toContain("Payer en ligne")
    expect(invoice).toContain("carte bancaire en ligne")
    const account = await accountOf(t, householdId)
    expect(byNumber(account.invoices, "F-2026-000006").status).toBe("paid")
    expect(account.balance).toBe(0)

    const again = await concerto.submit("/mon-espace/factures/fac-6", "/mon-espace/factures/fac-6/payer", {})
    expect(again.status).toBe(400)
    expect(textOf(mainOf(again.body))).toContain(new InvoiceNotPayable({ invoiceNumber: "F-2026-000006", reason: "settled" }).message)

    const lefebvre = await logIn(t, "camille.lefebvre")
    expect((await lefebvre.get(receiptHref ?? "")).status).toBe(404)
    const foreign = await lefebvre.get(`/paiement/payfip/retour?idOp=${idop}`)
    expect(foreign.body).not.toContain(receiptHref ?? "")
  })

  it("takes the notification without session nor CSRF token, and refuses a forged or missing operation", async () => {
    const server = new BrowserLikeClient(t.url)
    const forged = await server.post("/paiement/payfip/notification", { idOp: "sandbox-forged-0000" })
    expect(forged.status).toBe(404)
    expect(forged.headers.get("content-type")).toBe("text/plain; charset=utf-8")
    expect(forged.body).toContain("rien n'a été enregistré")
    const missing = await server.post("/paiement/payfip/notification", {})
    expect(missing.status).toBe(400)
    const unknownReturn = await server.get("/paiement/payfip/retour?idOp=sandbox-forged-0000")
    expect(unknownReturn.status).toBe(404)
    expect(textOf(mainOf(unknownReturn.body))).toContain("Paiement introuvable")
    expect((await server.get("/paiement/bac-a-sable?idop=sandbox-forged-0000")).status).toBe(404)
    const page = await server.get("/")
    expect((await server.post("/paiement/bac-a-sable", { idop: "sandbox-forged-0000", choix: "card" }, { csrf: csrfTokenIn(page.body) })).status).toBe(404)
    expect((await server.post("/paiement/bac-a-sable", { idop: "sandbox-forged-0000", choix: "card" })).status).toBe(403)
  })
})
