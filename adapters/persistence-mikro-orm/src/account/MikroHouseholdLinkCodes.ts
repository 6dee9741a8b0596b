import type { MikroORM } from "@mikro-orm/postgresql"
import { HouseholdLinkCode, HouseholdLinkCodes, normalizeHouseholdReference } from "@spe/core"
import { Effect, Layer, Option, Schema } from "effect"
import { withEntityManager } from "../UnitOfWork.js"

const encode = Schema.encodeSync(HouseholdLinkCode)
const decode = Schema.decodeUnknownSync(HouseholdLinkCode)

const UPSERT = `
  insert into household_link_code (household_id, reference_key, data)
  select c.household_id, c.reference_key, c.data
  from jsonb_to_recordset(?::jsonb) as c(household_id text, reference_key text, data jsonb)
  on conflict (household_id) do update set reference_key = excluded.reference_key, data = excluded.data`

/**
 * Stores the letter codes of households (one per household: a new letter replaces the previous
 * one), found afterwards by `mikroHouseholdLinkCodes`. Called where letters are issued (import,
 * seed, back office).
 */
export function saveHouseholdLinkCodes(orm: MikroORM, codes: ReadonlyArray<HouseholdLinkCode>): Effect.Effect<void> {
  const byHousehold = new Map(codes.map((c) => [c.householdId, c]))
  if (byHousehold.size === 0) return Effect.void
  const rows = [...byHousehold.values()].map((c) => ({
    household_id: c.householdId,
    reference_key: normalizeHouseholdReference(c.reference),
    data: encode(c)
  }))
  return Effect.asVoid(withEntityManager(orm, (em) => em.execute(UPSERT, [JSON.stringify(rows)], "run")))
}

/** `HouseholdLinkCodes` on PostgreSQL: the `household_link_code` table, by normalized reference (unique). */
export function mikroHouseholdLinkCodes(orm: MikroORM): Layer.Layer<HouseholdLinkCodes> {
  return Layer.succeed(HouseholdLinkCodes, {
    findByReference: (reference) =>
      Effect.map(
        withEntityManager(orm, (em) =>
          em.execute<Array<{ data: unknown }>>("select data from household_link_code where reference_key = ?", [normalizeHouseholdReference(reference)])
        ),
        (rows) => Option.map(Option.fromNullable(rows[0]), (row) => decode(row.data))
      )
  })
}
