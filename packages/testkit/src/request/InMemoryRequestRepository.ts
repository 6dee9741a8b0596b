import { type FamilyRequestFilter, type Request, requestAssignee, RequestNotFound, RequestRepository, type RequestInboxFilter } from "@spe/core"
import { Effect, Layer } from "effect"

const matchesFamilyFilter = (request: Request, filter: FamilyRequestFilter = {}): boolean =>
  (filter.statuses === undefined || filter.statuses.includes(request.status)) &&
  (filter.kinds === undefined || filter.kinds.includes(request.payload._tag))

const matchesInbox = (request: Request, filter: RequestInboxFilter): boolean =>
  matchesFamilyFilter(request, filter) &&
  (filter.submittedBefore === undefined || request.submittedAt < filter.submittedBefore) &&
  (filter.submittedFrom === undefined || request.submittedAt >= filter.submittedFrom) &&
  (filter.takenBy === undefined || (requestAssignee(request)?.accountId ?? "nobody") === filter.takenBy)

/** Requests kept in a map; each call gives a fresh store, shared by every use of the layer. */
export function inMemoryRequestRepository(initial: ReadonlyArray<Request> = []): Layer.Layer<RequestRepository> {
  const requests = new Map(initial.map((r) => [r.id, r]))
  const oldestFirst = (keep: (r: Request) => boolean): ReadonlyArray<Request> =>
    [...requests.values()]
      .map((request, order) => ({ request, order }))
      .filter(({ request }) => keep(request))
      .sort((a, b) => (a.request.submittedAt < b.request.submittedAt ? -1 : a.request.submittedAt > b.request.submittedAt ? 1 : a.order - b.order))
      .map(({ request }) => request)
  const newestFirst = (keep: (r: Request) => boolean) => [...oldestFirst(keep)].reverse()
  return Layer.succeed(RequestRepository, {
    get: (id) =>
      Effect.suspend(() => {
        const found = requests.get(id)
        return found === undefined ? Effect.fail(new RequestNotFound({ requestId: id })) : Effect.succeed(found)
      }),
    save: (request) => Effect.sync(() => void requests.set(request.id, request)),
    listByHousehold: (householdId, filter) =>
      Effect.sync(() => newestFirst((r) => r.householdId === householdId && matchesFamilyFilter(r, filter))),
    listByAccount: (accountId, filter) => Effect.sync(() => newestFirst((r) => r.accountId === accountId && matchesFamilyFilter(r, filter))),
    listByDocument: (documentId) => Effect.sync(() => newestFirst((r) => r.attachments.includes(documentId))),
    inbox: (filter, page) =>
      Effect.sync(() => {
        const all = oldestFirst((r) => matchesInbox(r, filter))
        return { items: all.slice(page.offset, page.offset + page.limit), total: all.length }
      })
  })
}
