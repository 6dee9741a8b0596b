import { type CreditNote, CreditNoteAlreadyRecorded, type CreditNoteId, CreditNoteRepository } from "@spe/core"
import { Effect, Layer } from "effect"

/** Credit notes in a map, unique by id and by (régie, number). */
export function inMemoryCreditNoteRepository(): Layer.Layer<CreditNoteRepository> {
  const byId = new Map<CreditNoteId, CreditNote>()
  const all = () => [...byId.values()]
  return Layer.succeed(CreditNoteRepository, {
    add: (note) =>
      Effect.suspend(() => {
        const clash = byId.has(note.id) || all().some((n) => n.regieId === note.regieId && n.number === note.number)
        if (clash) return Effect.fail(new CreditNoteAlreadyRecorded({ creditNoteId: note.id, number: note.number }))
        byId.set(note.id, note)
        return Effect.void
      }),
    byInvoice: (invoiceId) => Effect.sync(() => all().filter((n) => n.invoiceId === invoiceId)),
    byHousehold: (householdId) => Effect.sync(() => all().filter((n) => n.householdId === householdId)),
    byPeriod: (period) => Effect.sync(() => all().filter((n) => n.period === period)),
    issuedBetween: (from, to) => Effect.sync(() => all().filter((n) => n.issuedOn >= from && n.issuedOn <= to))
  })
}
