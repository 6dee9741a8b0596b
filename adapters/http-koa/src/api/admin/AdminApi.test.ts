import {
  AuditLog,
  type AuditRecord,
  BillingMonth,
  CreditNoteRepository,
  HouseholdRepository,
  InvoiceRepository,
  PaymentRepository,
  revokeIntegrationKey,
  SessionLedgerRepository
} from "@spe/core"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestPortal, type TestPortal } from "../../testing/TestPortal.js"
import { ApiClient, apiTokenFor } from "../testing/ApiClient.js"
import { adminApiOperations } from "./AdminRoutes.js"
import { integrationTokenFor, testAdmin } from "./testing/IntegrationKeys.js"

let t: TestPortal
let all: ApiClient
let keyId: string

const run = <A, E>(effect: Effect.Effect<A, E, any>): Promise<A> => t.demo.runtime.runPromise(effect as Effect.Effect<A, E, never>)
const audit = (): Promise<ReadonlyArray<AuditRecord>> => run(Effect.flatMap(AuditLog, (log) => log.list({})))

beforeAll(async () => {
  t = await startTestPortal()
  const created = await integrationTokenFor(t, ["households:read", "households:write", "activities:read", "reservations:read", "attendance:write", "billing:read", "payments:write"], "Progiciel financier")
  keyId = created.keyId
  all = new ApiClient(t.url, { token: created.token })
})

afterAll(async () => {
  await t.close()
})

const expectProblem = (response: { status: number; headers: Headers; json: any }, status: number, code: string) => {
  expect(response.status).toBe(status)
  expect(response.headers.get("content-type")).toContain("application/problem+json")
  expect(response.json.code).toBe(code)
}

describe("the agents' API: who may call it", () => {
  it("refuses a call without a key (401), with a family's key (401, otherApi), with a revoked key (401)", async () => {
    expectProblem(await new ApiClient(t.url).get("/api/v1/admin/households"), 401, "IntegrationKeyRequired")
    const familyToken = await apiTokenFor(t, "maman.concerto")
    const withFamilyKey = await new ApiClient(t.url, { token: familyToken }).get("/api/v1/admin/households")
    expectProblem(withFamilyKey, 401, "ApiKeyRejected")
    expect(withFamilyKey.json.detail).toContain("/api/v1/admin")
    const revoked = await integrationTokenFor(t, ["households:read"], "Clé révoquée")
    await run(revokeIntegrationKey(testAdmin, { keyId: revoked.keyId }))
    expectProblem(await new ApiClient(t.url, { token: revoked.token }).get("/api/v1/admin/households"), 401, "ApiKeyRejected")
  })

  it("refuses the families' API to an integration key", async () => {
    const response = await all.get("/api/v1/household")
    expectProblem(response, 401, "ApiKeyRejected")
  })

  it("answers 403 naming the missing scope, journals the refusal, and changes nothing", async () => {
    const { token, keyId: readerId } = await integrationTokenFor(t, ["billing:read"], "Lecture seule")
    const reader = new ApiClient(t.url, { token })
    const response = await reader.get("/api/v1/admin/households")
    expectProblem(response, 403, "ApiScopeMissing")
    expect(response.json.detail).toContain("households:read")
    const hh = await t.householdId("FAM-000101")
    const payments = async () => (await run(Effect.flatMap(PaymentRepository, (p) => p.byHousehold(hh)))).length
    const before = await payments()
    const post = await reader.post("/api/v1/admin/payments", { householdId: hh, invoiceIds: [], amount: 100, method: "cesu", reference: "CESU-NOPE", receivedOn: "2026-11-25" })
    expectProblem(post, 403, "ApiScopeMissing")
    expect(post.json.detail).toContain("payments:write")
    expect(await payments()).toBe(before)
    const denied = (await audit()).filter((r) => r.actorAccountId === `api-key:${readerId}`)
    expect(denied.map((r) => [r.action, r.outcome, r.permission])).toEqual(
      expect.arrayContaining([["api.households.read", "denied", "households.read"], ["api.payments.record", "denied", "payments.record"]])
    )
  })
})

