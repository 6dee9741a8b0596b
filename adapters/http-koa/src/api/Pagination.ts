import { Schema } from "effect"
import type { PortalContext } from "../PortalContext.js"
import { refuse } from "../PortalErrors.js"
import { type AnySchema, type ApiReply, json, type QueryParameter, queryValue } from "./ApiOperation.js"
import { InvalidParameter } from "./ApiProblems.js"

/** Items per page when `limit` is not given. */
export const defaultPageLimit = 20

/** The most items a page may hold. */
export const maxPageLimit = 100

/** `limit` and `cursor`, as the OpenAPI document describes them on every list. */
export const pageQuery: ReadonlyArray<QueryParameter> = [
  { name: "limit", description: `Nombre d'éléments par page, de 1 à ${maxPageLimit} (${defaultPageLimit} par défaut).`, required: false, schema: { type: "integer", minimum: 1, maximum: maxPageLimit, default: defaultPageLimit }, example: 20 },
  { name: "cursor", description: "Où reprendre la liste : la valeur donnée par le lien `next` de la page précédente (opaque).", required: false, schema: { type: "string", maxLength: 200 } }
]

/** A page of a list: its items, and the address of the next page while there is one. */
export const pageOf = <S extends AnySchema>(item: S, identifier: string) =>
  Schema.Struct({
    items: Schema.Array(item),
    next: Schema.optionalWith(Schema.String, { exact: true }).annotations({ description: "The address of the next page (also sent as `Link: <…>; rel=\"next\"`); absent on the last page." })
  }).annotations({ identifier, description: "A page of a list, in the list's order; follow `next` for the rest." })

const encodeCursor = (key: string): string => Buffer.from(key, "utf8").toString("base64url")

const decodeCursor = (cursor: string): string => Buffer.from(cursor, "base64url").toString("utf8")

const invalid = (path: string, message: string): never => refuse(new InvalidParameter({ problems: [{ path, message }] }))

/**
 * One page of a list already in its order: the items after the cursor's (the key of the last item
 * of the previous page), at most `limit`, and the address of the next page. A cursor that names no
 * item of the list is refused (400): the list changed, start again from its first page.
 */
export function paginate<A>(ctx: PortalContext, items: ReadonlyArray<A>, keyOf: (item: A) => string): { readonly items: ReadonlyArray<A>; readonly next?: string } {
  const limitText = queryValue(ctx, "limit")
  const limit = limitText === undefined ? defaultPageLimit : Number(limitText)
  if (!/^\d{1,3}$/.test(limitText ?? "20") || !Number.isInteger(limit) || limit < 1 || limit > maxPageLimit) {
    return invalid("limit", `Le nombre d'éléments par page (limit) va de 1 à ${maxPageLimit}.`)
  }
  const cursor = queryValue(ctx, "cursor")
  let start = 0
  if (cursor !== undefined) {
    const key = cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor) ? undefined : decodeCursor(cursor)
    const at = key === undefined ? -1 : items.findIndex((item) => keyOf(item) === key)
    if (at < 0) return invalid("cursor", "Ce curseur ne correspond à aucun élément de la liste (elle a peut-être changé) : reprenez-la depuis sa première page.")
    start = at + 1
  }
  const page = items.slice(start, start + limit)
  const last = page.at(-1)
  if (last === undefined || start + limit >= items.length) return { items: page }
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(ctx.query)) if (name !== "cursor" && typeof value === "string") params.set(name, value)
  params.set("limit", String(limit))
  params.set("cursor", encodeCursor(keyOf(last)))
  return { items: page, next: `${ctx.path}?${params.toString()}` }
}

/** The JSON answer of a page: its items (mapped), `next`, and the `Link` header. */
export const pageReply = <A>(page: { readonly items: ReadonlyArray<A>; readonly next?: string }, map: (item: A) => unknown = (item) => item): ApiReply =>
  json({ items: page.items.map(map), ...(page.next === undefined ? {} : { next: page.next }) }, page.next === undefined ? {} : { next: page.next })
