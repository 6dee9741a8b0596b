import { Clock, Instant } from "@spe/core"
import { Effect, Layer } from "effect"

/** A clock the test moves by hand. */
export interface TestClock {
  readonly layer: Layer.Layer<Clock>
  readonly now: () => Instant.Instant
  readonly set: (instant: Instant.Instant) => void
  readonly advanceMinutes: (minutes: number) => void
}

export function makeTestClock(start: Instant.Instant | string): TestClock {
  let current = typeof start === "string" ? Instant.unsafe(start) : start
  return {
    layer: Layer.succeed(Clock, { now: Effect.sync(() => current) }),
    now: () => current,
    set: (instant) => {
      current = instant
    },
    advanceMinutes: (minutes) => {
      current = Instant.plusMinutes(current, minutes)
    }
  }
}
