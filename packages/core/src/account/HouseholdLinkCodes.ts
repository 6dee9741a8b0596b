import { Context, type Effect, type Option } from "effect"
import type { HouseholdLinkCode } from "./HouseholdLinkCode.js"

/** Where the letter codes of households are found (the household module provides it). */
export class HouseholdLinkCodes extends Context.Tag("@spe/core/HouseholdLinkCodes")<
  HouseholdLinkCodes,
  {
    /** The letter of the household with this reference (compared after `normalizeHouseholdReference`). */
    readonly findByReference: (reference: string) => Effect.Effect<Option.Option<HouseholdLinkCode>>
  }
>() {}
