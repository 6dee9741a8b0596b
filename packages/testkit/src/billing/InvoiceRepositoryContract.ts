import {
  AccountId,
  HouseholdId,
  InvoiceId,
  InvoiceRepository,
  LocalDate,
  RegieId,
  SessionId,
  TreasuryTransmission,
  unsafeBillingMonth
} from "@spe/core"
import { Effect, type Layer } from "effect"
import { describe, expect, it } from "vitest"
import { anInvoice, anInvoiceLine } from "./BillingFixtures.js"

type MakeLayer = () => Promise<Layer.Layer<InvoiceRepository>> | Layer.Layer<InvoiceRepository>

/**
 * The behaviour every `InvoiceRepository` adapter must have: invoices added once (unique id, unique
 * number per régie), read back unchanged, listed by household and by month, found by criteria,
 * and transmitted to the Treasury once.
 */
export function invoiceRepositoryContract(name: string, makeLayer: MakeLayer): void {
  const run = async <A, E>(effect: Effect.Effect<A, E, InvoiceRepository>): Promise<A> =>
    Effect.runPromise(Effect.provide(effect, await makeLayer()))
  const transmission = TreasuryTransmission.make({ sentOn: LocalDate.unsafe("2026-05-15"), by: AccountId.make("agent-regie") })

  describe(`InvoiceRepository contract: ${name}`, () => {
    it("gives back an added invoice unchanged, lines and amounts included", async () => {
      const invoice = anInvoice({ lines: [anInvoiceLine(), anInvoiceLine({ sessionId: SessionId.make("canteen-2026-03-05"), date: LocalDate.unsafe("2026-03-05") })] })
      const found = await run(Effect.gen(function* () {
        const repo = yield* InvoiceRepository
        yield* repo.add(invoice)
        return yield* repo.get(invoice.id)
      }))
      expect(found).toEqual(invoice)
    })

    it("says which invoice is missing", async () => {
      const error = await run(Effect.flip(Effect.flatMap(InvoiceRepository, (r) => r.get(InvoiceId.make("inv-nope")))))
      expect(error._tag).toBe("InvoiceNotFound")
      expect(error.invoiceId).toBe("inv-nope")
    })

    it("refuses a second invoice with the same id, or the same number in the same régie", async () => {
      const errors = await run(Effect.gen(function* () {
        const repo = yield* InvoiceRepository
        yield* repo.add(anInvoice())
        const sameId = yield* Effect.flip(repo.add(anInvoice({ number: "F-2026-000002" })))
        const sameNumber = yield* Effect.flip(repo.add(anInvoice({ id: InvoiceId.make("inv-2") })))
        yield* repo.add(anInvoice({ id: InvoiceId.make("inv-3"), regieId: RegieId.make("regie-restauration") }))
        return { sameId, sameNumber, count: (yield* repo.byHousehold(HouseholdId.make("hh-1"))).length }
      }))
      expect(errors.sameId._tag).toBe("InvoiceAlreadyRecorded")
      expect(errors.sameNumber._tag).toBe("InvoiceAlreadyRecorded")
      expect(errors.count).toBe(2)
    })

    it("lists the invoices of one household and of one month", async () => {
      const lists = await run(Effect.gen(function* () {
        const repo = yield* InvoiceRepository
        yield* repo.add(anInvoice())
        yield* repo.add(anInvoice({ id: InvoiceId.make("inv-2"), number: "F-2026-000002", householdId: HouseholdId.make("hh-2") }))
        yield* repo.add(anInvoice({ id: InvoiceId.make("inv-3"), number: "F-2026-000003", period: unsafeBillingMonth("2026-04") }))
        return {
          household: (yield* repo.byHousehold(HouseholdId.make("hh-1"))).map((i) => i.id).sort(),
          march: (yield* repo.byPeriod(unsafeBillingMonth("2026-03"))).map((i) => i.id).sort(),
          nobody: yield* repo.byHousehold(HouseholdId.make("hh-none"))
        }
      }))
      expect(lists.household).toEqual(["inv-1", "inv-3"])
      expect(lists.march).toEqual(["inv-1", "inv-2"])
      expect(lists.nobody).toEqual([])
    })

    it("finds invoices by part of the number, households, month, issue dates and due date", async () => {
      const found = await run(Effect.gen(function* () {
        const repo = yield* InvoiceRepository
        yield* repo.add(anInvoice())
        yield* repo.add(anInvoice({
          id: InvoiceId.make("inv-2"),
          number: "F-2026-000012",
          householdId: HouseholdId.make("hh-2"),
          issuedOn: LocalDate.unsafe("2026-04-03"),
          dueOn: LocalDate.unsafe("2026-05-03")
        }))
        yield* repo.add(anInvoice({
          id: InvoiceId.make("inv-3"),
          number: "F-2026-000013",
          period: unsafeBillingMonth("2026-04"),
          issuedOn: LocalDate.unsafe("2026-05-02"),
          dueOn: LocalDate.unsafe("2026-06-01")
        }))
        const ids = (criteria: Parameters<typeof repo.search>[0]) => Effect.map(repo.search(criteria), (list) => list.map((i) => i.id).sort())
        return {
          all: yield* ids({}),
          number: yield* ids({ number: "f-2026-00001" }),
          exactNumber: yield* ids({ number: " F-2026-000013 " }),
          households: yield* ids({ householdIds: [HouseholdId.make("hh-2"), HouseholdId.make("hh-9")] }),
          noHousehold: yield* ids({ householdIds: [] }),
          period: yield* ids({ period: unsafeBillingMonth("2026-03") }),
          issued: yield* ids({ issuedFrom: LocalDate.unsafe("2026-04-02"), issuedTo: LocalDate.unsafe("2026-05-02") }),
          due: yield* ids({ dueBefore: LocalDate.unsafe("2026-05-03") }),
          together: yield* ids({ number: "0000", period: unsafeBillingMonth("2026-03"), householdIds: [HouseholdId.make("hh-1")] }),
          wildcard: yield* ids({ number: "%" })
        }
      }))
      expect(found.all).toEqual(["inv-1", "inv-2", "inv-3"])
      expect(found.number).toEqual(["inv-2", "inv-3"])
      expect(found.exactNumber).toEqual(["inv-3"])
      expect(found.households).toEqual(["inv-2"])
      expect(found.noHousehold).toEqual([])
      expect(found.period).toEqual(["inv-1", "inv-2"])
      expect(found.issued).toEqual(["inv-2", "inv-3"])
      expect(found.due).toEqual(["inv-1"])
      expect(found.together).toEqual(["inv-1"])
      expect(found.wildcard).toEqual([])
    })

    it("records the Treasury transmission once and changes nothing else", async () => {
      const invoice = anInvoice()
      const result = await run(Effect.gen(function* () {
        const repo = yield* InvoiceRepository
        yield* repo.add(invoice)
        const sent = yield* repo.markSentToTreasury(invoice.id, transmission)
        const again = yield* Effect.flip(repo.markSentToTreasury(invoice.id, transmission))
        const missing = yield* Effect.flip(repo.markSentToTreasury(InvoiceId.make("inv-nope"), transmission))
        return { sent, stored: yield* repo.get(invoice.id), again, missing }
      }))
      expect(result.sent.sentToTreasury).toEqual(transmission)
      expect(result.stored.sentToTreasury).toEqual(transmission)
      expect(result.stored.lines).toEqual(invoice.lines)
      expect(result.stored.number).toBe(invoice.number)
      expect(result.again._tag).toBe("InvoiceAlreadySentToTreasury")
      expect(result.missing._tag).toBe("InvoiceNotFound")
    })
  })
}
