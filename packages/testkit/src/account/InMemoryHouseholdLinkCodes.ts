import { type HouseholdLinkCode, HouseholdLinkCodes, normalizeHouseholdReference } from "@spe/core"
import { Effect, Layer, Option } from "effect"

/** Letter codes given at creation, found by reference (compared normalized). */
export function inMemoryHouseholdLinkCodes(codes: ReadonlyArray<HouseholdLinkCode>): Layer.Layer<HouseholdLinkCodes> {
  return Layer.succeed(HouseholdLinkCodes, {
    findByReference: (reference) =>
      Effect.sync(() =>
        Option.fromNullable(codes.find((c) => normalizeHouseholdReference(c.reference) === normalizeHouseholdReference(reference)))
      )
  })
}