describe("the agents' API: every operation checks its own scope", () => {
  it("answers 403 naming the operation's scope to a key that has every other scope but that one", async () => {
    const scopes = ["households:read", "households:write", "activities:read", "reservations:read", "attendance:write", "billing:read", "payments:write"] as const
    for (const operation of adminApiOperations) {
      const { token } = await integrationTokenFor(t, scopes.filter((s) => s !== operation.scope), `Sans ${operation.scope}`)
      const path = `/api/v1${operation.path.replace(/\{[A-Za-z]+\}/g, "x-1")}`
      const response = await new ApiClient(t.url, { token }).request(operation.method.toUpperCase(), path, operation.body === undefined ? {} : { body: operation.body.example })
      expectProblem(response, 403, "ApiScopeMissing")
      expect(response.json.detail, operation.operationId).toContain(operation.scope)
    }
  })
})

describe("the agents' API: households", () => {
  it("lists households page by page, searches them, refuses a bad limit, and journals each call", async () => {
    const first = await all.get("/api/v1/admin/households?limit=2")
    expect(first.status).toBe(200)
    expect(first.json.items).toHaveLength(2)
    expect(first.headers.get("link")).toBe(`<${first.json.next}>; rel="next"`)
    const second = await all.get(first.json.next)
    expect(second.status).toBe(200)
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id)
    const stored = await run(Effect.flatMap(HouseholdRepository, (h) => h.list))
    let count = 0
    let next: string | undefined = "/api/v1/admin/households?limit=100"
    while (next !== undefined) {
      const page = await all.get(next)
      count += page.json.items.length
      next = page.json.next
    }
    expect(count).toBe(stored.length)
    const found = await all.get("/api/v1/admin/households?q=CONCERTO")
    expect(found.json.items.map((h: { reference: string }) => h.reference)).toContain("FAM-000101")
    expectProblem(await all.get("/api/v1/admin/households?limit=0"), 400, "InvalidParameter")
    expectProblem(await all.get("/api/v1/admin/households?cursor=zzz"), 400, "InvalidParameter")
    const records = (await audit()).filter((r) => r.actorAccountId === `api-key:${keyId}` && r.action === "api.households.read")
    expect(records.some((r) => r.outcome === "done" && r.target.id === "q=CONCERTO" && r.actorName.startsWith("Clé d'API « Progiciel financier »"))).toBe(true)
    expect(records.some((r) => r.outcome === "refused" && r.reason?.includes("limit") === true)).toBe(true)
  })

  it("reads a household by id; an unknown id is 404", async () => {
    const hh = await t.householdId("FAM-000101")
    const response = await all.get(`/api/v1/admin/households/${hh}`)
    expect(response.status).toBe(200)
    expect(response.json).toMatchObject({ id: hh, reference: "FAM-000101", familyName: "CONCERTO" })
    expectProblem(await all.get("/api/v1/admin/households/hh-inconnu"), 404, "HouseholdNotFound")
  })

  it("creates a household (201, Location), refuses an invalid one field by field (422), audits the core command in the key's name", async () => {
    const body = {
      reference: "FAM-009001",
      familyName: "MARTIN",
      address: { line1: "3 rue des Lilas", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" },
      contact: { email: "famille.martin@example.fr", phones: [{ label: "Portable", number: "06 12 34 56 78" }] },
      residency: "resident",
      adults: [{ firstName: "Julie", lastName: "MARTIN", relationship: "Maman", isPayer: true }],
      children: [{ firstName: "Hugo", lastName: "MARTIN", birthDate: "2019-05-02", schoolLevel: "CP", aeeh: false }]
    }
    const created = await all.post("/api/v1/admin/households", body)
    expect(created.status, created.text).toBe(201)
    expect(created.headers.get("location")).toBe(`/api/v1/admin/households/${created.json.id}`)
    expect(created.json.children[0].firstName).toBe("Hugo")
    const again = await all.post("/api/v1/admin/households", body)
    expect(again.status).toBe(409)
    const invalid = await all.post("/api/v1/admin/households", { ...body, reference: "FAM-009002", contact: { email: "pas-un-email", phones: [] } })
    expectProblem(invalid, 422, "InvalidInput")
    expect(invalid.json.errors.map((e: { path: string }) => e.path)).toContain("/contact/email")
    const records = await audit()
    const command = records.find((r) => r.action === "households.create" && r.outcome === "done" && r.target.id === "FAM-009001")
    expect(command?.actorAccountId).toBe(`api-key:${keyId}`)
    expect(records.some((r) => r.action === "api.households.create" && r.outcome === "done" && r.target.id === "FAM-009001")).toBe(true)
  })

  it("changes only the fields sent (PATCH), refuses an invalid value (422), and adds a member (201)", async () => {
    const hh = await t.householdId("FAM-000101")
    const before = await all.get(`/api/v1/admin/households/${hh}`)
    const address = { line1: "5 rue Jean Jaurès", postalCode: "76320", city: "SAINT-PIERRE-LES-ELBEUF" }
    const patched = await all.request("PATCH", `/api/v1/admin/households/${hh}`, { body: { address } })
    expect(patched.status, patched.text).toBe(200)
    expect(patched.json.address).toEqual(address)
    expect(patched.json.contact).toEqual(before.json.contact)
    expect(patched.json.familyName).toBe(before.json.familyName)
    const refused = await all.request("PATCH", `/api/v1/admin/households/${hh}`, { body: { residency: "ailleurs" } })
    expectProblem(refused, 422, "InvalidInput")
    expect(refused.json.errors[0].path).toBe("/residency")
    const child = { kind: "child", firstName: "Emma", lastName: "CONCERTO", birthDate: "2021-09-12", schoolLevel: "PS", aeeh: false }
    const added = await all.post(`/api/v1/admin/households/${hh}/members`, child)
    expect(added.status, added.text).toBe(201)
    expect(added.json.children.map((c: { firstName: string }) => c.firstName)).toContain("Emma")
    const bad = await all.post(`/api/v1/admin/households/${hh}/members`, { kind: "pet", firstName: "Rex" })
    expectProblem(bad, 422, "InvalidInput")
    expectProblem(await all.post("/api/v1/admin/households/hh-inconnu/members", child), 404, "HouseholdNotFound")
  })
})

