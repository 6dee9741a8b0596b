import type { MikroORM } from "@mikro-orm/postgresql"
import { DocumentNumbering } from "@spe/core"
import { Effect, Layer } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const NEXT = `
  insert into document_counter (regie_id, year, series, last_number)
  values (?, ?, ?, 1)
  on conflict (regie_id, year, series) do update set last_number = document_counter.last_number + 1
  returning last_number`

/**
 * `DocumentNumbering` on PostgreSQL: one counter row per régie, year and series, incremented in
 * one statement that locks the row until the caller's transaction ends. Concurrent draws wait for
 * each other; a rolled-back transaction gives its number back, so committed numbers have no gaps.
 */
export function mikroDocumentNumbering(orm: MikroORM): Layer.Layer<DocumentNumbering> {
  return Layer.succeed(DocumentNumbering, {
    next: (regieId, year, series) =>
      Effect.flatMap(
        withEntityManager(orm, (em) => em.execute<Array<{ last_number: number }>>(NEXT, [regieId, year, series])),
        (rows) => {
          const drawn = rows[0]?.last_number
          return drawn === undefined ? Effect.dieMessage(`No number drawn for ${regieId} ${year} ${series}`) : Effect.succeed(drawn)
        }
      )
  })
}
