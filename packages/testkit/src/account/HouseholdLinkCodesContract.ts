import { HouseholdId, HouseholdLinkCode, HouseholdLinkCodes, Instant, Sha256Hex } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"

type MakeLayer = (codes: ReadonlyArray<HouseholdLinkCode>) => Promise<Layer.Layer<HouseholdLinkCodes>> | Layer.Layer<HouseholdLinkCodes>

/**
 * The behaviour every `HouseholdLinkCodes` adapter must have: a household's letter found by its
 * reference, typed with spaces or in lower case; nothing for an unknown reference.
 * `makeLayer` is given the letters the store must hold.
 */
export function householdLinkCodesContract(name: string, makeLayer: MakeLayer): void {
  const concerto = new HouseholdLinkCode({
    householdId: HouseholdId.make("hh-concerto"),
    reference: "FAM-000042",
    codeHash: Sha256Hex.make("c".repeat(64)),
    expiresAt: Instant.unsafe("2026-09-30T22:00:00Z")
  })
  const martin = new HouseholdLinkCode({ householdId: HouseholdId.make("hh-martin"), reference: "FAM-000043", codeHash: Sha256Hex.make("d".repeat(64)) })

  describe(`HouseholdLinkCodes contract: ${name}`, () => {
    it("finds a letter by reference whatever the case and spaces, nothing for another", async () => {
      const layer = await makeLayer([concerto, martin])
      const result = await Effect.runPromise(
        Effect.gen(function* () {
          const codes = yield* HouseholdLinkCodes
          return {
            exact: yield* codes.findByReference("FAM-000042"),
            typed: yield* codes.findByReference(" fam-000043 "),
            unknown: yield* codes.findByReference("FAM-999999")
          }
        }).pipe(Effect.provide(layer))
      )
      expect(Option.getOrUndefined(result.exact)).toEqual(concerto)
      expect(Option.getOrUndefined(result.typed)).toEqual(martin)
      expect(Option.isNone(result.unknown)).toBe(true)
    })
  })
}