describe("the agents' API: activities, sessions, reservations, attendance", () => {
  it("lists activities and an activity's sessions; refuses a missing activity (400) and an unknown one (404)", async () => {
    const activities = await all.get("/api/v1/admin/activities?limit=100")
    expect(activities.status).toBe(200)
    expect(activities.json.items.map((a: { id: string }) => a.id)).toContain("restauration-scolaire")
    const sessions = await all.get("/api/v1/admin/sessions?activityId=restauration-scolaire&from=2026-11-02&to=2026-11-30&limit=100")
    expect(sessions.status).toBe(200)
    expect(sessions.json.items.length).toBeGreaterThan(0)
    expect(sessions.json.items.every((s: { activityId: string; date: string }) => s.activityId === "restauration-scolaire" && s.date >= "2026-11-02" && s.date <= "2026-11-30")).toBe(true)
    expectProblem(await all.get("/api/v1/admin/sessions"), 400, "InvalidParameter")
    expectProblem(await all.get("/api/v1/admin/sessions?activityId=piscine"), 404, "ActivityNotFound")
    expectProblem(await all.get("/api/v1/admin/sessions?activityId=restauration-scolaire&from=2026-11-30&to=2026-11-01"), 400, "InvalidParameter")
  })

  it("lists a session's reservations and a child's; refuses neither or both (400)", async () => {
    const ledgers = await run(Effect.flatMap(SessionLedgerRepository, (l) => l.between("2026-11-16" as never, "2026-11-20" as never)))
    const ledger = ledgers.find((l) => l.reservations.length > 0)
    expect(ledger).toBeDefined()
    if (ledger === undefined) return
    const bySession = await all.get(`/api/v1/admin/reservations?sessionId=${ledger.session.id}&limit=100`)
    expect(bySession.status).toBe(200)
    expect(bySession.json.items.map((r: { id: string }) => r.id).sort()).toEqual(ledger.reservations.map((r) => r.id).sort())
    const childId = ledger.reservations[0]?.childId
    const byChild = await all.get(`/api/v1/admin/reservations?childId=${childId}&from=2026-11-16&to=2026-11-20&limit=100`)
    expect(byChild.status).toBe(200)
    expect(byChild.json.items.every((r: { childId: string }) => r.childId === childId)).toBe(true)
    expect(byChild.json.items.map((r: { sessionId: string }) => r.sessionId)).toContain(ledger.session.id)
    expectProblem(await all.get("/api/v1/admin/reservations"), 400, "InvalidParameter")
    expectProblem(await all.get(`/api/v1/admin/reservations?sessionId=${ledger.session.id}&childId=${childId}`), 400, "InvalidParameter")
    expectProblem(await all.get("/api/v1/admin/reservations?sessionId=nope-2026"), 404, "SessionNotFound")
  })

  it("records a roll-call through the audited core command, reads it back by session and by day; refuses an empty one (422) and a future session (422)", async () => {
    const ledgers = await run(Effect.flatMap(SessionLedgerRepository, (l) => l.between("2026-11-24" as never, "2026-11-24" as never)))
    const ledger = ledgers.find((l) => l.reservations.some((r) => r.isActive))
    expect(ledger).toBeDefined()
    if (ledger === undefined) return
    const booked = ledger.reservations.find((r) => r.isActive)
    if (booked === undefined) return
    const sheet = { sessionId: ledger.session.id, entries: [{ childId: booked.childId, householdId: booked.householdId, status: "absent" }] }
    const recorded = await all.post("/api/v1/admin/attendance", sheet)
    expect(recorded.status, recorded.text).toBe(200)
    expect(recorded.json).toMatchObject({ present: 0, absent: 1 })
    const bySession = await all.get(`/api/v1/admin/attendance?sessionId=${ledger.session.id}&limit=100`)
    expect(bySession.json.items).toContainEqual(expect.objectContaining({ childId: booked.childId, status: "absent" }))
    const byDay = await all.get("/api/v1/admin/attendance?date=2026-11-24&limit=100")
    expect(byDay.json.items.some((r: { sessionId: string; childId: string }) => r.sessionId === ledger.session.id && r.childId === booked.childId)).toBe(true)
    const records = await audit()
    expect(records.some((r) => r.action === "attendance.record" && r.outcome === "done" && r.actorAccountId === `api-key:${keyId}` && r.target.id === ledger.session.id)).toBe(true)
    expect(records.some((r) => r.action === "api.attendance.record" && r.outcome === "done" && r.target.id === ledger.session.id)).toBe(true)
    expectProblem(await all.post("/api/v1/admin/attendance", { sessionId: ledger.session.id, entries: [] }), 422, "InvalidInput")
    expectProblem(await all.post("/api/v1/admin/attendance", { sessionId: ledger.session.id, entries: [{ childId: booked.childId, householdId: booked.householdId, status: "peut-être" }] }), 422, "InvalidInput")
    const future = (await run(Effect.flatMap(SessionLedgerRepository, (l) => l.between("2026-12-03" as never, "2026-12-03" as never))))[0]
    if (future !== undefined) {
      const tooEarly = await all.post("/api/v1/admin/attendance", { sessionId: future.session.id, entries: [{ childId: booked.childId, householdId: booked.householdId, status: "present" }] })
      expectProblem(tooEarly, 422, "RollCallTooEarly")
    }
    expectProblem(await all.get("/api/v1/admin/attendance"), 400, "InvalidParameter")
    expectProblem(await all.get("/api/v1/admin/attendance?date=24/11/2026"), 400, "InvalidParameter")
  })
})

