import { CreditNoteId, CreditNoteRepository, HouseholdId, InvoiceId, RegieId, unsafeBillingMonth } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aCreditNote, anInvoice } from "./BillingFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<CreditNoteRepository>> | Layer.Layer<CreditNoteRepository>

/**
 * The behaviour every `CreditNoteRepository` adapter must have: credit notes added once (unique
 * id, unique number per régie), listed by invoice, household and month, unchanged.
 */
export function creditNoteRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, CreditNoteRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const invoice = anInvoice()
  const other = anInvoice({ id: InvoiceId.make("inv-2"), number: "F-2026-000002", householdId: HouseholdId.make("hh-2"), period: unsafeBillingMonth("2026-04") })

  describe(`CreditNoteRepository contract: ${name}`, () => {
    it("lists added credit notes by invoice, household and month, unchanged", async () => {
      const first = aCreditNote(invoice, {}, 150)
      const second = aCreditNote(invoice, { id: CreditNoteId.make("avoir-2"), number: "A-2026-000002" }, 200)
      const third = aCreditNote(other, { id: CreditNoteId.make("avoir-3"), number: "A-2026-000003" })
      const lists = await run(Effect.gen(function* () {
        const repo = yield* CreditNoteRepository
        yield* repo.add(first)
        yield* repo.add(second)
        yield* repo.add(third)
        return {
          byInvoice: yield* repo.byInvoice(invoice.id),
          byHousehold: (yield* repo.byHousehold(HouseholdId.make("hh-2"))).map((n) => n.id),
          march: (yield* repo.byPeriod(unsafeBillingMonth("2026-03"))).map((n) => n.id).sort(),
          none: yield* repo.byInvoice(InvoiceId.make("inv-none"))
        }
      }))
      expect([...lists.byInvoice].sort((a, b) => a.number.localeCompare(b.number))).toEqual([first, second])
      expect(lists.byHousehold).toEqual(["avoir-3"])
      expect(lists.march).toEqual(["avoir-2", "avoir-inv-1"])
      expect(lists.none).toEqual([])
    })

    it("refuses a second credit note with the same id, or the same number in the same régie", async () => {
      const result = await run(Effect.gen(function* () {
        const repo = yield* CreditNoteRepository
        yield* repo.add(aCreditNote(invoice))
        const sameId = yield* Effect.flip(repo.add(aCreditNote(invoice, { number: "A-2026-000009" })))
        const sameNumber = yield* Effect.flip(repo.add(aCreditNote(invoice, { id: CreditNoteId.make("avoir-9") })))
        yield* repo.add(aCreditNote(invoice, { id: CreditNoteId.make("avoir-10"), regieId: RegieId.make("regie-restauration") }))
        return { sameId, sameNumber, count: (yield* repo.byInvoice(invoice.id)).length }
      }))
      expect(result.sameId._tag).toBe("CreditNoteAlreadyRecorded")
      expect(result.sameNumber._tag).toBe("CreditNoteAlreadyRecorded")
      expect(result.count).toBe(2)
    })
  })
}
