import { Clock, InvalidInput, LocalDate, ParisTime, validate } from "@spe/core"
import { Effect, Either, Schema } from "effect"
import type { PortalContext } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import type { PortalKit } from "../PortalKit.js"
import type { ApiCaller } from "./ApiAuth.js"
import { InvalidParameter } from "./ApiProblems.js"

/** A schema the API decodes a body with, or encodes a response with. */
export type AnySchema = Schema.Schema<any, any, never>

/** A query parameter as the OpenAPI document describes it. */
export interface QueryParameter {
  readonly name: string
  readonly description: string
  readonly required: boolean
  readonly schema: Readonly<Record<string, unknown>>
  readonly example?: unknown
}

/** What a call gives its handler: the request, the kit, the caller, the path parameters, the decoded body. */
export interface ApiCall<B> {
  readonly ctx: PortalContext
  readonly kit: PortalKit
  readonly caller: ApiCaller
  readonly params: Readonly<Record<string, string>>
  readonly body: B
}

/** A JSON answer (encoded with the operation's response schema), or a file. */
export type ApiReply =
  | { readonly _tag: "Json"; readonly value: unknown; readonly status?: number; readonly location?: string; readonly next?: string }
  | { readonly _tag: "File"; readonly bytes: Uint8Array; readonly contentType: string; readonly fileName: string }

/** One operation of the API: what the OpenAPI document says of it, and its handler. */
export interface ApiOperation {
  readonly method: "get" | "post" | "patch"
  /** The path under `/api/v1`, OpenAPI style (`/requests/{requestId}`). */
  readonly path: string
  readonly operationId: string
  readonly tag: string
  readonly summary: string
  readonly description: string
  /** `public`: no credentials (the OpenAPI document); `family`: a token or the session; `integration`: a town software's key with `scope`. */
  readonly access: "public" | "family" | "integration"
  /** The scope an integration key needs (`access: "integration"`). */
  readonly scope?: string
  readonly pathParameters?: Readonly<Record<string, string>>
  readonly query?: ReadonlyArray<QueryParameter>
  /** A list answered page by page (`limit`, `cursor`, `next`). */
  readonly paginated?: boolean
  readonly body?: { readonly schema: AnySchema; readonly subject: string; readonly example: unknown; readonly description: string }
  readonly response: {
    readonly status: 200 | 201
    readonly description: string
    /** The JSON answer's schema; absent for a file. */
    readonly schema?: AnySchema
    readonly file?: { readonly contentType: string }
    readonly example?: unknown
  }
  /** The statuses of the problems it may answer, besides 401 and 500 (documented for every protected operation). */
  readonly problems: ReadonlyArray<number>
  readonly handle: (call: ApiCall<unknown>) => Promise<ApiReply>
}

/** An operation whose body is typed by its schema (the list of operations erases it). */
export function operation<B = undefined>(
  spec: Omit<ApiOperation, "handle" | "body"> & {
    readonly body?: { readonly schema: Schema.Schema<B, any, never>; readonly subject: string; readonly example: unknown; readonly description: string }
    readonly handle: (call: ApiCall<B>) => Promise<ApiReply>
  }
): ApiOperation {
  return spec as ApiOperation
}

/** A JSON answer. */
export const json = (value: unknown, options: { readonly status?: number; readonly location?: string; readonly next?: string } = {}): ApiReply => ({
  _tag: "Json",
  value,
  ...options
})

/** Decodes a body with an operation's schema: its value, or the core's `InvalidInput` (422, each field's path and message). */
export function decodeBody<B>(schema: Schema.Schema<B, any, never>, subject: string, body: unknown): B {
  const result = validate(schema, subject)(body === undefined ? {} : body)
  return Either.isLeft(result) ? refuse(result.left) : result.right
}

/**
 * Runs a use case whose input is a part of the body: the paths of its `InvalidInput` are put under
 * `prefix` (`situation` → `situation.income.qf`), so they point into the body.
 */
export const underBodyPath = <A, E, R>(prefix: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapError(effect, (error) =>
    error instanceof InvalidInput
      ? (new InvalidInput({ subject: error.subject, problems: error.problems.map((p) => ({ path: p.path === "" ? prefix : `${prefix}.${p.path}`, message: p.message })) }) as E)
      : error
  )

/** Today in Paris, on the portal's clock. */
export const today = (kit: PortalKit): Promise<LocalDate.LocalDate> => kit.run(Effect.map(Effect.flatMap(Clock, (clock) => clock.now), ParisTime.dateAt))

/** A single query parameter as sent, refusing one sent twice. */
export function queryValue(ctx: PortalContext, name: string): string | undefined {
  const value = ctx.query[name]
  if (Array.isArray(value)) return refuse(new InvalidParameter({ problems: [{ path: name, message: "Ce paramètre ne peut être donné qu'une fois." }] }))
  return value
}

/** A date parameter (`AAAA-MM-JJ`), or the default. */
export function dateParameter(ctx: PortalContext, name: string, fallback: LocalDate.LocalDate): LocalDate.LocalDate {
  const value = queryValue(ctx, name)
  if (value === undefined) return fallback
  const parsed = LocalDate.parse(value)
  if (Either.isLeft(parsed)) return refuse(new InvalidParameter({ problems: [{ path: name, message: "Une date s'écrit AAAA-MM-JJ, par exemple 2026-12-01." }] }))
  return parsed.right
}

/** A period `from`–`to` (both included), from before to, at most `maxDays` long. */
export function periodParameters(
  ctx: PortalContext,
  defaults: { readonly from: LocalDate.LocalDate; readonly to: LocalDate.LocalDate },
  maxDays: number
): { readonly from: LocalDate.LocalDate; readonly to: LocalDate.LocalDate } {
  const from = dateParameter(ctx, "from", defaults.from)
  const to = dateParameter(ctx, "to", queryValue(ctx, "from") === undefined ? defaults.to : LocalDate.addDays(from, LocalDate.daysBetween(defaults.from, defaults.to)))
  if (LocalDate.compare(to, from) < 0) return refuse(new InvalidParameter({ problems: [{ path: "to", message: "La fin de la période (to) ne peut précéder son début (from)." }] }))
  if (LocalDate.daysBetween(from, to) >= maxDays) return refuse(new InvalidParameter({ problems: [{ path: "to", message: `La période demandée compte au plus ${maxDays} jours.` }] }))
  return { from, to }
}

/** Query parameters of a date period, for the OpenAPI document. */
export const periodQuery = (what: string, maxDays: number, defaults: string): ReadonlyArray<QueryParameter> => [
  { name: "from", description: `Premier jour ${what} (inclus). ${defaults}`, required: false, schema: { type: "string", format: "date" }, example: "2026-12-01" },
  { name: "to", description: `Dernier jour ${what} (inclus), au plus ${maxDays} jours après from.`, required: false, schema: { type: "string", format: "date" }, example: "2026-12-31" }
]

/** An identifier as typed, made fit to be named in a "not found" message (no spaces, 64 characters at most). */
export const shownId = (raw: string): string => raw.replace(/\s+/g, "").slice(0, 64) || "?"

/** A path parameter decoded with a core identifier schema; an id that cannot exist is answered like an unknown one. */
export function idParameter<A>(schema: Schema.Schema<A, string, never>, value: string | undefined, notFound: (raw: string) => never): A {
  const decoded = Schema.decodeUnknownEither(schema)(value ?? "")
  return Either.isLeft(decoded) ? notFound(value ?? "") : decoded.right
}
