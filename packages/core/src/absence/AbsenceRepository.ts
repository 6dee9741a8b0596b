import { Context, type Effect } from "effect"
import type { AbsenceId, HouseholdId, MemberId } from "../shared/Ids.js"
import type { LocalDate } from "../shared/LocalDate.js"
import type { Absence } from "./Absence.js"
import type { AbsenceNotFound } from "./AbsenceErrors.js"

/** Where reported absences are kept. */
export class AbsenceRepository extends Context.Tag("@spe/core/AbsenceRepository")<
  AbsenceRepository,
  {
    /** Saves an absence, replacing the one with the same id. */
    readonly save: (absence: Absence) => Effect.Effect<void>
    readonly get: (id: AbsenceId) => Effect.Effect<Absence, AbsenceNotFound>
    /** The child's absences overlapping `start`–`end` (both included), by first day. */
    readonly forChild: (childId: MemberId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<Absence>>
    /** The household's absences overlapping `start`–`end`, by first day. */
    readonly forHousehold: (householdId: HouseholdId, start: LocalDate, end: LocalDate) => Effect.Effect<ReadonlyArray<Absence>>
  }
>() {}
