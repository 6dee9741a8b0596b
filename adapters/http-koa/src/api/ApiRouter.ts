import Router from "@koa/router"
import { Schema } from "effect"
import type { PortalContext, PortalState } from "../PortalContext.js"
import type { PortalKit } from "../PortalKit.js"
import { authenticateCaller } from "./ApiAuth.js"
import { type ApiOperation, type ApiReply, decodeBody } from "./ApiOperation.js"
import { apiBasePath, routerPathOf } from "./ApiPaths.js"
import { readJsonBody } from "./JsonBody.js"
import { adminApiOperations } from "./admin/AdminRoutes.js"
import { openApiDocument } from "./OpenApi.js"
import { absenceOperations } from "./resources/Absences.js"
import { activityOperations } from "./resources/Activities.js"
import { callerSessionOperations } from "./resources/CallerSession.js"
import { childAgendaOperations } from "./resources/ChildAgenda.js"
import { householdOperations } from "./resources/Household.js"
import { invoiceOperations } from "./resources/Invoices.js"
import { quotientOperations } from "./resources/Quotient.js"
import { requestOperations } from "./resources/Requests.js"
import { reservationOperations } from "./resources/Reservations.js"
import { sessionOperations } from "./resources/Sessions.js"
import { tariffSimulationOperations } from "./resources/TariffSimulations.js"

/** Every operation of the families' API, in the order the OpenAPI document lists them. */
export const familyApiOperations: ReadonlyArray<ApiOperation> = [
  ...callerSessionOperations,
  ...householdOperations,
  ...quotientOperations,
  ...tariffSimulationOperations,
  ...requestOperations,
  ...invoiceOperations,
  ...activityOperations,
  ...sessionOperations,
  ...childAgendaOperations,
  ...reservationOperations,
  ...absenceOperations
]

/** The address of the OpenAPI document. */
export const openApiPath = `${apiBasePath}/openapi.json`

const send = (ctx: PortalContext, operation: ApiOperation, reply: ApiReply): void => {
  if (reply._tag === "File") {
    ctx.status = operation.response.status
    ctx.type = reply.contentType
    ctx.set("Content-Disposition", `attachment; filename="${reply.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
    ctx.body = Buffer.from(reply.bytes)
    return
  }
  const schema = operation.response.schema
  if (schema === undefined) throw new Error(`The API operation ${operation.operationId} answers JSON without a response schema`)
  ctx.status = reply.status ?? operation.response.status
  if (reply.location !== undefined) ctx.set("Location", reply.location)
  if (reply.next !== undefined) ctx.set("Link", `<${reply.next}>; rel="next"`)
  ctx.type = "application/json; charset=utf-8"
  ctx.body = JSON.stringify(Schema.encodeSync(schema)(reply.value))
}

/**
 * The families' JSON API under `/api/v1`: the OpenAPI document (public), and every operation of
 * `familyApiOperations`, each authenticated (API key or session cookie with its CSRF header), its
 * JSON body read and decoded with the operation's schema, its answer encoded with the response's.
 */
export function familyApiRouter(kit: PortalKit): Router<PortalState> {
  const router = new Router<PortalState>()
  const document = JSON.stringify(openApiDocument([...familyApiOperations, ...adminApiOperations], kit))
  router.get(openApiPath, (ctx) => {
    ctx.set("Cache-Control", "no-cache")
    ctx.type = "application/json; charset=utf-8"
    ctx.body = document
  })
  for (const operation of familyApiOperations) {
    router[operation.method](`${apiBasePath}${routerPathOf(operation.path)}`, async (ctx: PortalContext) => {
      const caller = await authenticateCaller(ctx, kit)
      const raw = operation.body === undefined ? undefined : await readJsonBody(ctx)
      const body = operation.body === undefined ? undefined : decodeBody(operation.body.schema, operation.body.subject, raw)
      send(ctx, operation, await operation.handle({ ctx, kit, caller, params: ctx.params, body }))
    })
  }
  return router
}

/** Registers the families' JSON API on the portal's router. */
export function apiRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const api = familyApiRouter(kit)
  router.use(api.routes(), api.allowedMethods())
}
