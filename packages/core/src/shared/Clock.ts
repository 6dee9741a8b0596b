import { Context, type Effect } from "effect"
import type { Instant } from "./Instant.js"

/**
 * Where "now" comes from. The core never reads the system clock; the server provides a system
 * clock and tests a controllable one (`TestClock` in @spe/testkit).
 */
export class Clock extends Context.Tag("@spe/core/Clock")<
  Clock,
  {
    readonly now: Effect.Effect<Instant>
  }
>() {}
