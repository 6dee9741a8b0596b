import {
  AuditLog,
  HouseholdRepository,
  InvoiceRepository,
  invoiceTotal,
  LocalDate,
  loadHouseholdAccount,
  PaymentRepository,
  readCsv,
  registerHousehold,
  writeCsvRows
} from "@spe/core"
import { Effect, Either, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { textOf } from "../testing/PageText.js"

/** The token of the checked file, in the « Appliquer » form. */
const csvTokenIn = (html: string): string => /name="jeton" value="([^"]+)"/.exec(html)?.[1] ?? ""

const csvFile = (fileName: string, rows: ReadonlyArray<ReadonlyArray<string>>) => ({ fileName, type: "text/csv", bytes: new TextEncoder().encode(writeCsvRows(rows)) })

const householdHeader = ["Référence", "Nom de famille", "Adresse", "Code postal", "Commune", "E-mail", "Habite la commune", "Responsable 1 prénom", "Responsable 1 lien", "Enfant 1 prénom", "Enfant 1 date de naissance", "QF", "QF valable du", "QF valable au"]
const household = (reference: string, familyName: string, birthDate = "04/03/2018") => [reference, familyName, "12 rue Gambetta", "76320", "Saint-Pierre-lès-Elbeuf", `${reference.toLowerCase()}@exemple.fr`, "oui", "Inès", "Mère", "Noé", birthDate, "640", "01/01/2026", "31/12/2026"]

const auditOf = (t: TestPortal) => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))

describe("the exports (Échanges)", () => {
  let t: TestPortal
  beforeAll(async () => {
    t = await startTestPortal()
  })
  afterAll(async () => {
    await t.close()
  })

  it("shows the datasets, the period, the formats and every dataset's columns; the menu says « Échanges »", async () => {
    const reader = await t.agentClient("reader")
    const page = await reader.get("/agents/exports")
    expect(page.status).toBe(200)
    const text = textOf(page.body)
    expect(text).toContain("Exports de données")
    expect(text).toContain("Échanges")
    for (const title of ["Factures et avoirs", "Paiements", "Impayés pour le Trésor public (titres de recettes)", "Présences par activité et par mois (CAF)", "Foyers"]) expect(text).toContain(title)
    expect(text).toContain("Heures réalisées")
    expect(page.body).toContain('action="/agents/exports/fichier"')
    expect(text).not.toContain("Imports")
  })

  it("downloads the invoices of a period as CSV, read back and compared with the invoices the town holds", async () => {
    const billing = await t.agentClient("billing")
    const answer = await billing.get("/agents/exports/fichier?jeu=factures&du=2026-09-01&au=2026-11-30&format=csv")
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8")
    expect(answer.headers.get("content-disposition")).toBe('attachment; filename="factures-avoirs-2026-09-01-2026-11-30.csv"')
    expect([...answer.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = Either.getOrThrow(readCsv(answer.body)).map((r) => r.cells)
    expect(header?.slice(0, 4)).toEqual(["Type", "Numéro", "Date d'émission", "Échéance"])
    const stored = await t.demo.runtime.runPromise(
      Effect.flatMap(InvoiceRepository, (r) => r.search({ issuedFrom: LocalDate.unsafe("2026-09-01"), issuedTo: LocalDate.unsafe("2026-11-30") }))
    )
    expect(stored.length).toBeGreaterThan(0)
    const exported = new Map(rows.filter((r) => r[0] === "facture").map((r) => [r[1], Math.round(Number((r[9] ?? "").replace(",", ".")) * 100)]))
    expect(exported).toEqual(new Map(stored.map((i) => [i.number, invoiceTotal(i)])))
  })

  it("downloads the households as JSON: one object per household, fields named by the documented keys", async () => {
    const agent = await t.agentClient("agent")
    const answer = await agent.get("/agents/exports/fichier?jeu=foyers&du=01/11/2026&au=26/11/2026&format=json")
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8")
    const document = JSON.parse(answer.body) as { dataset: string; from: string; rows: ReadonlyArray<Record<string, unknown>> }
    expect(document).toMatchObject({ dataset: "households", from: "2026-11-01" })
    const households = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (r) => r.list))
    expect(document.rows.map((r) => r["reference"])).toEqual(households.map((h) => h.reference).sort())
    expect(document.rows.find((r) => r["reference"] === "FAM-000101")).toMatchObject({ familyName: "CONCERTO", email: "a.baud@arpege.fr" })
  })

  it("refuses what cannot be read, next to each field, with status 400", async () => {
    const agent = await t.agentClient("agent")
    const unknown = await agent.get("/agents/exports/fichier?jeu=inconnu&du=2026-13-01&au=2026-11-30&format=xls")
    expect(unknown.status).toBe(400)
    const text = textOf(unknown.body)
    expect(text).toContain("Choisissez les données à exporter dans la liste.")
    expect(text).toContain("Écrivez une date, par exemple 01/10/2026.")
    expect(text).toContain("Choisissez le format CSV ou JSON.")
    expect(unknown.body).toContain('id="du-erreur"')
    const reversed = await agent.get("/agents/exports/fichier?jeu=paiements&du=2026-11-30&au=2026-11-01&format=csv")
    expect(reversed.status).toBe(400)
    expect(textOf(reversed.body)).toContain("La fin de la période doit être le jour du début ou après.")
    expect(reversed.body).toContain('value="2026-11-30"')
  })

  it("refuses a family (403) and sends a visitor to the agents' login", async () => {
    const family = await t.familyClient()
    expect((await family.get("/agents/exports")).status).toBe(403)
    expect((await family.get("/agents/exports/fichier?jeu=foyers&du=2026-11-01&au=2026-11-26&format=csv")).status).toBe(403)
    const visitor = new BrowserLikeClient(t.url)
    const answer = await visitor.get("/agents/exports")
    expect(answer.status).toBe(303)
    expect(answer.location).toBe("/agents/connexion?suite=%2Fagents%2Fexports")
  })
})

