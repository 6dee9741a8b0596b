import { Invoice, InvoiceAlreadyRecorded, InvoiceAlreadySentToTreasury, type InvoiceId, invoiceMatches, InvoiceNotFound, InvoiceRepository } from "@spe/core"
import { Effect, Layer } from "effect"

/** Invoices in a map, unique by id and by (régie, number). */
export function inMemoryInvoiceRepository(): Layer.Layer<InvoiceRepository> {
  const byId = new Map<InvoiceId, Invoice>()
  return Layer.succeed(InvoiceRepository, {
    add: (invoice) =>
      Effect.suspend(() => {
        const clash = byId.has(invoice.id) ||
          [...byId.values()].some((i) => i.regieId === invoice.regieId && i.number === invoice.number)
        if (clash) return Effect.fail(new InvoiceAlreadyRecorded({ invoiceId: invoice.id, number: invoice.number }))
        byId.set(invoice.id, invoice)
        return Effect.void
      }),
    get: (id) =>
      Effect.suspend(() => {
        const invoice = byId.get(id)
        return invoice === undefined ? Effect.fail(new InvoiceNotFound({ invoiceId: id })) : Effect.succeed(invoice)
      }),
    byHousehold: (householdId) => Effect.sync(() => [...byId.values()].filter((i) => i.householdId === householdId)),
    byPeriod: (period) => Effect.sync(() => [...byId.values()].filter((i) => i.period === period)),
    search: (criteria) => Effect.sync(() => [...byId.values()].filter((i) => invoiceMatches(i, criteria))),
    markSentToTreasury: (id, transmission) =>
      Effect.suspend((): Effect.Effect<Invoice, InvoiceNotFound | InvoiceAlreadySentToTreasury> => {
        const invoice = byId.get(id)
        if (invoice === undefined) return Effect.fail(new InvoiceNotFound({ invoiceId: id }))
        if (invoice.sentToTreasury !== undefined) {
          return Effect.fail(new InvoiceAlreadySentToTreasury({ invoiceNumber: invoice.number, sentOn: invoice.sentToTreasury.sentOn }))
        }
        const sent = Invoice.make({ ...invoice, sentToTreasury: transmission })
        byId.set(id, sent)
        return Effect.succeed(sent)
      })
  })
}
