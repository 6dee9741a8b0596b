import { AuditLog, type HouseholdId, LocalDate, quotientHistory, recordCafQuotient, simulateTariffForHousehold } from "@spe/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient, csrfTokenIn } from "../testing/BrowserLikeClient.js"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { mainTextOf, textOf } from "../testing/PageText.js"

const fieldError = (html: string, field: string) =>
  textOf(new RegExp(`<p class="field-error" id="${field}-erreur">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? "").replace("Erreur :", "").trim()

let t: TestPortal
let lefebvre: HouseholdId
let concerto: HouseholdId

const auditOf = () => t.demo.runtime.runPromise(Effect.flatMap(AuditLog, (log) => log.list({})))
const historyOf = (id: HouseholdId) => t.demo.runtime.runPromise(quotientHistory(id))

beforeAll(async () => {
  t = await startTestPortal()
  lefebvre = await t.householdId("FAM-000103")
  concerto = await t.householdId("FAM-000101")
})

afterAll(async () => {
  await t.close()
})

describe("the QF of a household in the back office", () => {
  it("is for agents who may change households: 303 to the login, 403 for a family and a reader", async () => {
    const path = `/agents/foyers/${lefebvre}/qf`
    const visitor = await new BrowserLikeClient(t.url).get(path)
    expect(visitor.location).toBe(`/agents/connexion?suite=${encodeURIComponent(path)}`)
    expect((await (await t.familyClient("camille.lefebvre")).get(path)).status).toBe(403)
    const reader = await (await t.agentClient("reader")).get(path)
    expect(reader.status).toBe(403)
    expect(mainTextOf(reader.body)).toContain("ne permet pas de modifier les foyers")
    expect((await (await t.agentClient("agent")).get("/agents/foyers/hh-inconnu/qf")).status).toBe(404)
  })

  it("refuses every action to a family's account (403) and to a visitor, changing nothing", async () => {
    const family = await t.familyClient("camille.lefebvre")
    const csrf = csrfTokenIn((await family.get("/mon-espace")).body)
    const visitor = new BrowserLikeClient(t.url)
    const visitorCsrf = csrfTokenIn((await visitor.get("/")).body)
    const before = await historyOf(lefebvre)
    const fields = { "fixer-qf": "1", "fixer-motif": "x", "fixer-debut": "2026-11-26", "fixer-fin": "2027-08-31", "caf-numero": "1", "caf-qf": "1", "caf-debut": "2026-11-26", "caf-fin": "2027-08-31", decision: "valider" }
    for (const path of [`/agents/foyers/${lefebvre}/qf/fixer`, `/agents/foyers/${lefebvre}/qf/caf`, `/agents/foyers/${lefebvre}/qf/${before[0]?.id}/decision`]) {
      expect((await family.post(path, fields, { csrf })).status, path).toBe(403)
      expect((await visitor.post(path, fields, { csrf: visitorCsrf })).status, path).toBe(303)
    }
    expect(await historyOf(lefebvre)).toEqual(before)
  })

  it("shows the QF that applies, or says the highest tariff applies, and the history", async () => {
    const agent = await t.agentClient("agent")
    const page = await agent.get(`/agents/foyers/${lefebvre}/qf`)
    expect(page.status).toBe(200)
    const text = mainTextOf(page.body)
    expect(text).toContain("Quotient familial du foyer LEFEBVRE")
    expect(text).toContain("Aucun quotient familial valide aujourd'hui : le tarif le plus élevé s'applique.")
    expect(text).toContain("610 € transmis par la CAF (allocataire n° 2345678) du lundi 1er septembre 2025 au lundi 31 août 2026")
    expect(page.body).toContain('name="fixer-debut" type="date" value="2026-11-26"')
    expect(page.body).toContain('name="fixer-fin" type="date" value="2027-08-31"')
  })

  it("sets a QF with its reason and dates: the family's « Mes QF/Revenus » shows it and prices use it; audited", async () => {
    const simulate = () =>
      t.demo.runtime.runPromise(
        simulateTariffForHousehold(lefebvre, LocalDate.unsafe("2026-11-26"), { uses: [{ activityId: "restauration-scolaire", daysPerWeek: 4 }], weeks: 4 })
      )
    const withoutQuotient = await simulate()
    expect(withoutQuotient.quotient._tag).toBe("QuotientMissing")
    const agent = await t.agentClient("agent")
    const path = `/agents/foyers/${lefebvre}/qf`
    const refused = await agent.submit(path, `${path}/fixer`, { "fixer-qf": "", "fixer-motif": "Perte d'emploi", "fixer-debut": "2026-12-01", "fixer-fin": "2026-11-30" })
    expect(refused.status).toBe(400)
    expect(fieldError(refused.body, "fixer-qf")).toBe("Indiquez le quotient familial.")
    expect(refused.body).toContain("Perte d&#x27;emploi")
    const refusedDates = await agent.submit(path, `${path}/fixer`, { "fixer-qf": "450", "fixer-motif": "Perte d'emploi", "fixer-debut": "2026-12-01", "fixer-fin": "2026-11-30" })
    expect(fieldError(refusedDates.body, "fixer-fin")).toBe("La fin de validité doit suivre le début de validité.")
    const notNumber = await agent.submit(path, `${path}/fixer`, { "fixer-qf": "4 cent", "fixer-motif": "x", "fixer-debut": "2026-11-26", "fixer-fin": "2027-08-31" })
    expect(fieldError(notNumber.body, "fixer-qf")).toBe("Le quotient familial doit être un nombre.")
    const done = await agent.submit(path, `${path}/fixer`, { "fixer-qf": "450", "fixer-motif": "Perte d'emploi en novembre 2026", "fixer-debut": "2026-11-26", "fixer-fin": "2027-08-31" })
    expect(done.location).toBe(`${path}?message=qf-fixe`)
    const after = await agent.get(done.location ?? "")
    expect(mainTextOf(after.body)).toContain("Le quotient familial est fixé et validé.")
    expect(mainTextOf(after.body)).toContain("450 €, fixé par le Service à la Population (Perte d'emploi en novembre 2026)")
    const family = mainTextOf((await (await t.familyClient("camille.lefebvre")).get("/mon-espace/quotient-familial")).body)
    expect(family).toMatch(/Mon quotient familial aujourd'hui Quotient familial 450 €/)
    expect(family).toContain("Perte d'emploi en novembre 2026")
    const simulation = await simulate()
    expect(simulation.quotient).toMatchObject({ _tag: "QuotientKnown", qf: 450 })
    expect(simulation.monthlyTotal).toBeLessThan(withoutQuotient.monthlyTotal)
    const [record] = await auditOf()
    expect(record).toMatchObject({ action: "quotients.set", outcome: "done", actorName: "Claire DUBOIS", target: { kind: "household", id: lefebvre }, before: null })
    expect(record?.after).toMatchObject({ qf: 450, source: { _tag: "SetByAgent", agent: "Claire DUBOIS", reason: "Perte d'emploi en novembre 2026" }, review: { _tag: "Validated" } })
    expect((await auditOf()).slice(1, 4).map((r) => [r.action, r.outcome])).toEqual([
      ["quotients.set", "refused"],
      ["quotients.set", "refused"],
      ["quotients.set", "refused"]
    ])
  })

  it("records the QF the CAF gives, validated at once", async () => {
    const agent = await t.agentClient("agent")
    const path = `/agents/foyers/${lefebvre}/qf`
    const refused = await agent.submit(path, `${path}/caf`, { "caf-numero": "23-45", "caf-qf": "512", "caf-debut": "2027-01-01", "caf-fin": "2027-12-31" })
    expect(refused.status).toBe(400)
    expect(fieldError(refused.body, "caf-numero")).toBe("Le numéro d'allocataire CAF ne contient que des chiffres (7 le plus souvent).")
    expect(refused.body).toContain('value="512"')
    const done = await agent.submit(path, `${path}/caf`, { "caf-numero": "2345678", "caf-qf": "512", "caf-debut": "2027-01-01", "caf-fin": "2027-12-31" })
    expect(done.location).toBe(`${path}?message=qf-caf`)
    const latest = (await historyOf(lefebvre)).at(-1)
    expect(latest).toMatchObject({ qf: 512, source: { _tag: "CafNumber", cafNumber: "2345678" }, review: { _tag: "Validated", by: "Claire DUBOIS" } })
    expect((await auditOf())[0]).toMatchObject({ action: "quotients.recordCaf", outcome: "done", target: { id: lefebvre } })
  })

  it("validates a pending QF, or rejects it with a reason the family reads", async () => {
    const agent = await t.agentClient("agent")
    const first = await t.demo.runtime.runPromise(recordCafQuotient({ householdId: concerto, cafNumber: "1234567", qf: 795, validFrom: "2027-01-01", validTo: "2027-12-31" }))
    const second = await t.demo.runtime.runPromise(recordCafQuotient({ householdId: concerto, cafNumber: "1234567", qf: 1795, validFrom: "2027-01-01", validTo: "2027-12-31" }))
    const path = `/agents/foyers/${concerto}/qf`
    const page = await agent.get(path)
    expect(mainTextOf(page.body)).toContain("795 €, transmis par la CAF (allocataire n° 1234567), du vendredi 1er janvier 2027 au vendredi 31 décembre 2027")
    const noReason = await agent.submit(path, `${path}/${second.id}/decision`, { decision: "refuser", [`motif-${second.id}`]: "" })
    expect(noReason.status).toBe(400)
    expect(fieldError(noReason.body, `motif-${second.id}`)).toBe("Indiquez le motif du refus : la famille le verra.")
    const rejected = await agent.submit(path, `${path}/${second.id}/decision`, { decision: "refuser", [`motif-${second.id}`]: "Le montant ne correspond pas à l'attestation CAF." })
    expect(rejected.location).toBe(`${path}?message=qf-refuse`)
    const validated = await agent.submit(path, `${path}/${first.id}/decision`, { decision: "valider", [`motif-${first.id}`]: "" })
    expect(validated.location).toBe(`${path}?message=qf-valide`)
    const history = await historyOf(concerto)
    expect(history.find((r) => r.id === first.id)?.review).toMatchObject({ _tag: "Validated", by: "Claire DUBOIS" })
    expect(history.find((r) => r.id === second.id)?.review).toMatchObject({ _tag: "Rejected", reason: "Le montant ne correspond pas à l'attestation CAF." })
    const again = await agent.submit(path, `${path}/${first.id}/decision`, { decision: "refuser", [`motif-${first.id}`]: "Erreur" })
    expect(again.status).toBe(400)
    expect(mainTextOf(again.body)).toContain("Ce quotient familial a déjà été validé")
    const family = mainTextOf((await (await t.familyClient()).get("/mon-espace/quotient-familial")).body)
    expect(family).toContain("Le montant ne correspond pas à l'attestation CAF.")
    const [, validation, rejection] = await auditOf()
    expect(validation).toMatchObject({ action: "quotients.review", outcome: "done", before: { review: { _tag: "Pending" } }, after: { review: { _tag: "Validated" } } })
    expect(rejection).toMatchObject({ action: "quotients.review", outcome: "done", after: { review: { _tag: "Rejected" } } })
    const foreign = await agent.submit(path, `/agents/foyers/${lefebvre}/qf/${first.id}/decision`, { decision: "valider" })
    expect(foreign.status).toBe(404)
    expect((await agent.submit(path, `${path}/qf-inconnu/decision`, { decision: "valider" })).status).toBe(404)
  })

  it("refuses a reader's and a billing agent's actions with 403, changing nothing, and records them", async () => {
    for (const role of ["reader", "billing"] as const) {
      const client = await t.agentClient(role)
      const before = (await historyOf(lefebvre)).length
      const answer = await client.post(`/agents/foyers/${lefebvre}/qf/fixer`, { "fixer-qf": "1", "fixer-motif": "x", "fixer-debut": "2026-11-26", "fixer-fin": "2027-08-31" }, { csrf: csrfTokenIn((await client.get("/agents")).body) })
      expect(answer.status).toBe(403)
      expect((await historyOf(lefebvre)).length).toBe(before)
      expect((await auditOf())[0]).toMatchObject({ action: "quotients.set", outcome: "denied", actorRole: role })
    }
  })
})
