import { Cents, HouseholdId, Instant, PaymentId, PaymentRepository } from "@spe/core"
import { Effect, type Layer, Option } from "effect"
import { describe, expect, it } from "vitest"
import { aPayment } from "./PaymentFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<PaymentRepository>> | Layer.Layer<PaymentRepository>

/**
 * The behaviour every `PaymentRepository` adapter must have: one payment per idempotency key,
 * even under concurrent calls, each call told which payment was kept; payments read back unchanged
 * and listed by the period they were received in.
 */
export function paymentRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, PaymentRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))

  describe(`PaymentRepository contract: ${name}`, () => {
    it("records a payment once per idempotency key and returns the kept one", async () => {
      const first = aPayment()
      const result = await run(Effect.gen(function* () {
        const repo = yield* PaymentRepository
        const created = yield* repo.recordOnce(first)
        const again = yield* repo.recordOnce(aPayment({ id: PaymentId.make("pay-2"), amount: Cents.cents(999) }))
        return { created, again, all: yield* repo.byHousehold(first.householdId) }
      }))
      expect(result.created).toEqual({ payment: first, created: true })
      expect(result.again.created).toBe(false)
      expect(result.again.payment).toEqual(first)
      expect(result.all).toEqual([first])
    })

    it("keeps exactly one payment when the same key is recorded concurrently", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* PaymentRepository
        const outcomes = yield* Effect.all(
          Array.from({ length: 20 }, (_, i) => repo.recordOnce(aPayment({ id: PaymentId.make(`pay-${i}`), idempotencyKey: "gateway:op-77" }))),
          { concurrency: "unbounded" }
        )
        return { outcomes, all: yield* repo.byHousehold(HouseholdId.make("hh-1")) }
      }))
      expect(result.outcomes.filter((o) => o.created)).toHaveLength(1)
      expect(new Set(result.outcomes.map((o) => o.payment.id)).size).toBe(1)
      expect(result.all).toHaveLength(1)
    })

    it("finds payments by id, household and key, and says which is missing", async () => {
      const mine = aPayment()
      const theirs = aPayment({ id: PaymentId.make("pay-2"), householdId: HouseholdId.make("hh-2"), idempotencyKey: "cheque:1234567" })
      const result = await run(Effect.gen(function* () {
        const repo = yield* PaymentRepository
        yield* repo.recordOnce(mine)
        yield* repo.recordOnce(theirs)
        return {
          byId: yield* repo.get(theirs.id),
          byKey: yield* repo.byIdempotencyKey("counter:R-0001"),
          noKey: yield* repo.byIdempotencyKey("counter:R-9999"),
          household: yield* repo.byHousehold(HouseholdId.make("hh-2")),
          missing: yield* Effect.flip(repo.get(PaymentId.make("pay-none")))
        }
      }))
      expect(result.byId).toEqual(theirs)
      expect(result.byKey).toEqual(Option.some(mine))
      expect(Option.isNone(result.noKey)).toBe(true)
      expect(result.household).toEqual([theirs])
      expect(result.missing._tag).toBe("PaymentNotFound")
    })

    it("lists the payments received in a period, all households, the end excluded", async () => {
      const at = (id: string, household: string, instant: string) =>
        aPayment({ id: PaymentId.make(id), householdId: HouseholdId.make(household), idempotencyKey: `counter:${id}`, receivedAt: Instant.unsafe(instant) })
      const ids = await run(Effect.gen(function* () {
        const repo = yield* PaymentRepository
        yield* repo.recordOnce(at("pay-a", "hh-1", "2026-03-31T23:59:59.999Z"))
        yield* repo.recordOnce(at("pay-b", "hh-1", "2026-04-01T00:00:00.000Z"))
        yield* repo.recordOnce(at("pay-c", "hh-2", "2026-04-15T10:00:00.000Z"))
        yield* repo.recordOnce(at("pay-d", "hh-2", "2026-05-01T00:00:00.000Z"))
        const between = (from: string, until: string) =>
          Effect.map(repo.receivedBetween(Instant.unsafe(from), Instant.unsafe(until)), (list) => list.map((p) => p.id).sort())
        return {
          april: yield* between("2026-04-01T00:00:00.000Z", "2026-05-01T00:00:00.000Z"),
          none: yield* between("2026-06-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z")
        }
      }))
      expect(ids.april).toEqual(["pay-b", "pay-c"])
      expect(ids.none).toEqual([])
    })
  })
}
