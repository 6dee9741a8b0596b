import { AuditLog, CreditNoteRepository, InvoiceRepository, LocalDate, SessionLedger, SessionLedgerRepository, unsafeBillingMonth } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

let t: TestPortal

beforeAll(async () => {
  t = await startTestPortal()
})

afterAll(async () => {
  await t.close()
})

const november = unsafeBillingMonth("2026-11")
const invoicesOf = (month: string) => t.demo.runtime.runPromise(Effect.flatMap(InvoiceRepository, (r) => r.byPeriod(unsafeBillingMonth(month))))
const journal = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const preview = "/agents/facturation?mois=2026-11"
const issue = "/agents/facturation/emission"

describe("the monthly billing run in the back office", () => {
  it("previews November 2026 (not billed yet) without issuing anything: totals per activity, households, invoices, the new lines", async () => {
    const billing = await t.agentClient("billing")
    const page = await billing.get(preview)
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Aperçu de la facturation de novembre 2026")
    for (const words of ["Foyers concernés 5", "Factures à émettre 5", "Montant à facturer", "Par activité", "Par foyer", "Lignes modifiées depuis la dernière facturation", "nouvelle séance facturée", "CONCERTO (FAM-000101)"]) {
      expect(text).toContain(words)
    }
    expect(text).toMatch(/Restauration scolaire \d+ [\d ,]+€/)
    expect(text).toMatch(/Léa Restauration scolaire lundi 2 novembre 2026 nouvelle séance facturée Réservé et présent 2,10 €/)
    expect(page.body).toContain('action="/agents/facturation/emission"')
    expect(text).toContain("Émettre les factures")
    expect(await invoicesOf("2026-11")).toEqual([])
  })

  it("shows the preview to a reader and an agent without the button to issue", async () => {
    for (const role of ["reader", "agent"] as const) {
      const page = await (await t.agentClient(role)).get(preview)
      expect(page.status).toBe(200)
      expect(textOf(page.body)).toContain("Aperçu de la facturation de novembre 2026")
      expect(page.body).not.toContain('action="/agents/facturation/emission"')
    }
  })

  it("shows the month's choice without a preview, and refuses a month that is not one next to the field", async () => {
    const billing = await t.agentClient("billing")
    const page = await billing.get("/agents/facturation")
    expect(page.status).toBe(200)
    expect(textOf(page.body)).toContain("Mois à facturer")
    expect(page.body).toContain('<option value="2026-11"')
    expect(textOf(page.body)).not.toContain("Aperçu de la facturation")
    const wrong = await billing.get("/agents/facturation?mois=2026-13")
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatch(/id="mois-erreur"[^>]*>.*Choisissez un mois dans la liste/)
  })

  it("sends a visitor to the agents' login and refuses a family's account", async () => {
    const visitor = await new BrowserLikeClient(t.url).get(preview)
    expect(visitor.status).toBe(303)
    expect(visitor.location).toBe("/agents/connexion?suite=%2Fagents%2Ffacturation%3Fmois%3D2026-11")
    const family = await t.familyClient()
    expect((await family.get(preview)).status).toBe(403)
    const post = await family.post(issue, { mois: "2026-11", confirmation: "oui" }, { csrf: csrfTokenIn((await family.get("/mon-espace")).body) })
    expect(post.status).toBe(403)
    expect(await invoicesOf("2026-11")).toEqual([])
  })

  it("refuses to issue without the confirmation, next to the box, and issues nothing", async () => {
    const billing = await t.agentClient("billing")
    const answer = await billing.submit(preview, issue, { mois: "2026-11" })
    expect(answer.status).toBe(400)
    expect(answer.body).toMatch(/id="confirmation-erreur"[^>]*>.*Cochez la case pour confirmer/)
    expect(textOf(answer.body)).toContain("Aperçu de la facturation de novembre 2026")
    expect(await invoicesOf("2026-11")).toEqual([])
  })

  it("refuses a reader and an agent (403), journals the refusal and issues nothing", async () => {
    for (const role of ["reader", "agent"] as const) {
      const client = await t.agentClient(role)
      const answer = await client.submit(preview, issue, { mois: "2026-11", confirmation: "oui" })
      expect(answer.status).toBe(403)
      expect(textOf(answer.body)).toContain("ne permet pas de lancer la facturation")
      const [record] = await journal()
      expect([record?.action, record?.outcome, record?.actorRole, record?.target.id]).toEqual(["billing.issue", "denied", role, "2026-11"])
    }
    expect(await invoicesOf("2026-11")).toEqual([])
  })

  it("issues November: the families see their new invoice, the journal has a summary, and issuing again issues nothing", async () => {
    const billing = await t.agentClient("billing")
    const planned = textOf((await billing.get(preview)).body)
    const expected = Number(/Factures à émettre (\d+)/.exec(planned)?.[1])
    expect(expected).toBeGreaterThan(0)
    const answer = await billing.submit(preview, issue, { mois: "2026-11", confirmation: "oui" })
    expect(answer.status).toBe(303)
    expect(answer.location).toBe(`/agents/facturation?mois=2026-11&message=emis&factures=${expected}&avoirs=0`)
    const after = await billing.get(answer.location ?? "")
    expect(textOf(after.body)).toContain(`Émission de novembre 2026 faite : ${expected} factures émises et 0 avoir émis.`)
    expect(after.body).toMatch(/<div class="notice" role="status">/)
    expect(textOf(after.body)).toContain("Rien de nouveau à facturer pour novembre 2026")

    const issued = await invoicesOf("2026-11")
    expect(issued).toHaveLength(expected)
    expect(issued.every((i) => i.period === november && i.issuedOn === "2026-11-26" && i.dueOn === "2026-12-26")).toBe(true)
    const concerto = await t.householdId("FAM-000101")
    const theirs = issued.find((i) => i.householdId === concerto)
    expect(theirs).toBeDefined()
    const familyPage = await (await t.familyClient()).get("/mon-espace/factures")
    expect(familyPage.body).toContain(theirs?.number ?? "missing")

    const [record] = await journal()
    expect([record?.action, record?.outcome, record?.actorRole, record?.target.kind, record?.target.id]).toEqual(["billing.issue", "done", "billing", "billingMonth", "2026-11"])
    expect(record?.after).toMatchObject({ month: "2026-11", invoices: expected, creditNotes: 0 })

    const again = await billing.submit(preview, issue, { mois: "2026-11", confirmation: "oui" })
    expect(again.location).toBe("/agents/facturation?mois=2026-11&message=emis&factures=0&avoirs=0")
    expect(textOf((await billing.get(again.location ?? "")).body)).toContain("Rien de nouveau n'a été émis pour novembre 2026")
    expect(await invoicesOf("2026-11")).toHaveLength(expected)
    expect((await journal())[0]?.after).toMatchObject({ invoices: 0, creditNotes: 0 })
  })

  it("shows a booking removed after the issue as a line to credit, and issues it as a credit note", async () => {
    const concerto = await t.householdId("FAM-000101")
    const day = LocalDate.unsafe("2026-11-30")
    await t.demo.runtime.runPromise(
      Effect.gen(function* () {
        const ledgers = yield* SessionLedgerRepository
        const ledger = (yield* ledgers.between(day, day)).find((l) => l.reservations.some((r) => r.householdId === concerto))
        if (ledger === undefined) return yield* Effect.dieMessage("no CONCERTO booking on 30 November")
        yield* ledgers.save(SessionLedger.make({ ...ledger, reservations: ledger.reservations.filter((r) => r.householdId !== concerto) }))
      })
    )
    const billing = await t.agentClient("billing")
    const text = textOf((await billing.get(preview)).body)
    expect(text).toContain("Avoirs à émettre 1")
    expect(text).toMatch(/CONCERTO \(FAM-000101\) \S+ [^€]+ lundi 30 novembre 2026 retrait par avoir \(facture F-2026-\d{6}\) Réservation supprimée -\d+,\d\d €/)
    const answer = await billing.submit(preview, issue, { mois: "2026-11", confirmation: "oui" })
    expect(answer.location).toBe("/agents/facturation?mois=2026-11&message=emis&factures=0&avoirs=1")
    const notes = await t.demo.runtime.runPromise(Effect.flatMap(CreditNoteRepository, (r) => r.byHousehold(concerto)))
    expect(notes.filter((n) => n.period === november)).toHaveLength(1)
  })
})
