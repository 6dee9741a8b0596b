import { CreditNoteId, CreditNoteRepository, HouseholdId, InvoiceId, LocalDate, RegieId, unsafeBillingMonth } from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { aCreditNote, anInvoice } from "./BillingFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<CreditNoteRepository>> | Layer.Layer<CreditNoteRepository>

/**
 * The behaviour every `CreditNoteRepository` adapter must have: credit notes added once (unique
 * id, unique number per régie), listed by invoice, household, month and issue dates, unchanged.
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

    it("lists the credit notes issued between two days, both included, whatever their invoice", async () => {
      const d = LocalDate.unsafe
      const early = aCreditNote(invoice, { id: CreditNoteId.make("avoir-early"), number: "A-2026-000011", issuedOn: d("2026-03-31") }, 100)
      const first = aCreditNote(invoice, { id: CreditNoteId.make("avoir-first"), number: "A-2026-000012", issuedOn: d("2026-04-01") }, 100)
      const last = aCreditNote(other, { id: CreditNoteId.make("avoir-last"), number: "A-2026-000013", issuedOn: d("2026-04-30") })
      const late = aCreditNote(other, { id: CreditNoteId.make("avoir-late"), number: "A-2026-000014", issuedOn: d("2026-05-01") })
      const found = await run(Effect.gen(function* () {
        const repo = yield* CreditNoteRepository
        for (const note of [early, first, last, late]) yield* repo.add(note)
        return {
          april: (yield* repo.issuedBetween(d("2026-04-01"), d("2026-04-30"))).map((n) => n.id).sort(),
          oneDay: yield* repo.issuedBetween(d("2026-04-30"), d("2026-04-30")),
          none: yield* repo.issuedBetween(d("2027-01-01"), d("2027-12-31"))
        }
      }))
      expect(found.april).toEqual(["avoir-first", "avoir-last"])
      expect(found.oneDay).toEqual([last])
      expect(found.none).toEqual([])
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
