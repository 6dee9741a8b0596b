import { Instant, loadRequestBacklog, RequestId } from "@spe/core"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { inMemoryRequestRepository } from "./InMemoryRequestRepository.js"
import { aRequest } from "./RequestFixtures.js"

describe("the requests waiting for the town or the family", () => {
  it("counts them by status with the age of the oldest in Paris days, leaving decided ones out", async () => {
    const at = (id: string, status: "submitted" | "inReview" | "accepted", submittedAt: string) =>
      aRequest({ id: RequestId.make(id), status, submittedAt: Instant.unsafe(submittedAt) })
    const repository = inMemoryRequestRepository([
      at("req-1", "submitted", "2026-11-20T09:00:00Z"),
      at("req-2", "submitted", "2026-11-02T11:10:00Z"),
      at("req-3", "inReview", "2026-11-25T23:30:00Z"),
      at("req-4", "accepted", "2026-10-01T09:00:00Z")
    ])
    const backlog = await Effect.runPromise(Effect.provide(loadRequestBacklog(Instant.unsafe("2026-11-26T08:00:00Z")), repository))
    expect(backlog.lines.map((l) => [l.status, l.label, l.count, l.oldestSubmittedAt, l.oldestAgeDays])).toEqual([
      ["submitted", "envoyée", 2, "2026-11-02T11:10:00.000Z", 24],
      ["inReview", "en cours d'examen", 1, "2026-11-25T23:30:00.000Z", 0],
      ["informationRequested", "en attente de complément", 0, undefined, undefined]
    ])
    expect(backlog.total).toBe(3)
  })
})
