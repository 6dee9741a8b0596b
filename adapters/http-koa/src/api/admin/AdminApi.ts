import Router from "@koa/router"
import {
  type ApiScope,
  authenticateIntegrationKey,
  type AgentActor,
  integrationActor,
  type IntegrationKey,
  recordApiCall,
  requireApiScope
} from "@spe/core"
import { Either, Schema } from "effect"
import type { PortalContext, PortalState } from "../../PortalContext.js"
import { PortalRefusal, refuse } from "../../PortalErrors.js"
import type { PortalKit } from "../../PortalKit.js"
import type { ApiOperation, ApiReply } from "../ApiOperation.js"
import { decodeBody } from "../ApiOperation.js"
import { apiBasePath, routerPathOf } from "../ApiPaths.js"
import { readJsonBody } from "../JsonBody.js"

/** Where the agents' API lives, under the families' (`/api/v1/admin`). */
export const adminApiPath = "/admin"

/** No integration key came with a call to the agents' API. */
export class IntegrationKeyRequired extends Schema.TaggedError<IntegrationKeyRequired>()("IntegrationKeyRequired", {}) {
  override get message(): string {
    return "Identifiez-vous : envoyez l'en-tête « Authorization: Bearer spe_… » avec une clé d'intégration créée par un administrateur dans « Intégrations » › « Clés d'API ». Le cookie de session du portail n'ouvre pas l'API des agents."
  }
}

/** What a call of the agents' API gives its handler. */
export interface AdminApiCall<B> {
  readonly ctx: PortalContext
  readonly kit: PortalKit
  readonly key: IntegrationKey
  /** The key as the actor of the core's audited agent commands. */
  readonly actor: AgentActor
  readonly params: Readonly<Record<string, string>>
  /** The body decoded by the operation's schema (the core validates `raw` again when it acts). */
  readonly body: B
  /** The JSON body as sent. */
  readonly raw: unknown
}

/** One operation of the agents' API: documented like the families', with its scope and its journal entry. */
export interface AdminApiOperation extends Omit<ApiOperation, "handle" | "access" | "scope"> {
  readonly access: "integration"
  readonly scope: ApiScope
  /** The journal's action (`api.households.read`) and the kind of its target. */
  readonly audit: { readonly action: string; readonly targetKind: string; readonly bodyField?: string }
  readonly handle: (call: AdminApiCall<unknown>) => Promise<ApiReply>
}

/** An operation whose body is typed by its schema. */
export function adminOperation<B = undefined>(
  spec: Omit<AdminApiOperation, "handle" | "body" | "access"> & {
    readonly body?: { readonly schema: Schema.Schema<B, any, never>; readonly subject: string; readonly example: unknown; readonly description: string }
    readonly handle: (call: AdminApiCall<B>) => Promise<ApiReply>
  }
): AdminApiOperation {
  return { ...spec, access: "integration" } as AdminApiOperation
}

const integrationKeyOf = async (ctx: PortalContext, kit: PortalKit): Promise<IntegrationKey> => {
  const authorization = ctx.get("Authorization")
  if (authorization === "") return refuse(new IntegrationKeyRequired())
  const token = /^Bearer\s+(\S{1,200})\s*$/i.exec(authorization)?.[1] ?? ""
  const result = await kit.attempt(authenticateIntegrationKey(token))
  return Either.isLeft(result) ? refuse(result.left) : result.right
}

const targetOf = (ctx: PortalContext, operation: AdminApiOperation, raw: unknown, reply?: ApiReply): string => {
  const fromPath: unknown = Object.values((ctx.params ?? {}) as Record<string, unknown>)[0]
  if (typeof fromPath === "string" && fromPath !== "") return fromPath.slice(0, 64)
  const field = operation.audit.bodyField
  const fromBody: unknown = field === undefined || typeof raw !== "object" || raw === null ? undefined : (raw as Record<string, unknown>)[field]
  if (typeof fromBody === "string" && fromBody.trim() !== "") return fromBody.trim().slice(0, 64)
  if (reply?._tag === "Json" && reply.location !== undefined) return reply.location.split("/").at(-1)?.slice(0, 64) ?? "*"
  return ctx.querystring === "" ? "*" : decodeURIComponent(ctx.querystring).slice(0, 200)
}

/**
 * Runs a call of the agents' API: the integration key (bearer only: 401 otherwise), its scope
 * (403 naming the missing one), the JSON body decoded by the operation's schema, the handler; every
 * call with a valid key is appended to the audit log (`done`, `denied` for a missing scope,
 * `refused` with the refusal's message).
 */
async function runAdminCall(ctx: PortalContext, kit: PortalKit, operation: AdminApiOperation): Promise<ApiReply> {
  const key = await integrationKeyOf(ctx, kit)
  const journal = (outcome: "done" | "denied" | "refused", target: string, reason?: string) =>
    kit.run(recordApiCall(key, {
      action: operation.audit.action,
      scope: operation.scope,
      target: { kind: operation.audit.targetKind, id: target },
      outcome,
      ...(reason === undefined ? {} : { reason }),
      details: { method: ctx.method, path: ctx.path }
    }))
  const allowed = requireApiScope(key, operation.scope)
  if (Either.isLeft(allowed)) {
    await journal("denied", targetOf(ctx, operation, undefined), allowed.left.message)
    return refuse(allowed.left)
  }
  let raw: unknown
  try {
    raw = operation.body === undefined ? undefined : await readJsonBody(ctx)
    const body = operation.body === undefined ? undefined : decodeBody(operation.body.schema, operation.body.subject, raw)
    const reply = await operation.handle({ ctx, kit, key, actor: integrationActor(key), params: ctx.params ?? {}, body, raw })
    await journal("done", targetOf(ctx, operation, raw, reply))
    return reply
  } catch (error) {
    if (error instanceof PortalRefusal) await journal("refused", targetOf(ctx, operation, raw), error.refusal.message)
    throw error
  }
}

/** Sends an operation's answer (JSON encoded by its response schema). */
function send(ctx: PortalContext, operation: AdminApiOperation, reply: ApiReply): void {
  if (reply._tag === "File") throw new Error(`The agents' API answers JSON only (${operation.operationId})`)
  const schema = operation.response.schema
  if (schema === undefined) throw new Error(`The API operation ${operation.operationId} answers JSON without a response schema`)
  ctx.status = reply.status ?? operation.response.status
  ctx.set("Cache-Control", "no-store")
  if (reply.location !== undefined) ctx.set("Location", reply.location)
  if (reply.next !== undefined) ctx.set("Link", `<${reply.next}>; rel="next"`)
  ctx.type = "application/json; charset=utf-8"
  ctx.body = JSON.stringify(Schema.encodeSync(schema)(reply.value))
}

/** The router of the agents' API: every operation under `/api/v1/admin`, each with its key, scope and journal entry. */
export function adminApiRouter(kit: PortalKit, operations: ReadonlyArray<AdminApiOperation>): Router<PortalState> {
  const router = new Router<PortalState>()
  for (const operation of operations) {
    router[operation.method](`${apiBasePath}${routerPathOf(operation.path)}`, async (ctx: PortalContext) => {
      send(ctx, operation, await runAdminCall(ctx, kit, operation))
    })
  }
  return router
}