describe("the agents' API: invoices, credit notes, payments", () => {
  it("lists the month's invoices page by page, as the store has them, with their debtor; refuses a bad month or status (400)", async () => {
    const stored = await run(Effect.flatMap(InvoiceRepository, (i) => i.byPeriod(Schema.decodeSync(BillingMonth)("2026-10"))))
    expect(stored.length).toBeGreaterThan(1)
    const ids: Array<string> = []
    let next: string | undefined = "/api/v1/admin/invoices?month=2026-10&limit=1"
    let pages = 0
    while (next !== undefined) {
      const page = await all.get(next)
      expect(page.status).toBe(200)
      ids.push(...page.json.items.map((i: { id: string; period: string }) => i.id))
      expect(page.json.items.every((i: { period: string }) => i.period === "2026-10")).toBe(true)
      next = page.json.next
      pages++
    }
    expect(pages).toBe(stored.length)
    expect(ids.sort()).toEqual(stored.map((i) => i.id).sort())
    const first = await all.get("/api/v1/admin/invoices?month=2026-10&limit=100")
    const invoice = stored[0]
    const listed = first.json.items.find((i: { id: string }) => i.id === invoice?.id)
    expect(listed.number).toBe(invoice?.number)
    expect(listed.debtor.householdId).toBe(invoice?.householdId)
    expect(listed.debtor.address.postalCode).toMatch(/^\d{5}$/)
    const paid = await all.get("/api/v1/admin/invoices?month=2026-10&status=paid&limit=100")
    expect(paid.json.items.every((i: { status: string }) => i.status === "paid")).toBe(true)
    expectProblem(await all.get("/api/v1/admin/invoices?month=octobre"), 400, "InvalidParameter")
    expectProblem(await all.get("/api/v1/admin/invoices?status=lost"), 400, "InvalidParameter")
  })

  it("reads an invoice with its lines; an unknown id is 404", async () => {
    const [invoice] = await run(Effect.flatMap(InvoiceRepository, (i) => i.byPeriod(Schema.decodeSync(BillingMonth)("2026-10"))))
    const response = await all.get(`/api/v1/admin/invoices/${invoice?.id}`)
    expect(response.status).toBe(200)
    expect(response.json.lines).toHaveLength(invoice?.lines.length ?? -1)
    expectProblem(await all.get("/api/v1/admin/invoices/inv-inconnue"), 404, "InvoiceNotFound")
  })

  it("lists credit notes of a month as the store has them", async () => {
    const stored = await run(Effect.flatMap(CreditNoteRepository, (c) => c.byPeriod(Schema.decodeSync(BillingMonth)("2026-10"))))
    const response = await all.get("/api/v1/admin/credit-notes?month=2026-10&limit=100")
    expect(response.status).toBe(200)
    expect(response.json.items.map((n: { id: string }) => n.id).sort()).toEqual(stored.map((n) => n.id).sort())
    expectProblem(await all.get("/api/v1/admin/credit-notes?month=2026-13"), 400, "InvalidParameter")
  })

  it("records a payment made elsewhere once (201, then 200 for the same reference), lists it, refuses an invalid one (422)", async () => {
    const [invoice] = await run(Effect.flatMap(InvoiceRepository, (i) => i.byPeriod(Schema.decodeSync(BillingMonth)("2026-10"))))
    if (invoice === undefined) throw new Error("no invoice")
    const body = { householdId: invoice.householdId, invoiceIds: [invoice.id], amount: 500, method: "cheque", reference: "CHQ-API-0001", bank: "Banque Postale", receivedOn: "2026-11-25" }
    const created = await all.post("/api/v1/admin/payments", body)
    expect(created.status, created.text).toBe(201)
    expect(created.json).toMatchObject({ created: true, payment: { amount: 500, method: "cheque", householdId: invoice.householdId, invoiceIds: [invoice.id] } })
    const again = await all.post("/api/v1/admin/payments", body)
    expect(again.status).toBe(200)
    expect(again.json.created).toBe(false)
    expect(again.json.payment.id).toBe(created.json.payment.id)
    const listed = await all.get("/api/v1/admin/payments?from=2026-11-25&to=2026-11-26&limit=100")
    expect(listed.json.items.map((p: { id: string }) => p.id)).toContain(created.json.payment.id)
    const future = await all.post("/api/v1/admin/payments", { ...body, reference: "CHQ-API-0002", receivedOn: "2026-12-25" })
    expectProblem(future, 422, "InvalidInput")
    expect(future.json.errors[0].path).toBe("/receivedOn")
    expectProblem(await all.post("/api/v1/admin/payments", { ...body, reference: "CHQ-API-0003", bank: undefined }), 422, "InvalidInput")
    expectProblem(await all.post("/api/v1/admin/payments", { ...body, amount: "cinq euros" }), 422, "InvalidInput")
    expectProblem(await all.post("/api/v1/admin/payments", { ...body, householdId: "hh-inconnu", reference: "CHQ-API-0004" }), 404, "HouseholdNotFound")
    const records = await audit()
    expect(records.some((r) => r.action === "payments.record" && r.outcome === "done" && r.actorAccountId === `api-key:${keyId}`)).toBe(true)
    expect(records.some((r) => r.action === "api.payments.record" && r.outcome === "refused" && r.target.id === invoice.householdId)).toBe(true)
  })
})
