import { Context, type Effect } from "effect"
import type { RegieId } from "../shared/Ids.js"
import type { DocumentSeries } from "./DocumentNumber.js"

/**
 * Hands out the sequence numbers of a régie's documents, per year and series: 1, 2, 3… without
 * gaps or duplicates, whatever the concurrency. The database adapter draws them inside the
 * transaction that saves the document, so a rolled-back document gives its number back.
 */
export class DocumentNumbering extends Context.Tag("@spe/core/DocumentNumbering")<
  DocumentNumbering,
  {
    /** The next sequence number (starting at 1) of `series` for `regieId` in `year`. */
    readonly next: (regieId: RegieId, year: number, series: DocumentSeries) => Effect.Effect<number>
  }
>() {}
