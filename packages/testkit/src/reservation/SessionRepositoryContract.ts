import { ActivityId, LocalDate, SessionId, SessionRepository } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aSession } from "./BookingFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<SessionRepository>> | Layer.Layer<SessionRepository>

/**
 * The behaviour every `SessionRepository` adapter must have, starting empty: sessions read back
 * equal; a missing id named in the error; saving again replaces; removing forgets; listing by activity and date
 * range (both ends included), by date then start time.
 */
export function sessionRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, SessionRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const d = LocalDate.unsafe

  describe(`SessionRepository contract: ${name}`, () => {
    it("gives back saved sessions equal to what was saved", async () => {
      const monday = aSession("cantine", "2026-03-09")
      const evening = aSession("soir", "2026-03-09", { startsAt: "16:30", capacity: 30 })
      const found = await run(Effect.gen(function* () {
        const repository = yield* SessionRepository
        yield* repository.saveMany([monday, evening])
        return [yield* repository.get(monday.id), yield* repository.get(evening.id)] as const
      }))
      expect(found).toEqual([monday, evening])
    })

    it("says which session is missing", async () => {
      const error = await run(Effect.flip(Effect.flatMap(SessionRepository, (r) => r.get(SessionId.make("cantine:2031-01-01")))))
      expect(error._tag).toBe("SessionNotFound")
      expect(error.sessionId).toBe("cantine:2031-01-01")
    })

    it("replaces a session saved again, without duplicating it", async () => {
      const listed = await run(Effect.gen(function* () {
        const repository = yield* SessionRepository
        yield* repository.saveMany([aSession("cantine", "2026-03-09", { capacity: 2 })])
        yield* repository.saveMany([aSession("cantine", "2026-03-09", { capacity: 80 })])
        return yield* repository.listByActivity(ActivityId.make("cantine"), d("2026-03-01"), d("2026-03-31"))
      }))
      expect(listed.map((s) => s.capacity)).toEqual([80])
    })

    it("forgets removed sessions and ignores unknown ids", async () => {
      const listed = await run(Effect.gen(function* () {
        const repository = yield* SessionRepository
        yield* repository.saveMany([aSession("cantine", "2026-03-09"), aSession("cantine", "2026-03-10")])
        yield* repository.removeMany([SessionId.make("cantine:2026-03-09"), SessionId.make("cantine:2031-01-01")])
        yield* repository.removeMany([])
        return [
          (yield* repository.listByActivity(ActivityId.make("cantine"), d("2026-03-01"), d("2026-03-31"))).map((s) => s.id),
          (yield* Effect.flip(repository.get(SessionId.make("cantine:2026-03-09"))))._tag
        ] as const
      }))
      expect(listed).toEqual([["cantine:2026-03-10"], "SessionNotFound"])
    })

    it("lists an activity's sessions in a date range, both ends included, by date then start time", async () => {
      const listed = await run(Effect.gen(function* () {
        const repository = yield* SessionRepository
        yield* repository.saveMany([
          aSession("mercredi", "2026-03-11", { startsAt: "13:30" }),
          aSession("cantine", "2026-03-12"),
          aSession("cantine", "2026-03-09"),
          aSession("cantine", "2026-03-06"),
          aSession("cantine", "2026-03-13"),
          aSession("soir", "2026-03-10")
        ])
        return yield* repository.listByActivity(ActivityId.make("cantine"), d("2026-03-09"), d("2026-03-12"))
      }))
      expect(listed.map((s) => s.id)).toEqual(["cantine:2026-03-09", "cantine:2026-03-12"])
    })
  })
}
