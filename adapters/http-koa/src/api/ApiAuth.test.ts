import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BrowserLikeClient } from "../testing/BrowserLikeClient.js"
import { demoFamily, startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { familyApiOperations } from "./ApiRouter.js"
import { ApiClient, apiTokenFor, sessionClientFor } from "./testing/ApiClient.js"

let t: TestPortal
let token: string

beforeAll(async () => {
  t = await startTestPortal()
  token = await apiTokenFor(t, demoFamily.login)
})

afterAll(async () => {
  await t.close()
})

const expectProblem = (response: { readonly status: number; readonly headers: Headers; readonly json: any }, status: number, code: string) => {
  expect(response.status).toBe(status)
  expect(response.headers.get("content-type")).toBe("application/problem+json")
  expect(response.json).toMatchObject({ status, code, type: expect.stringMatching(/^urn:spe:problem:/), title: expect.any(String), detail: expect.any(String) })
}

describe("the API's authentication", () => {
  it("answers 401 problem+json without credentials, with a Bearer challenge, and sets no cookie", async () => {
    const response = await new ApiClient(t.url).get("/api/v1/household")
    expectProblem(response, 401, "ApiAuthenticationRequired")
    expect(response.headers.get("www-authenticate")).toContain("Bearer")
    expect(response.json.detail).toContain("Authorization: Bearer spe_")
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it("accepts a family's token and acts for its household", async () => {
    const api = new ApiClient(t.url, { token })
    const session = await api.get("/api/v1/session")
    expect(session.status).toBe(200)
    expect(session.headers.get("content-type")).toBe("application/json; charset=utf-8")
    expect(session.json).toEqual({ authentication: "token", login: demoFamily.login, accountId: expect.any(String), householdId: await t.householdId("FAM-000101") })
    const household = await api.get("/api/v1/household")
    expect(household.status).toBe(200)
    expect(household.json.familyName).toBe("CONCERTO")
    expect(household.json.children.map((c: { firstName: string }) => c.firstName)).toEqual(["Léa", "Hugo"])
  })

  it("refuses an unknown, malformed or non-bearer token with 401 and the reason in French", async () => {
    const unknown = await new ApiClient(t.url, { token: `spe_abcdefgh_${"0".repeat(64)}` }).get("/api/v1/household")
    expectProblem(unknown, 401, "ApiKeyRejected")
    expect(unknown.json.detail).toContain("n'est pas reconnu")
    const malformed = await new ApiClient(t.url, { token: "n'importe quoi" }).get("/api/v1/household")
    expectProblem(malformed, 401, "ApiKeyRejected")
    expect(malformed.json.detail).toContain("n'a pas la forme attendue")
    const basic = await new ApiClient(t.url).get("/api/v1/household", { authorization: "Basic bWFtYW46bW90" })
    expectProblem(basic, 401, "ApiKeyRejected")
  })

  it("uses the token, not the cookies, when both come", async () => {
    const { browser } = await sessionClientFor(t, "camille.lefebvre")
    const both = new ApiClient(t.url, { token, browser })
    expect((await both.get("/api/v1/household")).json.familyName).toBe("CONCERTO")
  })

  it("accepts the portal's session cookie; a change needs the session's X-CSRF-Token (403 without it or with another)", async () => {
    const { browser, api } = await sessionClientFor(t)
    const session = await api.get("/api/v1/session")
    expect(session.json).toMatchObject({ authentication: "session", login: demoFamily.login, csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect((await new ApiClient(t.url, { browser }).get("/api/v1/household")).status).toBe(200)
    const body = { subject: "Essai de l'API", text: "Un message envoyé avec la session." }
    expectProblem(await api.withCsrf(undefined).post("/api/v1/requests", body), 403, "ApiCsrfHeaderRejected")
    expectProblem(await api.withCsrf("0".repeat(64)).post("/api/v1/requests", body), 403, "ApiCsrfHeaderRejected")
    const created = await api.post("/api/v1/requests", body)
    expect(created.status).toBe(201)
    expect(created.json.payload).toEqual({ _tag: "FreeMessage", subject: "Essai de l'API", text: "Un message envoyé avec la session." })
  })

  it("refuses a logged-out session with 401", async () => {
    const { browser, api } = await sessionClientFor(t)
    await browser.submit("/mon-espace", "/deconnexion", {})
    expectProblem(await api.get("/api/v1/household"), 401, "ApiAuthenticationRequired")
  })

  it("refuses an account that must still choose its credentials (403)", async () => {
    const created = await t.createTownAccount("FAM-000104", "autre.moreau@example.org")
    const browser = new BrowserLikeClient(t.url)
    await browser.submit("/", "/connexion", { identifiant: created.login, motDePasse: created.temporaryPassword })
    expectProblem(await new ApiClient(t.url, { browser }).get("/api/v1/household"), 403, "CredentialsChangeRequired")
  })
})

describe("the API's errors", () => {
  const api = () => new ApiClient(t.url, { token })

  it("answers an unknown address under /api/ with a JSON 404, never the HTML page", async () => {
    for (const path of ["/api/v1/nothing-here", "/api/v2/household", "/api/", "/api/v1/requests/req-1/nothing"]) {
      const response = await api().get(path)
      expectProblem(response, 404, "ApiRouteNotFound")
      expect(response.text).not.toContain("<html")
    }
  })

  it("answers a wrong method with a JSON 405", async () => {
    const response = await api().request("DELETE", "/api/v1/household")
    expectProblem(response, 405, "ApiMethodNotAllowed")
    expect(response.headers.get("allow")).toContain("GET")
  })

  it("refuses a body that is not JSON (415), too large (413), malformed (400), not UTF-8 (400)", async () => {
    const text = await api().request("POST", "/api/v1/requests", { raw: { data: "subject=a&text=b", contentType: "application/x-www-form-urlencoded" } })
    expectProblem(text, 415, "UnsupportedMediaType")
    const latin1 = await api().request("POST", "/api/v1/requests", { raw: { data: "{}", contentType: "application/json; charset=iso-8859-1" } })
    expectProblem(latin1, 415, "UnsupportedMediaType")
    const large = await api().request("POST", "/api/v1/requests", { raw: { data: JSON.stringify({ subject: "x", text: "y".repeat(70 * 1024) }), contentType: "application/json" } })
    expectProblem(large, 413, "BodyTooLarge")
    const malformed = await api().request("POST", "/api/v1/requests", { raw: { data: '{"subject": "x",', contentType: "application/json" } })
    expectProblem(malformed, 400, "MalformedJson")
    const bytes = await api().request("POST", "/api/v1/requests", { raw: { data: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), contentType: "application/json" } })
    expectProblem(bytes, 400, "MalformedJson")
  })

  it("refuses an invalid body with 422 and each field's JSON Pointer and French message", async () => {
    const response = await api().post("/api/v1/requests", { subject: "", text: 42 })
    expectProblem(response, 422, "InvalidInput")
    expect(response.json.errors).toEqual([
      { path: "/subject", message: expect.stringMatching(/\S/) },
      { path: "/text", message: "Cette valeur n'a pas le type ou la forme attendus : vérifiez-la dans la documentation de l'API." }
    ])
    const missing = await api().post("/api/v1/requests", {})
    expect(missing.json.errors).toEqual([
      { path: "/subject", message: "Indiquez l'objet de votre message." },
      { path: "/text", message: "Écrivez votre message." }
    ])
    expect(missing.json.detail).toBe("Votre message : Indiquez l'objet de votre message. Écrivez votre message.")
  })

  it("keeps the portal's HTML pages and forms as they were", async () => {
    const browser = new BrowserLikeClient(t.url)
    const home = await browser.get("/")
    expect(home.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(browser.cookies.has("spe_csrf")).toBe(true)
    const missing = await browser.get("/mon-espace/nulle-part")
    expect(missing.status).toBe(404)
    expect(missing.headers.get("content-type")).toBe("text/html; charset=utf-8")
  })
})

describe("every operation of the API", () => {
  it("answers a token and the session cookie alike; every change by session needs the CSRF header", async () => {
    const api = new ApiClient(t.url, { token })
    const { api: session } = await sessionClientFor(t)
    const household = (await api.get("/api/v1/household")).json
    const lea = household.children[0].id as string
    const requestId = (await api.get("/api/v1/requests")).json.items[0].id as string
    const invoiceId = (await api.get("/api/v1/invoices")).json.items[0].id as string
    const sessions = (await api.get("/api/v1/sessions?activityId=accueil-matin&from=2026-12-14&to=2026-12-15")).json.items as Array<{ id: string }>
    const paths: Record<string, string> = {
      "/household": "/api/v1/household",
      "/quotient": "/api/v1/quotient",
      "/requests": "/api/v1/requests",
      "/requests/{requestId}": `/api/v1/requests/${requestId}`,
      "/invoices": "/api/v1/invoices",
      "/invoices/{invoiceId}": `/api/v1/invoices/${invoiceId}`,
      "/invoices/{invoiceId}/pdf": `/api/v1/invoices/${invoiceId}/pdf`,
      "/activities": "/api/v1/activities",
      "/sessions": "/api/v1/sessions?activityId=restauration-scolaire",
      "/children/{childId}/agenda": `/api/v1/children/${lea}/agenda`,
      "/session": "/api/v1/session"
    }
    const bodies: Record<string, (i: number) => unknown> = {
      "/requests": (i) => ({ subject: `Question ${i}`, text: "Bonjour." }),
      "/requests/{requestId}/messages": (i) => ({ text: `Message ${i}` }),
      "/tariff-simulations": () => ({ usage: { uses: [{ activityId: "accueil-soir", daysPerWeek: 2 }] } }),
      "/reservations": (i) => ({ childId: lea, sessionIds: [sessions[i]?.id] }),
      "/reservations/cancellations": (i) => ({ childId: lea, sessionIds: [sessions[i]?.id] }),
      "/absences": (i) => ({ childId: lea, start: `2027-01-1${i + 1}`, end: `2027-01-1${i + 1}`, reason: "family" })
    }
    const open = await api.post("/api/v1/requests", { subject: "Pour les messages", text: "Bonjour." })
    for (const operation of familyApiOperations) {
      if (operation.method === "get") {
        const path = paths[operation.path]
        expect(path, operation.path).toBeDefined()
        const [byToken, bySession] = [await api.get(path ?? ""), await session.get(path ?? "")]
        expect([byToken.status, bySession.status], operation.path).toEqual([200, 200])
        if (operation.path !== "/session" && operation.response.file === undefined) expect(bySession.json, operation.path).toEqual(byToken.json)
        continue
      }
      const body = bodies[operation.path]
      expect(body, operation.path).toBeDefined()
      const path = `/api/v1${operation.path.replace("{requestId}", open.json.id)}`
      const withoutCsrf = await session.withCsrf(undefined).post(path, body?.(0))
      expect(withoutCsrf.status, operation.path).toBe(403)
      expect(withoutCsrf.json.code).toBe("ApiCsrfHeaderRejected")
      expect((await api.post(path, body?.(0))).status, operation.path).toBe(operation.response.status)
      expect((await session.post(path, body?.(1))).status, operation.path).toBe(operation.response.status)
    }
  }, 60_000)
})
