import { AccountId, DocumentId, HouseholdId, Instant, type Request, RequestHistoryEntry, RequestId, RequestRepository } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anAccountCreationRequest, aRequest, samplePayloads } from "./RequestFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<RequestRepository>> | Layer.Layer<RequestRepository>

const ids = (requests: ReadonlyArray<Request>) => requests.map((r) => r.id)

/**
 * The behaviour every `RequestRepository` adapter must have: requests kept unchanged (history,
 * messages and payload included), replaced by id, listed by household, account and document newest
 * first with filters, and the agents' inbox filtered by type, status, age and who took it, oldest first, paged.
 * `makeLayer` gives an empty store each time.
 */
export function requestRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, RequestRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const at = (day: number) => Instant.unsafe(`2026-06-${String(day).padStart(2, "0")}T07:00:00Z`)
  const r1 = aRequest({ id: RequestId.make("req-1"), submittedAt: at(1), payload: samplePayloads.quotientUpdate, attachments: [DocumentId.make("doc-avis-2025")] })
  const r2 = aRequest({ id: RequestId.make("req-2"), submittedAt: at(2), payload: samplePayloads.enrollment, status: "inReview" })
  const r3 = aRequest({
    id: RequestId.make("req-3"),
    submittedAt: at(3),
    householdId: HouseholdId.make("hh-martin"),
    accountId: AccountId.make("acc-martin"),
    payload: samplePayloads.absenceJustification,
    attachments: [DocumentId.make("doc-certif"), DocumentId.make("doc-avis-2025")]
  })
  const r4 = aRequest({ id: RequestId.make("req-4"), submittedAt: at(4), payload: samplePayloads.freeMessage, status: "accepted" })
  const unlinked = anAccountCreationRequest({ id: RequestId.make("req-5"), submittedAt: at(5), updatedAt: at(5) })
  const all = [r3, r1, unlinked, r4, r2]
  const saveAll = Effect.gen(function* () {
    const repo = yield* RequestRepository
    for (const r of all) yield* repo.save(r)
    return repo
  })

  describe(`RequestRepository contract: ${name}`, () => {
    it("gives back a saved request unchanged, and RequestNotFound for an unknown id", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        return { r1: yield* repo.get(r1.id), unlinked: yield* repo.get(unlinked.id), missing: yield* Effect.flip(repo.get(RequestId.make("req-none"))) }
      }))
      expect(result.r1).toEqual(r1)
      expect(result.unlinked).toEqual(unlinked)
      expect(result.unlinked.householdId).toBeUndefined()
      expect(result.missing._tag).toBe("RequestNotFound")
      expect(result.missing.requestId).toBe("req-none")
    })

    it("replaces a request saved again with the same id", async () => {
      const answered = aRequest({ ...r2, status: "accepted", updatedAt: at(9), messages: [] })
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        yield* repo.save(answered)
        return { found: yield* repo.get(r2.id), household: yield* repo.listByHousehold(HouseholdId.make("hh-concerto")) }
      }))
      expect(result.found).toEqual(answered)
      expect(ids(result.household)).toEqual(["req-4", "req-2", "req-1"])
    })

    it("lists a household's and an account's requests newest first, with filters", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        const concerto = HouseholdId.make("hh-concerto")
        return {
          all: yield* repo.listByHousehold(concerto),
          open: yield* repo.listByHousehold(concerto, { statuses: ["submitted", "inReview"] }),
          qf: yield* repo.listByHousehold(concerto, { kinds: ["QuotientUpdate"] }),
          none: yield* repo.listByHousehold(HouseholdId.make("hh-none")),
          account: yield* repo.listByAccount(AccountId.make("acc-concerto")),
          newcomer: yield* repo.listByAccount(AccountId.make("acc-new"), { kinds: ["AccountCreation"] })
        }
      }))
      expect(ids(result.all)).toEqual(["req-4", "req-2", "req-1"])
      expect(ids(result.open)).toEqual(["req-2", "req-1"])
      expect(ids(result.qf)).toEqual(["req-1"])
      expect(result.none).toEqual([])
      expect(ids(result.account)).toEqual(["req-4", "req-2", "req-1"])
      expect(ids(result.newcomer)).toEqual(["req-5"])
    })

    it("lists the requests a document is attached to", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        return { avis: yield* repo.listByDocument(DocumentId.make("doc-avis-2025")), unused: yield* repo.listByDocument(DocumentId.make("doc-none")) }
      }))
      expect(ids(result.avis)).toEqual(["req-3", "req-1"])
      expect(result.unused).toEqual([])
    })

    it("pages the inbox oldest first, filtered by type, status and age, with the total", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* saveAll
        return {
          first: yield* repo.inbox({}, { offset: 0, limit: 2 }),
          second: yield* repo.inbox({}, { offset: 2, limit: 2 }),
          beyond: yield* repo.inbox({}, { offset: 10, limit: 2 }),
          open: yield* repo.inbox({ statuses: ["submitted", "inReview", "informationRequested"] }, { offset: 0, limit: 10 }),
          kinds: yield* repo.inbox({ kinds: ["AbsenceJustification", "AccountCreation"] }, { offset: 0, limit: 10 }),
          old: yield* repo.inbox({ submittedBefore: at(3) }, { offset: 0, limit: 10 }),
          recent: yield* repo.inbox({ submittedFrom: at(3), submittedBefore: at(5) }, { offset: 0, limit: 10 })
        }
      }))
      expect(ids(result.first.items)).toEqual(["req-1", "req-2"])
      expect(result.first.total).toBe(5)
      expect(ids(result.second.items)).toEqual(["req-3", "req-4"])
      expect(result.beyond).toEqual({ items: [], total: 5 })
      expect(ids(result.open.items)).toEqual(["req-1", "req-2", "req-3", "req-5"])
      expect(ids(result.kinds.items)).toEqual(["req-3", "req-5"])
      expect(ids(result.old.items)).toEqual(["req-1", "req-2"])
      expect(ids(result.recent.items)).toEqual(["req-3", "req-4"])
      expect(result.recent.total).toBe(2)
    })

    it("filters the inbox by the agent who took each request last, or by requests nobody took", async () => {
      const agent = (accountId: string, displayName: string) => ({ _tag: "Agent" as const, accountId: AccountId.make(accountId), displayName })
      const family = { _tag: "Family" as const, accountId: AccountId.make("acc-concerto") }
      const taken = (id: string, day: number, authors: ReadonlyArray<RequestHistoryEntry["author"]>) =>
        aRequest({
          id: RequestId.make(id),
          submittedAt: at(day),
          status: "inReview",
          history: [
            new RequestHistoryEntry({ at: at(day), author: family, to: "submitted" }),
            ...authors.map((author, i) => new RequestHistoryEntry({ at: at(day + i + 1), author, from: "submitted", to: "inReview" }))
          ]
        })
      const byClaire = taken("req-claire", 1, [agent("acc-claire", "Claire DUBOIS")])
      const passedOn = taken("req-passed", 2, [agent("acc-claire", "Claire DUBOIS"), agent("acc-marc", "Marc LEROY")])
      const answered = taken("req-answered", 3, [agent("acc-marc", "Marc LEROY"), family])
      const untouched = aRequest({ id: RequestId.make("req-untouched"), submittedAt: at(4) })
      const result = await run(Effect.gen(function* () {
        const repo = yield* RequestRepository
        for (const r of [untouched, answered, passedOn, byClaire]) yield* repo.save(r)
        return {
          claire: yield* repo.inbox({ takenBy: AccountId.make("acc-claire") }, { offset: 0, limit: 10 }),
          marc: yield* repo.inbox({ takenBy: AccountId.make("acc-marc") }, { offset: 0, limit: 10 }),
          nobody: yield* repo.inbox({ takenBy: "nobody" }, { offset: 0, limit: 10 }),
          marcInReview: yield* repo.inbox({ takenBy: AccountId.make("acc-marc"), statuses: ["inReview"], submittedBefore: at(3) }, { offset: 0, limit: 10 })
        }
      }))
      expect(ids(result.claire.items)).toEqual(["req-claire"])
      expect(ids(result.marc.items)).toEqual(["req-passed", "req-answered"])
      expect(result.marc.total).toBe(2)
      expect(ids(result.nobody.items)).toEqual(["req-untouched"])
      expect(ids(result.marcInReview.items)).toEqual(["req-passed"])
    })
  })
}
