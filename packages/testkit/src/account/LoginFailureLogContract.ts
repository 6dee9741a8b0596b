import { Instant, LoginFailureLog } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = () => Promise<Layer.Layer<LoginFailureLog>> | Layer.Layer<LoginFailureLog>

/**
 * The behaviour every `LoginFailureLog` adapter must have: failures counted per identifier and per
 * address from `since` (included), an identifier's failures forgotten without changing the
 * address's count.
 */
export function loginFailureLogContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, LoginFailureLog>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const t = (minute: number) => Instant.plusMinutes(Instant.unsafe("2026-03-27T08:00:00Z"), minute)

  describe(`LoginFailureLog contract: ${name}`, () => {
    it("answers the failures with the identifier and from the address since an instant", async () => {
      const result = await run(Effect.gen(function* () {
        const log = yield* LoginFailureLog
        yield* log.record({ identifier: "anne", address: "10.0.0.1", at: t(0) })
        yield* log.record({ identifier: "anne", address: "10.0.0.2", at: t(5) })
        yield* log.record({ identifier: "paul", address: "10.0.0.1", at: t(6) })
        yield* log.record({ identifier: "anne", address: "10.0.0.1", at: t(10) })
        return { all: yield* log.recentFailures("anne", "10.0.0.1", t(0)), recent: yield* log.recentFailures("anne", "10.0.0.1", t(6)) }
      }))
      expect([...result.all.forIdentifier].sort()).toEqual([t(0), t(5), t(10)])
      expect([...result.all.fromAddress].sort()).toEqual([t(0), t(6), t(10)])
      expect([...result.recent.forIdentifier].sort()).toEqual([t(10)])
      expect([...result.recent.fromAddress].sort()).toEqual([t(6), t(10)])
    })

    it("forgets an identifier's failures but keeps counting them for the address", async () => {
      const result = await run(Effect.gen(function* () {
        const log = yield* LoginFailureLog
        yield* log.record({ identifier: "anne", address: "10.0.0.1", at: t(0) })
        yield* log.record({ identifier: "paul", address: "10.0.0.1", at: t(1) })
        yield* log.clearIdentifier("anne")
        return { anne: yield* log.recentFailures("anne", "10.0.0.1", t(0)), paul: yield* log.recentFailures("paul", "10.0.0.9", t(0)) }
      }))
      expect(result.anne.forIdentifier).toEqual([])
      expect(result.anne.fromAddress.length).toBe(2)
      expect(result.paul.forIdentifier).toEqual([t(1)])
      expect(result.paul.fromAddress).toEqual([])
    })
  })
}
