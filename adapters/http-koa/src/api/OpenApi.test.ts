import { Validator } from "@seriousme/openapi-schema-validator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestPortal, type TestPortal } from "../testing/TestPortal.js"
import { apiBasePath } from "./ApiPaths.js"
import { adminApiRouter } from "./admin/AdminApi.js"
import { adminApiOperations } from "./admin/AdminRoutes.js"
import { familyApiOperations, familyApiRouter } from "./ApiRouter.js"
import { ApiClient } from "./testing/ApiClient.js"

let t: TestPortal
let document: any

beforeAll(async () => {
  t = await startTestPortal()
  const response = await new ApiClient(t.url).get(`${apiBasePath}/openapi.json`)
  expect(response.status).toBe(200)
  document = response.json
})

afterAll(async () => {
  await t.close()
})

const refsIn = (value: unknown, found: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found)
  else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.add(inner)
      else refsIn(inner, found)
    }
  }
  return found
}

const resolve = (ref: string): unknown =>
  ref
    .replace(/^#\//, "")
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined), document)

describe("the OpenAPI document", () => {
  it("is served without credentials as JSON, and is a valid OpenAPI 3.1 document", async () => {
    const response = await new ApiClient(t.url).get(`${apiBasePath}/openapi.json`)
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8")
    expect(document.openapi).toBe("3.1.0")
    const validator = new Validator()
    const result = await validator.validate(document)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe("3.1")
  })

  it("lists exactly the operations the router serves under /api/v1", () => {
    const served = new Set(
      [...familyApiRouter(t.portal.kit).stack, ...adminApiRouter(t.portal.kit, adminApiOperations).stack].flatMap((layer) =>
        layer.methods
          .filter((method) => method !== "HEAD")
          .map((method) => `${method.toLowerCase()} ${String(layer.path).slice(apiBasePath.length).replace(/:([A-Za-z]+)/g, "{$1}")}`)
      )
    )
    const documented = new Set(
      Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
    )
    expect([...served].sort()).toEqual([...documented].sort())
    for (const required of [
      "get /household",
      "get /requests",
      "get /requests/{requestId}",
      "post /requests",
      "post /requests/{requestId}/messages",
      "get /invoices",
      "get /invoices/{invoiceId}",
      "get /invoices/{invoiceId}/pdf",
      "get /children/{childId}/agenda",
      "get /sessions",
      "post /reservations",
      "post /reservations/cancellations",
      "post /absences",
      "get /quotient",
      "post /tariff-simulations",
      "get /activities",
      "get /session",
      "get /openapi.json",
      "get /admin/households",
      "post /admin/households",
      "get /admin/households/{householdId}",
      "patch /admin/households/{householdId}",
      "post /admin/households/{householdId}/members",
      "get /admin/activities",
      "get /admin/sessions",
      "get /admin/reservations",
      "get /admin/attendance",
      "post /admin/attendance",
      "get /admin/invoices",
      "get /admin/invoices/{invoiceId}",
      "get /admin/credit-notes",
      "get /admin/payments",
      "post /admin/payments"
    ]) {
      expect(documented).toContain(required)
    }
  })

  it("resolves every $ref, declares every path parameter, and documents the problems of every protected operation", () => {
    for (const ref of refsIn(document)) expect(resolve(ref), ref).toBeDefined()
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(item)) {
        const inPath = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort()
        const declared = (operation.parameters ?? []).filter((p: { in: string }) => p.in === "path").map((p: { name: string }) => p.name).sort()
        expect(declared, `${method} ${path}`).toEqual(inPath)
        expect(operation.responses["500"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/InternalError" })
        if (path === "/openapi.json") {
          expect(operation.security).toEqual([])
          continue
        }
        expect(operation.responses["401"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/Unauthorized" })
        if (path.startsWith("/admin/")) {
          expect(operation.security, `${method} ${path}`).toEqual([{ integrationKey: [expect.stringMatching(/^[a-z]+:(read|write)$/)] }])
          expect(operation.responses["403"], `${method} ${path}`).toEqual({ $ref: "#/components/responses/Forbidden" })
          if (method !== "get") {
            expect(operation.requestBody.content["application/json"].example, `${method} ${path}`).toBeDefined()
            expect(operation.responses["422"]).toEqual({ $ref: "#/components/responses/UnprocessableContent" })
          }
          continue
        }
        const sessionScheme = method === "get" ? { sessionCookie: [] } : { sessionCookie: [], csrfHeader: [] }
        expect(operation.security).toEqual([{ bearerAuth: [] }, sessionScheme])
        if (method === "post") {
          expect(operation.requestBody.content["application/json"].schema).toBeDefined()
          expect(operation.requestBody.content["application/json"].example).toBeDefined()
          expect(operation.responses["422"]).toEqual({ $ref: "#/components/responses/UnprocessableContent" })
          expect(operation.responses["415"]).toEqual({ $ref: "#/components/responses/UnsupportedMediaType" })
        }
      }
    }
    expect(document.components.responses.UnprocessableContent.content["application/problem+json"].example.errors[0]).toEqual({
      path: "/subject",
      message: "Indiquez l'objet de votre message."
    })
  })

  it("describes both ways in: an API key as bearer token, the session cookie with its CSRF header", () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" })
    expect(document.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "spe_session" })
    expect(document.components.securitySchemes.csrfHeader).toMatchObject({ type: "apiKey", in: "header", name: "X-CSRF-Token" })
    expect(document.servers).toEqual([{ url: `${t.url}/api/v1`, description: "Saint-Pierre-lès-Elbeuf" }])
  })

  it("takes its schemas from the core's Effect Schemas, with examples, and pages its lists", () => {
    const schemas = document.components.schemas
    for (const name of ["Household", "RequestPayload", "PriceExplanation", "AgendaBooking", "Activity", "QuotientRecord", "QuotientUsed", "Absence", "AbsenceDecision", "Problem", "BookingBatch"]) {
      expect(schemas[name], name).toBeDefined()
    }
    expect(JSON.stringify(schemas.AbsenceDecision)).toContain("certificateDeadline")
    expect(JSON.stringify(schemas.AbsenceJustification)).toContain("certificateDocumentId")
    const simulation = document.paths["/tariff-simulations"].post
    const body = simulation.requestBody.content["application/json"].schema
    expect(body).toEqual({ $ref: "#/components/schemas/TariffSimulationRequest" })
    expect(JSON.stringify(schemas.TariffSimulationRequest)).toContain("KnownQuotient")
    expect(document.components.securitySchemes.integrationKey).toMatchObject({ type: "http", scheme: "bearer" })
    for (const operation of [...familyApiOperations, ...adminApiOperations]) {
      const documented = document.paths[operation.path][operation.method]
      const success = documented.responses[String(operation.response.status)]
      if (operation.response.file === undefined) expect(success.content["application/json"].example, operation.operationId).toBeDefined()
      if (operation.paginated === true) {
        expect(documented.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["limit", "cursor"]))
        expect(success.headers.Link).toBeDefined()
      }
    }
    expect(document.paths["/invoices/{invoiceId}/pdf"].get.responses["200"].content["application/pdf"]).toBeDefined()
  })
})
