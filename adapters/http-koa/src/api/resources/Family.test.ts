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

const canteenUsage = { uses: [{ activityId: "restauration-scolaire", daysPerWeek: 4 }] }

describe("the API's household and quotient", () => {
  it("gives the caller's household only, with its members' ids; the same with the session cookie", async () => {
    const household = await concerto.get("/api/v1/household")
    expect(household.status).toBe(200)
    expect(household.json).toMatchObject({
      id: await t.householdId("FAM-000101"),
      reference: "FAM-000101",
      familyName: "CONCERTO",
      residency: "resident",
      address: { line1: "1 Chemin de la Cote", postalCode: "76320" },
      contact: { email: "a.baud@arpege.fr" }
    })
    expect(household.json.adults.map((a: { relationship: string }) => a.relationship)).toEqual(["Maman", "Papa"])
    expect(household.json.children.map((c: { firstName: string; birthDate: string }) => [c.firstName, c.birthDate])).toEqual([["Léa", "2018-04-14"], ["Hugo", "2022-02-09"]])
    const { api } = await sessionClientFor(t)
    expect((await api.get("/api/v1/household")).json).toEqual(household.json)
    const other = await camille.get("/api/v1/household")
    expect(other.json.familyName).toBe("LEFEBVRE")
    expect(JSON.stringify(other.json)).not.toContain("CONCERTO")
  })

  it("gives the QF prices use today, where it comes from, and its history", async () => {
    const quotient = await concerto.get("/api/v1/quotient")
    expect(quotient.status).toBe(200)
    expect(quotient.json).toMatchObject({
      on: "2026-11-26",
      current: { qf: 780, validFrom: "2026-01-01", validTo: "2026-12-31", source: { _tag: "CafNumber" } },
      currentSource: "transmis par la CAF (allocataire n° 1234567)",
      pricing: { _tag: "QuotientKnown", qf: 780, source: "caf" }
    })
    expect(quotient.json.history.length).toBeGreaterThanOrEqual(1)
    const expired = await camille.get("/api/v1/quotient")
    expect(expired.json.current).toBeUndefined()
    expect(expired.json.pricing).toEqual({ _tag: "QuotientMissing" })
    expect(expired.json.history[0]).toMatchObject({ qf: 610, validTo: "2026-08-31" })
  })
})

describe("the API's tariff simulations", () => {
  it("prices the household's own situation like its invoices: each child, each price explained, a monthly estimate", async () => {
    const simulation = await concerto.post("/api/v1/tariff-simulations", { usage: canteenUsage })
    expect(simulation.status).toBe(200)
    expect(simulation.json).toMatchObject({ schoolYear: "2026-2027", quotient: { _tag: "QuotientKnown", qf: 780, source: "caf" }, residency: "resident", monthlyTotal: (210 + 189) * 16 })
    const [activity] = simulation.json.activities
    expect(activity).toMatchObject({ activityId: "restauration-scolaire", daysPerWeek: 4, weeks: 4 })
    expect(activity.children.map((c: { childLabel: string; rank: number; unitPrice: number }) => [c.childLabel, c.rank, c.unitPrice])).toEqual([["Léa", 1, 210], ["Hugo", 2, 189]])
    expect(activity.children[1].explanation.lines).toContain("Réduction fratrie, 2e enfant (-10 %) : -0,21 €")
    expect(activity.children[1].explanation.base).toMatchObject({ _tag: "BandPrice", bandLabel: "T2" })
    expect(simulation.json.lines.at(-1)).toBe("Estimation pour un mois de 4 semaines : 63,84 €")
    const { api } = await sessionClientFor(t)
    expect((await api.post("/api/v1/tariff-simulations", { usage: canteenUsage })).json).toEqual(simulation.json)
    expect((await api.withCsrf(undefined).post("/api/v1/tariff-simulations", { usage: canteenUsage })).status).toBe(403)
  })

  it("prices another situation: a known QF, or a QF computed from income and parts, non-resident", async () => {
    const known = await concerto.post("/api/v1/tariff-simulations", {
      situation: { income: { _tag: "KnownQuotient", qf: 400 }, adults: 2, children: 2, residency: "resident" },
      usage: { uses: [{ activityId: "restauration-scolaire", daysPerWeek: 4, children: 2 }] }
    })
    expect(known.status).toBe(200)
    expect(known.json.activities[0].children.map((c: { childLabel: string; unitPrice: number }) => [c.childLabel, c.unitPrice])).toEqual([["1er enfant", 100], ["2e enfant", 90]])
    const income = await concerto.post("/api/v1/tariff-simulations", {
      situation: { income: { _tag: "FromIncome", annualIncome: 3_600_000, monthlyBenefits: 15_000 }, adults: 2, children: 2, residency: "non-resident" },
      usage: { uses: [{ activityId: "restauration-scolaire", daysPerWeek: 4, children: 1 }] }
    })
    expect(income.json.quotient).toEqual({ _tag: "QuotientKnown", qf: 1050, source: "simulation" })
    expect(income.json.activities[0].children[0].unitPrice).toBe(384)
    expect(income.json.activities[0].children[0].explanation.modifiers[0]).toMatchObject({ kind: "non-resident", change: 64 })
  })

  it("refuses an invalid simulation with 422, each problem's JSON Pointer into the body and the core's French message", async () => {
    const invalid = await concerto.post("/api/v1/tariff-simulations", {
      situation: { income: { _tag: "KnownQuotient", qf: 400 }, adults: 3, children: 2, residency: "resident" },
      usage: { uses: [{ activityId: "restauration-scolaire", daysPerWeek: 9 }] }
    })
    expect(invalid.status).toBe(422)
    expect(invalid.json.code).toBe("InvalidInput")
    expect(invalid.json.errors).toEqual([
      { path: "/situation/adults", message: "Le nombre de parents doit valoir au plus 2." },
      { path: "/usage/uses/0/daysPerWeek", message: "Le nombre de jours par semaine doit valoir au plus 7." }
    ])
    const missing = await concerto.post("/api/v1/tariff-simulations", {})
    expect(missing.json.errors).toEqual([{ path: "/usage", message: "Indiquez les activités à simuler (usage)." }])
    const hugo = (await concerto.get("/api/v1/household")).json.children[1].id as string
    const foreignChild = await camille.post("/api/v1/tariff-simulations", { usage: { uses: [{ activityId: "restauration-scolaire", daysPerWeek: 4, childIds: [hugo] }] } })
    expect(foreignChild.status).toBe(422)
    expect(foreignChild.json.errors).toEqual([{ path: "/usage/uses/0/childIds", message: `Ces enfants ne font pas partie du foyer : ${hugo}.` }])
    const unpublished = await concerto.post("/api/v1/tariff-simulations", { usage: { uses: [{ activityId: "piscine", daysPerWeek: 1 }] } })
    expect(unpublished.status).toBe(422)
    expect(unpublished.json).toMatchObject({ code: "NoTariffGridForActivity", detail: expect.stringContaining("n'est pas encore publié") })
  })
})
