import { Context, type Effect } from "effect"

/**
 * Where new identifiers come from (random in production, sequential in tests). The core never
 * draws randomness itself.
 */
export class IdGenerator extends Context.Tag("@spe/core/IdGenerator")<
  IdGenerator,
  {
    /** A fresh identifier, unique across the installation; `prefix` names the kind (`hh`, `res`). */
    readonly next: (prefix: string) => Effect.Effect<string>
  }
>() {}