describe("the imports (Échanges)", () => {
  let t: TestPortal
  beforeAll(async () => {
    t = await startTestPortal()
  })
  afterAll(async () => {
    await t.close()
  })

  it("shows each role the imports it may do; a reader and a family get 403, a visitor the login", async () => {
    const agent = textOf((await (await t.agentClient("agent")).get("/agents/imports")).body)
    expect(agent).toContain("Foyers, membres et QF")
    expect(agent).toContain("Responsable N prénom")
    expect(agent).not.toContain("Paiements reçus par le Trésor public")
    const billing = textOf((await (await t.agentClient("billing")).get("/agents/imports")).body)
    expect(billing).toContain("Paiements reçus par le Trésor public")
    expect(billing).not.toContain("Foyers, membres et QF")
    const admin = textOf((await (await t.agentClient("admin")).get("/agents/imports")).body)
    expect(admin).toContain("Foyers, membres et QF")
    expect(admin).toContain("Référence Trésor")
    const reader = await (await t.agentClient("reader")).get("/agents/imports")
    expect(reader.status).toBe(403)
    expect(textOf(reader.body)).toContain("ne permet pas de modifier les foyers")
    expect((await (await t.familyClient()).get("/agents/imports")).status).toBe(403)
    expect((await new BrowserLikeClient(t.url).get("/agents/imports")).location).toBe("/agents/connexion?suite=%2Fagents%2Fimports")
  })

  it("asks for the file next to its field when none is sent (400)", async () => {
    const agent = await t.agentClient("agent")
    const answer = await agent.submitMultipart("/agents/imports", "/agents/imports/foyers", {}, {})
    expect(answer.status).toBe(400)
    expect(answer.body).toContain('id="fichier-foyers-erreur"')
    expect(textOf(answer.body)).toContain("Choisissez le fichier CSV à vérifier (séparateur point-virgule).")
  })

  it("checks a households' file with refused rows: each line and reason, no « Appliquer », nothing created", async () => {
    const agent = await t.agentClient("agent")
    const file = csvFile("foyers.csv", [householdHeader, household("IMP-0001", "MÉNARD"), household("IMP-0002", "PETIT", "31/02/2019"), household("FAM-000101", "DOUBLON")])
    const answer = await agent.submitMultipart("/agents/imports", "/agents/imports/foyers", {}, { "fichier-foyers": file })
    expect(answer.status).toBe(200)
    const text = textOf(answer.body)
    expect(text).toContain("3 lignes lues : 1 foyer accepté, 2 lignes refusées.")
    expect(text).toContain("Enfant 1 date de naissance : « 31/02/2019 » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 04/03/2018.")
    expect(text).toContain("Référence : la référence FAM-000101 est déjà celle d'un foyer de la commune (CONCERTO)")
    expect(answer.body).not.toContain('name="jeton"')
    const found = await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (r) => r.findByReference("IMP-0001")))
    expect(Option.isNone(found)).toBe(true)
  })

  it("checks a good file, then « Appliquer » imports it in one audited command; the kept file cannot be applied twice", async () => {
    const agent = await t.agentClient("agent")
    const file = csvFile("foyers-rentree.csv", [householdHeader, household("IMP-0010", "MÉNARD"), household("IMP-0011", "LEROY")])
    const checked = await agent.submitMultipart("/agents/imports", "/agents/imports/foyers", {}, { "fichier-foyers": file })
    expect(checked.status).toBe(200)
    expect(textOf(checked.body)).toContain("2 lignes lues : 2 foyers acceptés, 0 ligne refusée.")
    const token = csvTokenIn(checked.body)
    const applied = await agent.submit("/agents/imports", "/agents/imports/foyers/application", { jeton: token })
    expect(applied.status).toBe(200)
    const text = textOf(applied.body)
    expect(text).toContain("2 foyers importés depuis foyers-rentree.csv")
    const created = Option.getOrThrow(await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (r) => r.findByReference("IMP-0010"))))
    expect(created).toMatchObject({ familyName: "MÉNARD", children: [{ firstName: "Noé", birthDate: "2018-03-04" }] })
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "households.import", outcome: "done", actorName: "Claire DUBOIS", target: { kind: "import", id: "foyers-rentree.csv" }, before: null })
    expect(record?.after).toMatchObject({ rows: 2, households: [{ reference: "IMP-0010", householdId: created.id }, { reference: "IMP-0011" }] })
    expect(t.world.mails.temporaryCredentials.map((m) => m.email)).toEqual(expect.arrayContaining(["imp-0010@exemple.fr", "imp-0011@exemple.fr"]))
    const again = await agent.submit("/agents/imports", "/agents/imports/foyers/application", { jeton: token })
    expect(again.status).toBe(400)
    expect(textOf(again.body)).toContain("Ce fichier vérifié n'est plus disponible")
  })

  it("refuses a forged or another agent's token, and applies nothing when a row became refused since the check (400, journaled as refused)", async () => {
    const agent = await t.agentClient("agent")
    const checked = await agent.submitMultipart("/agents/imports", "/agents/imports/foyers", {}, { "fichier-foyers": csvFile("tardif.csv", [householdHeader, household("IMP-0020", "TARDIF")]) })
    const token = csvTokenIn(checked.body)
    const admin = await t.agentClient("admin")
    expect((await admin.submit("/agents/imports", "/agents/imports/foyers/application", { jeton: token })).status).toBe(400)
    expect((await agent.submit("/agents/imports", "/agents/imports/foyers/application", { jeton: `${token}x` })).status).toBe(400)
    await t.demo.runtime.runPromise(
      registerHousehold({
        reference: "IMP-0020",
        familyName: "PREMIER",
        address: { line1: "1 rue Basse", postalCode: "76320", city: "Saint-Pierre-lès-Elbeuf" },
        contact: { email: "premier@exemple.fr", phones: [] },
        residency: "resident",
        adults: [{ firstName: "Max", lastName: "PREMIER", isPayer: true }],
        children: []
      })
    )
    const applied = await agent.submit("/agents/imports", "/agents/imports/foyers/application", { jeton: token })
    expect(applied.status).toBe(400)
    const text = textOf(applied.body)
    expect(text).toContain("1 ligne sur 1 est refusée (ligne 2) : aucun foyer n'a été importé.")
    expect(text).toContain("est déjà celle d'un foyer de la commune (PREMIER)")
    const [record] = await auditOf(t)
    expect(record).toMatchObject({ action: "households.import", outcome: "refused", target: { id: "tardif.csv" } })
  })

  it("refuses a role without households.write before reading the file (403), and a family", async () => {
    const billing = await t.agentClient("billing")
    const file = csvFile("foyers.csv", [householdHeader, household("IMP-0030", "REFUS")])
    const page = await billing.get("/agents/imports")
    const answer = await billing.postMultipart("/agents/imports/foyers", {}, { "fichier-foyers": file }, { csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "" })
    expect(answer.status).toBe(403)
    const family = await t.familyClient()
    const home = await family.get("/mon-espace")
    expect((await family.postMultipart("/agents/imports/foyers", {}, { "fichier-foyers": file }, { csrf: /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? "" })).status).toBe(403)
    expect(Option.isNone(await t.demo.runtime.runPromise(Effect.flatMap(HouseholdRepository, (r) => r.findByReference("IMP-0030"))))).toBe(true)
  })

  it("imports the Treasury's payments once: check, apply, journal; the same file again records nothing new", async () => {
    const unpaid = await t.demo.runtime.runPromise(
      Effect.gen(function* () {
        const invoices = yield* (yield* InvoiceRepository).search({})
        for (const invoice of [...invoices].sort((a, b) => (a.number < b.number ? -1 : 1))) {
          const situation = (yield* loadHouseholdAccount(invoice.householdId)).invoices.find((s) => s.invoice.id === invoice.id)
          if (situation !== undefined && situation.remaining >= 200) return situation
        }
        return undefined
      })
    )
    expect(unpaid).toBeDefined()
    if (unpaid === undefined) return
    const billing = await t.agentClient("billing")
    const rows = [["Date du paiement", "Facture", "Montant", "Payeur", "Référence Trésor"], ["20/11/2026", unpaid.invoice.number, "2,00", "Famille", "DGFIP-HTTP-1"]]
    const checked = await billing.submitMultipart("/agents/imports", "/agents/imports/paiements-tresor", {}, { "fichier-tresor": csvFile("tresor.csv", rows) })
    expect(checked.status).toBe(200)
    expect(textOf(checked.body)).toContain("1 ligne lue : 1 paiement nouveau, 0 déjà enregistré, 0 ligne refusée.")
    const applied = await billing.submit("/agents/imports", "/agents/imports/paiements-tresor/application", { jeton: csvTokenIn(checked.body) })
    expect(applied.status).toBe(200)
    expect(textOf(applied.body)).toContain("1 paiement enregistré depuis tresor.csv")
    const payment = Option.getOrThrow(await t.demo.runtime.runPromise(Effect.flatMap(PaymentRepository, (r) => r.byIdempotencyKey("treasury:DGFIP-HTTP-1"))))
    expect(payment).toMatchObject({ method: "treasury", amount: 200, invoiceIds: [unpaid.invoice.id] })
    expect((await auditOf(t))[0]).toMatchObject({ action: "payments.importTreasury", outcome: "done", actorRole: "billing", target: { id: "tresor.csv" } })
    const again = await billing.submitMultipart("/agents/imports", "/agents/imports/paiements-tresor", {}, { "fichier-tresor": csvFile("tresor.csv", rows) })
    expect(textOf(again.body)).toContain("1 ligne lue : 0 paiement nouveau, 1 déjà enregistré, 0 ligne refusée.")
    expect(again.body).not.toContain('name="jeton"')
    const agent = await t.agentClient("agent")
    const page = await agent.get("/agents/imports")
    const refused = await agent.postMultipart("/agents/imports/paiements-tresor", {}, { "fichier-tresor": csvFile("tresor.csv", rows) }, { csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "" })
    expect(refused.status).toBe(403)
  })
})
