import type Router from "@koa/router"
import type { PortalState } from "../../PortalContext.js"
import type { PortalKit } from "../../PortalKit.js"
import { type AdminApiOperation, adminApiRouter } from "./AdminApi.js"
import { adminActivityOperations } from "./AdminActivities.js"
import { adminBillingOperations } from "./AdminBilling.js"
import { adminHouseholdOperations } from "./AdminHouseholds.js"

/** Every operation of the agents' API (`/api/v1/admin`), in the order the OpenAPI document lists them. */
export const adminApiOperations: ReadonlyArray<AdminApiOperation> = [...adminHouseholdOperations, ...adminActivityOperations, ...adminBillingOperations]

/** Registers the agents' JSON API on the portal's router. */
export function adminApiRoutes(router: Router<PortalState>, kit: PortalKit): void {
  const api = adminApiRouter(kit, adminApiOperations)
  router.use(api.routes(), api.allowedMethods())
}
