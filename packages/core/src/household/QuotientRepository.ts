import { Context, type Effect } from "effect"
import type { HouseholdId, QuotientRecordId } from "../shared/Ids.js"
import type { QuotientRecord, QuotientRecordNotFound } from "./QuotientFamilial.js"

/**
 * Where the quotient-familial records of households are kept, apart from the household: a QF
 * has its own life (declared, reviewed by an agent, replaced each year) and history, and editing
 * a household's contact details never touches it. Any adapter must pass
 * `quotientRepositoryContract` of @spe/testkit.
 */
export class QuotientRepository extends Context.Tag("@spe/core/QuotientRepository")<
  QuotientRepository,
  {
    readonly get: (id: QuotientRecordId) => Effect.Effect<QuotientRecord, QuotientRecordNotFound>
    /** Inserts or replaces the record with this id. */
    readonly save: (record: QuotientRecord) => Effect.Effect<void>
    /** The household's records, oldest submitted first (ties by id): its QF history. */
    readonly listByHousehold: (householdId: HouseholdId) => Effect.Effect<ReadonlyArray<QuotientRecord>>
  }
>() {}
