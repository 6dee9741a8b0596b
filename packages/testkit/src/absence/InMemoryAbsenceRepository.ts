import { type Absence, type AbsenceId, AbsenceNotFound, AbsenceRepository } from "@spe/core"
import { Effect, Layer } from "effect"

const byStart = (a: Absence, b: Absence): number => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Absences in a map, by id. */
export function inMemoryAbsenceRepository(initial: ReadonlyArray<Absence> = []): Layer.Layer<AbsenceRepository> {
  const byId = new Map<AbsenceId, Absence>(initial.map((a) => [a.id, a]))
  const overlapping = (start: string, end: string, keep: (a: Absence) => boolean) =>
    Effect.sync(() => [...byId.values()].filter((a) => keep(a) && a.start <= end && a.end >= start).sort(byStart))
  return Layer.succeed(AbsenceRepository, {
    save: (absence) =>
      Effect.sync(() => {
        byId.set(absence.id, absence)
      }),
    get: (id) =>
      Effect.suspend(() => {
        const found = byId.get(id)
        return found === undefined ? Effect.fail(new AbsenceNotFound({ absenceId: id })) : Effect.succeed(found)
      }),
    forChild: (childId, start, end) => overlapping(start, end, (a) => a.childId === childId),
    forHousehold: (householdId, start, end) => overlapping(start, end, (a) => a.householdId === householdId)
  })
}
