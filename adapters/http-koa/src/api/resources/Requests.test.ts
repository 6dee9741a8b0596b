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

describe("the API's requests (Dernières demandes)", () => {
  it("lists the household's requests newest first, page by page with a next link", async () => {
    const all = await concerto.get("/api/v1/requests")
    expect(all.status).toBe(200)
    expect(all.json.next).toBeUndefined()
    expect(all.headers.get("link")).toBeNull()
    const items = all.json.items as Array<{ id: string; submittedAt: string; kind: string; kindLabel: string; statusLabel: string }>
    expect(items.length).toBeGreaterThanOrEqual(2)
    expect(items.map((r) => r.submittedAt)).toEqual([...items.map((r) => r.submittedAt)].sort().reverse())
    expect(items).toContainEqual(expect.objectContaining({ kind: "QuotientUpdate", kindLabel: "Mise à jour du quotient familial", status: "submitted", statusLabel: "envoyée" }))

    const first = await concerto.get("/api/v1/requests?limit=1")
    expect(first.json.items).toEqual([items[0]])
    expect(first.json.next).toMatch(/^\/api\/v1\/requests\?limit=1&cursor=[A-Za-z0-9_-]+$/)
    expect(first.headers.get("link")).toBe(`<${first.json.next}>; rel="next"`)
    const seen = [...first.json.items]
    let next: string | undefined = first.json.next
    while (next !== undefined) {
      const page = await concerto.get(next)
      expect(page.status).toBe(200)
      seen.push(...page.json.items)
      next = page.json.next
    }
    expect(seen).toEqual(items)
  })

  it("refuses a page size out of bounds and an unknown cursor with 400 naming the parameter", async () => {
    for (const limit of ["0", "101", "dix", "1.5"]) {
      const response = await concerto.get(`/api/v1/requests?limit=${limit}`)
      expect(response.status).toBe(400)
      expect(response.json.errors).toEqual([{ path: "limit", message: "Le nombre d'éléments par page (limit) va de 1 à 100." }])
    }
    const cursor = await concerto.get("/api/v1/requests?cursor=bm9wZQ")
    expect(cursor.status).toBe(400)
    expect(cursor.json.errors[0].path).toBe("cursor")
    const twice = await concerto.get("/api/v1/requests?limit=1&limit=2")
    expect(twice.status).toBe(400)
  })

  it("shows one request with its history; with the session cookie too", async () => {
    const items = (await concerto.get("/api/v1/requests")).json.items as Array<{ id: string; kind: string }>
    const cancelled = items.find((r) => r.kind === "FreeMessage")
    const detail = await concerto.get(`/api/v1/requests/${cancelled?.id}`)
    expect(detail.status).toBe(200)
    expect(detail.json).toMatchObject({ id: cancelled?.id, payload: { _tag: "FreeMessage" }, status: "cancelled", statusLabel: "annulée" })
    expect(detail.json.history.at(-1)).toMatchObject({ to: "cancelled" })
    const { api } = await sessionClientFor(t)
    const bySession = await api.get(`/api/v1/requests/${cancelled?.id}`)
    expect(bySession.json).toEqual(detail.json)
  })

  it("creates a free message (201, Location) and takes a message on it, with a token and with the session and its CSRF header", async () => {
    const created = await concerto.post("/api/v1/requests", { subject: "Cantine", text: "Léa mangera sans porc à partir de lundi." })
    expect(created.status).toBe(201)
    expect(created.headers.get("location")).toBe(`/api/v1/requests/${created.json.id}`)
    expect(created.json).toMatchObject({ kindLabel: "Message : Cantine", status: "submitted", householdId: await t.householdId("FAM-000101") })
    const message = await concerto.post(`/api/v1/requests/${created.json.id}/messages`, { text: "Et Hugo aussi." })
    expect(message.status).toBe(201)
    expect(message.json.messages.map((m: { text: string }) => m.text)).toEqual(["Et Hugo aussi."])
    expect((await concerto.get(`/api/v1/requests/${created.json.id}`)).json.messages).toHaveLength(1)

    const { api } = await sessionClientFor(t)
    const bySession = await api.post(`/api/v1/requests/${created.json.id}/messages`, { text: "Merci." })
    expect(bySession.status).toBe(201)
    expect(bySession.json.messages).toHaveLength(2)
    const withoutHeader = await api.withCsrf(undefined).post(`/api/v1/requests/${created.json.id}/messages`, { text: "Sans en-tête." })
    expect(withoutHeader.status).toBe(403)
    expect(withoutHeader.json.code).toBe("ApiCsrfHeaderRejected")
    expect((await concerto.get("/api/v1/requests")).json.items[0].id).toBe(created.json.id)
  })

  it("refuses a message on a closed request (409) and an empty one (422 with its path)", async () => {
    const items = (await concerto.get("/api/v1/requests")).json.items as Array<{ id: string; status: string }>
    const closed = items.find((r) => r.status === "cancelled")
    const refused = await concerto.post(`/api/v1/requests/${closed?.id}/messages`, { text: "Encore une question." })
    expect(refused.status).toBe(409)
    expect(refused.json).toMatchObject({ code: "RequestChangeNotAllowed", detail: expect.stringContaining("elle est close") })
    const empty = await concerto.post(`/api/v1/requests/${closed?.id}/messages`, { text: "   " })
    expect(empty.status).toBe(422)
    expect(empty.json.errors.map((e: { path: string }) => e.path)).toEqual(["/text"])
    const tooLong = await concerto.post("/api/v1/requests", { subject: "x".repeat(201), text: "y" })
    expect(tooLong.status).toBe(422)
    expect(tooLong.json.errors.map((e: { path: string }) => e.path)).toEqual(["/subject"])
  })

  it("answers another household's request exactly like an unknown one (404)", async () => {
    const own = (await concerto.get("/api/v1/requests")).json.items[0].id as string
    const foreign = await camille.get(`/api/v1/requests/${own}`)
    const unknown = await camille.get("/api/v1/requests/req-999999")
    expect(foreign.status).toBe(404)
    expect(unknown.status).toBe(404)
    expect(foreign.json.code).toBe("RequestNotFound")
    expect(unknown.json.code).toBe("RequestNotFound")
    expect(foreign.json.detail.replace(own, "ID")).toBe(unknown.json.detail.replace("req-999999", "ID"))
    const message = await camille.post(`/api/v1/requests/${own}/messages`, { text: "Bonjour" })
    expect(message.status).toBe(404)
    expect(message.json.code).toBe("RequestNotFound")
    expect((await camille.get("/api/v1/requests")).json.items.map((r: { id: string }) => r.id)).not.toContain(own)
    expect((await camille.get(`/api/v1/requests/${"x".repeat(300)}`)).status).toBe(404)
  })
})
